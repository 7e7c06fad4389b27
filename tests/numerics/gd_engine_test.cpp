#define BOOST_TEST_MODULE numerics_gd_engine
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <iostream>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/scalar.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd.hpp"
#include "numerics/gd/gd_reference.hpp"
#include "numerics/gd/trajectory.hpp"
#include "theory/smoothness.hpp"

using namespace lingrok;

namespace {

// A small separable set: x uniform in [-5,5]^2, label by sign of x1 + x2 - 0.3 (margin 0.2).
Dataset small_data(int n, std::uint64_t seed) {
  Rng rng(seed);
  Dataset d;
  d.name = "train";
  d.X.resize(n, 2);
  d.y.resize(n);
  int i = 0;
  while (i < n) {
    const double a = rng.uniform(-5, 5), b = rng.uniform(-5, 5);
    const double s = a + b - 0.3;
    if (std::fabs(s) < 0.2) continue;
    d.X(i, 0) = a;
    d.X(i, 1) = b;
    d.y(i) = s > 0 ? 1.0 : -1.0;
    ++i;
  }
  return d;
}

// n points in d dimensions, x uniform in [-1,1]^d, labelled by the sign of x·(1, ..., 1) with
// margin 0.05 (for the kernel's general-d path: d > 4).
Dataset box_data(int n, int d, std::uint64_t seed) {
  Rng rng(seed);
  Dataset data;
  data.name = "train";
  data.X.resize(n, d);
  data.y.resize(n);
  int i = 0;
  while (i < n) {
    double s = 0;
    for (int j = 0; j < d; ++j) s += data.X(i, j) = rng.uniform(-1, 1);
    if (std::fabs(s) < 0.05) continue;
    data.y(i) = s > 0 ? 1.0 : -1.0;
    ++i;
  }
  return data;
}

Dataset paper_train() {
  DataConfig c;  // the paper's d = 2 defaults: D(1000,1000), S(350,350)
  return sample_train(c);
}

double rel_diff(const Eigen::VectorXd& w1, double b1, const Eigen::VectorXd& w2, double b2) {
  const double num = std::hypot((w1 - w2).norm(), b1 - b2);
  return num / std::max(std::hypot(w2.norm(), b2), 1e-300);
}

}  // namespace

BOOST_AUTO_TEST_CASE(fast_exp_is_within_3_ulp_of_long_double_exp) {
  std::vector<double> x, out;
  Rng rng(7);
  for (int i = 0; i < 200000; ++i) x.push_back(rng.uniform(-708, 709));
  // 709.78: k = 1024, the largest power the kernel applies to e^r by an exponent-field add.
  for (double v : {0.0, -0.0, 1e-300, -1e-300, 0.5, -0.5, 709.7, 709.78, -707.9, -708.0})
    x.push_back(v);
  out.resize(x.size());
  fast_exp_batch(x.data(), out.data(), x.size());
  double worst = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const long double exact = std::exp(static_cast<long double>(x[i]));
    const double ulp =
        std::nextafter(static_cast<double>(exact), HUGE_VAL) - static_cast<double>(exact);
    worst = std::max(worst, static_cast<double>(std::fabs(out[i] - exact) / ulp));
  }
  BOOST_TEST(worst <= 3.0);
  const double below[1] = {-800.0};
  double r[1];
  fast_exp_batch(below, r, 1);
  BOOST_TEST(r[0] == 0.0);
}

// Before the vector kernel engages, the fast path is the plain computation bit for bit.
BOOST_AUTO_TEST_CASE(exact_kernel_is_bit_identical_to_the_plain_double_loop) {
  const Dataset train = small_data(300, 3);
  for (const Loss loss : {Loss::logistic, Loss::exponential}) {
    for (const Reduction red : {Reduction::sum, Reduction::mean}) {
      GdOptions o;
      o.eta = red == Reduction::sum ? 1e-3 : 0.5;
      o.loss = loss;
      o.reduction = red;
      o.shortcuts = false;
      GdEngine fast(train, o);
      fast.run_to(500);
      const auto ref = run_reference_gd<double>(train, o.eta, 500, loss, red);
      for (int j = 0; j < 2; ++j) BOOST_TEST(fast.w()(j) == ref.w(j));
      BOOST_TEST(fast.b() == ref.b);
    }
  }
}

// The fast path against the 50-digit reference over 1e4 steps in a stable setting
// (η = 1/β): agreement to ~1e-12 relative.
BOOST_AUTO_TEST_CASE(fast_path_matches_the_50_digit_reference_over_1e4_steps) {
  const Dataset train = small_data(24, 11);
  for (const Loss loss : {Loss::logistic, Loss::exponential}) {
    for (const Reduction red : {Reduction::sum, Reduction::mean}) {
      const double eta = 1.0 / smoothness<double>(train, red, Loss::logistic, 1.0).beta;
      GdOptions o;
      o.eta = eta;
      o.loss = loss;
      o.reduction = red;
      GdEngine fast(train, o);
      fast.run_to(10000);
      const auto ref = run_reference_gd<Real50>(train, Real50(eta), 10000, loss, red);
      Eigen::VectorXd wr(2);
      for (int j = 0; j < 2; ++j) wr(j) = static_cast<double>(ref.w(j));
      const double err = rel_diff(fast.w(), fast.b(), wr, static_cast<double>(ref.b));
      BOOST_TEST_MESSAGE("loss " << to_string(loss) << ", " << to_string(red) << ": " << err);
      BOOST_TEST(err < 1e-12);
      BOOST_TEST(fast.w().norm() > 1.0);  // it moved: the comparison is not vacuous
    }
  }
}

// Shortcut test (docs/numerics.md#gd-engine): screening and the vector kernel keep (w, b) within
// 1e-12 relative of the plain double computation at every logged step, over 1e5 steps on the
// paper's d = 2 data, in the stable setting and in the literal one (η = 1e-2, sum).
BOOST_AUTO_TEST_CASE(shortcuts_stay_within_1e_12_of_the_plain_computation_over_1e5_steps) {
  const Dataset train = paper_train();
  const long long steps = 100000;
  const std::vector<long long> grid = log_grid(steps, 50, 0);
  for (const double eta :
       {1.0 / smoothness<double>(train, Reduction::sum, Loss::logistic, 1.0).beta, 1e-2}) {
    // One engine per thread count: the kernel on one thread, and split into two slices.
    GdOptions o;
    o.eta = eta;
    GdEngine fast(train, o);
    o.threads = 2;
    GdEngine split(train, o);
    double worst = 0, worst_split = 0;
    std::size_t g = 0;
    run_reference_gd<double>(train, eta, steps, Loss::logistic, Reduction::sum, {}, 0.0,
                             [&](const ReferenceGdState<double>& s) {
                               if (g >= grid.size() || grid[g] != s.t) return;
                               ++g;
                               fast.run_to(s.t);
                               split.run_to(s.t);
                               worst = std::max(worst, rel_diff(fast.w(), fast.b(), s.w, s.b));
                               worst_split =
                                   std::max(worst_split, rel_diff(split.w(), split.b(), s.w, s.b));
                             });
    BOOST_TEST_MESSAGE("eta " << eta << ": worst relative difference " << worst << " (two threads "
                              << worst_split
                              << "), vector kernel from t = " << fast.state().vector_from_t
                              << ", bound " << fast.state().error_bound);
    BOOST_TEST(g == grid.size());
    BOOST_TEST(worst <= 1e-12);
    BOOST_TEST(worst_split <= 1e-12);
    if (fast_gd_has_avx2()) BOOST_TEST(fast.state().vector_from_t >= 0);  // shortcuts were used
  }
}

namespace {

// The whole engine state, bit for bit (NaN, "no reference yet", compares unequal to itself).
bool same_bits(const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
  return x.size() == y.size() &&
         std::memcmp(x.data(), y.data(), sizeof(double) * static_cast<std::size_t>(x.size())) == 0;
}
bool same_state(const GdState& x, const GdState& y) {
  return x.t == y.t && same_bits(x.w, y.w) && x.b == y.b && x.error_bound == y.error_bound &&
         x.active == y.active && same_bits(x.ref_z, y.ref_z) && same_bits(x.ref_e, y.ref_e);
}

}  // namespace

// The AVX-512 and AVX2 kernels are one code over eight lanes (gd_kernel.inc) and must give the
// same bits: the paper's data (d = 2, both losses, the literal and a mean-reduced run, one and
// two threads) and 7-d data (the general path), every state bit compared.
BOOST_AUTO_TEST_CASE(avx512_and_avx2_kernels_give_the_same_bits) {
  if (!fast_gd_has_avx512()) {
    // CTest reads this line as "skipped" (tests/numerics/CMakeLists.txt): comparing the AVX2
    // kernel with itself would pass without testing anything.
    std::cout << "SKIPPED: this CPU has no AVX-512, so both engines would run the AVX2 kernel\n";
    return;
  }
  const Dataset paper = paper_train();
  const Dataset seven = box_data(600, 7, 11);
  struct Case {
    const Dataset* data;
    Loss loss;
    Reduction reduction;
    double eta;
    int threads;
  };
  for (const Case& k : {Case{&paper, Loss::logistic, Reduction::sum, 1e-2, 1},
                        Case{&paper, Loss::logistic, Reduction::sum, 1e-2, 2},
                        Case{&paper, Loss::exponential, Reduction::mean, 0.5, 1},
                        Case{&seven, Loss::logistic, Reduction::sum, 1e-2, 2}}) {
    GdOptions o;
    o.eta = k.eta;
    o.loss = k.loss;
    o.reduction = k.reduction;
    o.threads = k.threads;
    GdEngine wide(*k.data, o);
    o.avx512 = false;
    GdEngine narrow(*k.data, o);
    for (const long long t : {1000LL, 20000LL}) {
      wide.run_to(t);
      narrow.run_to(t);
      BOOST_TEST(same_state(wide.state(), narrow.state()),
                 "loss " << to_string(k.loss) << ", d = " << k.data->dim() << ", " << k.threads
                         << " thread(s), t = " << t);
    }
    if (fast_gd_has_avx2()) BOOST_TEST(wide.state().vector_from_t >= 0);  // the kernel ran
  }
}

// d > 4 takes the kernel's general path, where w and the gradient do not travel inline between
// the threads: one, two and three threads (more than this machine's cores) against the plain
// computation. η = 0.2/β keeps η Σ c_i ||x̃_i||² ≤ 0.2 (d + 1) < 2 (the trace bounds λ_max by
// d + 1 times), where the engine's error bound is certified.
BOOST_AUTO_TEST_CASE(threads_agree_with_the_plain_computation_in_seven_dimensions) {
  const Dataset train = box_data(600, 7, 11);
  const double eta = 0.2 / smoothness<double>(train, Reduction::sum, Loss::logistic, 1.0).beta;
  const long long steps = 20000;
  GdOptions o;
  o.eta = eta;
  o.shortcuts = false;
  GdEngine plain(train, o);
  plain.run_to(steps);
  o.shortcuts = true;
  for (const int threads : {1, 2, 3}) {
    o.threads = threads;
    GdEngine fast(train, o);
    fast.run_to(steps);
    const double diff = rel_diff(fast.w(), fast.b(), plain.w(), plain.b());
    BOOST_TEST_MESSAGE(threads << " thread(s): relative difference " << diff << ", bound "
                               << fast.state().error_bound << ", " << fast.active_points()
                               << " points active");
    BOOST_TEST(diff <= 1e-12);
    BOOST_TEST(fast.state().certified);
    BOOST_TEST(std::hypot((fast.w() - plain.w()).norm(), fast.b() - plain.b()) <=
               fast.state().error_bound + 1e-15 * std::hypot(plain.w().norm(), plain.b()));
  }
}

// ∇L implied by one GD step, (θ0 - θ1)/η, against central differences of L in 50 digits.
BOOST_AUTO_TEST_CASE(gradient_matches_high_precision_finite_differences) {
  const Dataset train = small_data(50, 5);
  Eigen::VectorXd w0(2);
  w0 << 0.3, -0.2;
  const double b0 = 0.1;
  for (const Loss loss : {Loss::logistic, Loss::exponential}) {
    for (const Reduction red : {Reduction::sum, Reduction::mean}) {
      GdOptions o;
      o.eta = 1.0;
      o.loss = loss;
      o.reduction = red;
      o.w0 = w0;
      o.b0 = b0;
      GdEngine e(train, o);
      e.run_to(1);
      Eigen::VectorXd g(3);
      g.head(2) = w0 - e.w();
      g(2) = b0 - e.b();
      VectorT<Real50> y(train.size());
      for (Eigen::Index i = 0; i < train.size(); ++i) y(i) = train.y(i);
      const Real50 h("1e-20");
      for (int k = 0; k < 3; ++k) {
        VectorT<Real50> wp(2), wm(2);
        for (int j = 0; j < 2; ++j) wp(j) = wm(j) = Real50(w0(j));
        Real50 bp = b0, bm = b0;
        if (k < 2) {
          wp(k) += h;
          wm(k) -= h;
        } else {
          bp += h;
          bm -= h;
        }
        const Real50 lp = loss_and_gradient<Real50>(train.X, y, wp, bp, loss, red).loss;
        const Real50 lm = loss_and_gradient<Real50>(train.X, y, wm, bm, loss, red).loss;
        const double fd = static_cast<double>((lp - lm) / (2 * h));
        BOOST_TEST(g(k) == fd, boost::test_tools::tolerance(1e-12));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(runs_are_deterministic_and_restore_continues_bit_for_bit) {
  const Dataset train = paper_train();
  // Three threads: more than the 2-core machine has, so that the threads also interleave.
  for (const int threads : {1, 2, 3}) {
    GdOptions o;
    o.eta = 1e-2;
    o.threads = threads;
    // By t = 10^5 margins move by ~10^-3 over two steps, and the kernel reuses exponentials
    // (shortcut 3): the saved state must carry its references. The parameters seldom show a
    // missing one (an ulp of a weight rarely survives the update of a w of norm some 700); the
    // references themselves do, until the next re-screening resets them.
    GdEngine a(train, o), b(train, o);
    b.run_to(100001);
    const GdState saved = b.state();
    GdEngine c(train, o);
    c.restore(saved);
    for (const long long t : {100003LL, 100010LL, 110000LL}) {
      a.run_to(t);
      c.run_to(t);
      BOOST_TEST(same_state(a.state(), c.state()), "t = " << t);
      BOOST_TEST(a.update_cosine() == c.update_cosine());
    }
    b.run_to(110000);
    BOOST_TEST(same_state(a.state(), b.state()));
  }
}

// GdOptions::slices: the caller's thread sums the slices beyond the threads in turn, in the same
// order, so one thread with two or three slices gives the bits of two or three threads (d = 2,
// where w travels inline, and d = 7, the general path); and the regrouped sums round differently
// from one slice, which is what makes them the protocols grid's rounding variant: on the
// paper's literal run (ηβ ≈ 50, chaotic) the states part at the last bits.
BOOST_AUTO_TEST_CASE(slices_give_the_bits_of_as_many_threads_and_a_different_rounding) {
  const Dataset paper = paper_train();
  const Dataset seven = box_data(600, 7, 11);
  for (const Dataset* data : {&paper, &seven}) {
    for (const int parts : {2, 3}) {
      GdOptions o;
      o.eta = 1e-2;
      o.threads = parts;
      GdEngine threaded(*data, o);
      o.threads = 1;
      o.slices = parts;
      GdEngine sliced(*data, o);
      o.threads = 2;  // two threads, three slices: the third on the caller's thread
      GdEngine mixed(*data, o);
      threaded.run_to(20000);
      sliced.run_to(20000);
      mixed.run_to(20000);
      BOOST_TEST(same_state(threaded.state(), sliced.state()),
                 "d = " << data->dim() << ", " << parts << " slices");
      BOOST_TEST(same_state(threaded.state(), mixed.state()),
                 "d = " << data->dim() << ", " << parts << " slices on two threads");
    }
  }
  GdOptions o;
  o.eta = 1e-2;
  GdEngine one(paper, o);
  o.slices = 2;
  GdEngine two(paper, o);
  one.run_to(20000);
  two.run_to(20000);
  BOOST_TEST(two.state().vector_from_t >= 0);  // the kernel ran, so the slices were used
  BOOST_TEST(!(one.w() == two.w() && one.b() == two.b()));
  // ... and stay within the engine's bound of the plain trajectory's scale: a rounding change.
  BOOST_TEST(rel_diff(one.w(), one.b(), two.w(), two.b()) <= 1e-11);
}

BOOST_AUTO_TEST_CASE(bad_options_are_input_errors) {
  const Dataset train = small_data(10, 1);
  GdOptions o;
  o.eta = 0;
  BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  o.eta = -1;
  BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  o.eta = 1e-2;
  o.steps = 0;
  BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  o.steps = 10;
  o.w0 = Eigen::VectorXd::Zero(3);
  BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  o.w0 = Eigen::VectorXd();
  for (const int threads : {0, -1, kMaxGdThreads + 1}) {
    o.threads = threads;
    BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  }
  o.threads = 1;
  for (const int slices : {-1, kMaxGdThreads + 1}) {
    o.slices = slices;
    BOOST_CHECK_THROW(GdEngine(train, o), InputError);
  }
}

BOOST_AUTO_TEST_CASE(divergence_stops_at_the_last_finite_step) {
  const Dataset train = small_data(50, 2);
  GdOptions o;
  o.eta = 1e6;
  o.loss = Loss::exponential;
  GdEngine e(train, o);
  e.run_to(1000);
  BOOST_TEST(e.diverged());
  BOOST_TEST(e.t() < 1000);
  BOOST_TEST(e.w().allFinite());
  BOOST_TEST(std::isfinite(e.b()));
}
