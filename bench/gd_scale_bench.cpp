// gd_scale_bench: what the paper's d = 1024 experiment (N = 10^6 training points, 10^7 GD steps)
// costs on this machine, measured before paying for it.
//   build-bench/bench/gd_scale_bench [n_per_class] [steps] [threads] [family]
// (defaults 500000, 1000, 1, literal; family literal: γ = 1e-3, η = 1e-2; stable: γ = 0.05,
// η = 1/β, β from theory/smoothness.hpp). The training set is configs/d1024_N1e6.json's
// (D(n, n) with S(350, 50) planted, seed 1), drawn in-process by data/sampling (no CSV). Prints:
//  - a STREAM-style read probe: the best of 3 sums over a 2 GiB array, on 1 and on `threads`
//    threads (GB/s), the ceiling of a kernel that streams its data once per step;
//  - per window of steps (1, 10, 100, ... up to `steps`): the active-set size at its end (the
//    screened points the kernel streams, numerics/gd/gd.hpp), the time per step, the bytes per
//    step (active points × d × 8, the compact buffer), the achieved GB/s and its fraction of
//    the probe, and the re-screenings (each a pass over all N points);
//  - the projection of 10^7 steps at the last window's cost per step: an upper bound while the
//    active set still shrinks, and the figure to compare with one night (8 h).
// Run from the repository root (it reads configs/). Memory: the training set (N·d·8 bytes, 8 GB at
// the paper's N) plus its compact copy (up to as much again); the probe's array is freed before the
// data are drawn.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/strict_json.hpp"
#include "data/data_config.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/gd.hpp"
#include "theory/smoothness.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Read bandwidth: each thread sums its contiguous share of `a`; the best of three passes.
double read_gbs(const std::vector<double>& a, int threads) {
  double best = 0, sink = 0;
  for (int rep = 0; rep < 3; ++rep) {
    std::vector<double> partial(static_cast<std::size_t>(threads), 0.0);
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    const std::size_t share = a.size() / static_cast<std::size_t>(threads);
    for (int k = 0; k < threads; ++k) {
      pool.emplace_back([&, k] {
        const double* p = a.data() + static_cast<std::size_t>(k) * share;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (std::size_t i = 0; i + 4 <= share; i += 4) {
          s0 += p[i];
          s1 += p[i + 1];
          s2 += p[i + 2];
          s3 += p[i + 3];
        }
        partial[static_cast<std::size_t>(k)] = s0 + s1 + s2 + s3;
      });
    }
    for (auto& th : pool) th.join();
    const double s = seconds_since(t0);
    for (double v : partial) sink += v;
    best = std::max(best,
                    static_cast<double>(share * static_cast<std::size_t>(threads)) * 8.0 / s / 1e9);
  }
  if (sink == 42.0) std::printf(" ");  // keep the sums
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const long long n_per_class = argc > 1 ? std::atoll(argv[1]) : 500000;
  const long long steps = argc > 2 ? std::atoll(argv[2]) : 1000;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  const std::string family = argc > 4 ? argv[4] : "literal";
  if (n_per_class < 400 || steps < 1 || threads < 1 ||
      (family != "literal" && family != "stable")) {
    std::fprintf(stderr,
                 "usage: gd_scale_bench [n_per_class >= 400] [steps >= 1] [threads >= 1] "
                 "[literal|stable]\n");
    return 2;
  }

  double probe1 = 0, probe_t = 0;
  {
    const std::vector<double> a(std::size_t{1} << 28, 1.0);  // 2 GiB
    probe1 = read_gbs(a, 1);
    probe_t = threads > 1 ? read_gbs(a, threads) : probe1;
  }
  std::printf("read bandwidth (2 GiB, best of 3): %.1f GB/s on 1 thread, %.1f GB/s on %d\n", probe1,
              probe_t, threads);

  const auto config = lingrok::read_config_file("configs/d1024_N1e6.json");
  lingrok::DataConfig c = lingrok::parse_data_config(config, "configs/d1024_N1e6.json");
  c.n_plus = c.n_minus = n_per_class;
  c.gamma = family == "literal" ? 1e-3 : 0.05;
  const auto g0 = Clock::now();
  const lingrok::Dataset train = lingrok::sample_train(c);
  std::printf("data: d = %d, N = %lld (%s family), drawn in %.1f s, %.2f GB\n", train.dim(),
              static_cast<long long>(train.size()), family.c_str(), seconds_since(g0),
              static_cast<double>(train.X.size()) * 8 / 1e9);

  lingrok::GdOptions o;
  o.threads = threads;
  o.steps = steps;
  o.eta = 1e-2;
  if (family == "stable") {
    const auto b0 = Clock::now();
    o.eta =
        lingrok::smoothness<double>(train, lingrok::Reduction::sum, lingrok::Loss::logistic, 1.0)
            .stable_eta;
    std::printf("eta = 1/beta = %.6g (beta in %.1f s)\n", o.eta, seconds_since(b0));
  }
  lingrok::GdEngine gd(train, o);
  const double bytes_per_point = static_cast<double>(train.dim()) * 8;
  std::printf("%10s %10s %12s %12s %9s %9s %11s\n", "t", "active", "s/step", "GB/step", "GB/s",
              "of probe", "rescreens");
  double last_step_s = 0;
  long long from = 0;
  for (long long to = 1; from < steps; to = std::min(steps, to * 10)) {
    const long long rescreens0 = gd.rescreenings();
    const long long active0 =
        gd.t() == 0 ? static_cast<long long>(train.size()) : gd.active_points();
    const auto t0 = Clock::now();
    gd.run_to(to);
    const double per_step = seconds_since(t0) / static_cast<double>(to - from);
    // Bytes: the active set at the window's start and end, averaged (the set only shrinks
    // between re-screenings, which read all N points once more).
    const double active = 0.5 * static_cast<double>(active0 + gd.active_points());
    const double gb = active * bytes_per_point / 1e9;
    std::printf("%10lld %10lld %12.4g %12.4g %9.2f %8.0f%% %11lld\n", to, gd.active_points(),
                per_step, gb, gb / per_step, 100 * gb / per_step / probe_t,
                gd.rescreenings() - rescreens0);
    std::fflush(stdout);
    last_step_s = per_step;
    from = to;
    if (gd.diverged()) {
      std::printf("diverged at t = %lld\n", gd.t());
      return 1;
    }
  }
  const double projected = last_step_s * 1e7;
  std::printf(
      "projection: 10^7 steps at the last window's %.4g s per step: %.3g s (%.1f h; one night is "
      "8 h); an upper bound while the active set still shrinks\n",
      last_step_s, projected, projected / 3600);
  return 0;
}
