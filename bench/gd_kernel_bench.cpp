// Where the fast GD path's time goes on the paper's literal d = 2 run: the cost per step and per
// active point late in the run, against the cost of one full-precision exp per active point. That
// cost would be the floor of a kernel that computes every exponential; this one reuses exponentials
// across the period-2 oscillation (gd_engine.cpp, shortcut 3), so late in the run most blocks take
// a degree-6 polynomial instead, and a step can cost less than the exps alone. It also prints the
// premise of that reuse: how far margins move over one step and over two.
//   build-bench/bench/gd_kernel_bench [warmup_steps] [segment_steps] [segments] [threads]
// Data: the paper's D(1000,1000), S(350,350), seed 1; η = 1e-2, summed logistic loss. The run
// is advanced to `warmup_steps` (default 10^6), then `segments` (default 15) segments of
// `segment_steps` (default 10^5) are timed; the best and the median are printed (the machine's
// other tenants make single timings vary by ±15%).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const long long warmup = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const long long segment = argc > 2 ? std::atoll(argv[2]) : 100000;
  const int segments = argc > 3 ? std::atoi(argv[3]) : 15;
  const int threads = argc > 4 ? std::atoi(argv[4]) : 1;
  if (warmup < 0 || segment <= 0 || segments <= 0 || threads <= 0) {
    std::cerr << "usage: gd_kernel_bench [warmup_steps >= 0] [segment_steps > 0] [segments > 0] "
                 "[threads > 0]\n";
    return 2;
  }
  const lingrok::DataConfig c;  // the paper's d = 2 data
  const lingrok::Dataset train = lingrok::sample_train(c);
  lingrok::GdOptions o;
  o.eta = 1e-2;
  o.threads = threads;
  lingrok::GdEngine engine(train, o);
  // Shortcut 3's premise, at a few steps of the warm-up: the largest change of a margin over one
  // step and over two, among the points with margin below the screening level 69.
  const auto margins = [&] {
    Eigen::VectorXd z = (train.X * engine.w()).array() + engine.b();
    return Eigen::VectorXd(z.cwiseProduct(train.y));
  };
  auto t0 = clock_type::now();
  for (const long long probe : {10000LL, 100000LL, 1000000LL, 10000000LL}) {
    if (probe + 2 > warmup) break;
    engine.run_to(probe);
    const Eigen::VectorXd z0 = margins();
    engine.run_to(probe + 1);
    const Eigen::VectorXd z1 = margins();
    engine.run_to(probe + 2);
    const Eigen::VectorXd z2 = margins();
    double one = 0, two = 0;
    for (Eigen::Index i = 0; i < z0.size(); ++i) {
      if (!(z0(i) < 69.0)) continue;
      one = std::max(one, std::fabs(z1(i) - z0(i)));
      two = std::max(two, std::fabs(z2(i) - z0(i)));
    }
    std::cout << "t = " << probe << ": largest margin change over one step " << one
              << ", over two steps " << two << "\n";
  }
  engine.run_to(warmup);
  std::cout << "warm-up: " << warmup << " steps in " << seconds_since(t0) << " s\n";

  std::vector<double> per_step;
  for (int s = 0; s < segments; ++s) {
    t0 = clock_type::now();
    engine.run_to(engine.t() + segment);
    per_step.push_back(seconds_since(t0) / static_cast<double>(segment) * 1e9);
  }
  const double best = *std::min_element(per_step.begin(), per_step.end());
  const auto active = static_cast<double>(engine.active_points());
  std::cout << "GD step (t = " << warmup << " .. " << engine.t() << "): best " << best
            << " ns, median " << median(per_step) << " ns; " << active << " of " << train.size()
            << " points active, " << threads << " thread(s); best " << best / active
            << " ns per active point\n";

  // The kernel's exponential alone, on as many arguments as there are active points, in the
  // range the logistic weights use (e^{-|z|}, |z| up to the screening level). fast_exp_batch
  // is the general form, with the overflow branch that the kernel's x <= 0 form leaves out: a
  // few operations of some 25 per vector of four.
  std::vector<double> x(static_cast<std::size_t>(active)), out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -133.0 * static_cast<double>(i) / x.size();
  const long reps = 200000;
  std::vector<double> per_value;
  double sink = 0;
  for (int s = 0; s < 5; ++s) {
    t0 = clock_type::now();
    for (long r = 0; r < reps; ++r) {
      lingrok::fast_exp_batch(x.data(), out.data(), x.size());
      sink += out[static_cast<std::size_t>(r) % out.size()];
    }
    per_value.push_back(seconds_since(t0) / static_cast<double>(reps) / active * 1e9);
  }
  const double exp_best = *std::min_element(per_value.begin(), per_value.end());
  std::cout << "fast_exp_batch alone: best " << exp_best << " ns per value (checksum " << sink
            << "); one per active point would be " << 100.0 * exp_best / (best / active)
            << "% of the step\n";
  std::cout << "one fast_exp per active point: " << exp_best * active
            << " ns per step at this active count (shortcut 3 replaces most of them by a "
               "polynomial)\n";
  return 0;
}
