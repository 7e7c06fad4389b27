// Times `compute_theory` (docs/theory.md) on the paper's d = 1024 training set, N = 10^6,
// S(350,50), sampled in memory (issue #3 target: the theory in under a minute, data generation not
// included). Prints the wall time of each phase.
//   build-bench/bench/theory_bench [n_train] [d]
//
// Measured 2026-12-02 (session 9) on the 2-core machine, N = 10^6, d = 1024, with the
// interior-point double stage (svm/interior_point.cpp) and the Gram matrix of β started when
// the eq. (7) solve ends: totals 46.4 s, 51.9 s, 51.5 s and 50.4 s wall (89-100 s CPU), under
// the < 60 s target on this day (the first run at ab4f705, whose code differs from the final
// one in comments only). Eq. (7) double stage 28.6-32.3 s (102 iterations, 7 full passes),
// bias-free 32.0-41.5 s (113 iterations, 8 full passes), both identified exactly (0 exact
// rounds, |S| = 1025 and 1024); smoothness 13.9-17.3 s beside the bias-free solve; R 0.6 s;
// grokking 0.8 s. The previous code (d96de6c, the Goldfarb–Idnani active-set method,
// smoothness after both solves), built in a worktree and run the same day: eq. (7) double
// 44.7 s, bias-free 57.9 s, smoothness 12.4 s, total 74.5 s. This machine ran faster this day
// than in session 5 (smoothness 12-14 s alone against 21-33 s then), so the totals below are
// not comparable with these.
//
// Measured 2026-12-01 (session 5) on the idle 2-core machine, N = 10^6, d = 1024, with the two
// max-margin solves side by side on two threads and the 6 x 8 tiled Gram kernel that also forms
// the column sums: sampling 19 s (not counted); R 0.9 s; eq. (7) SVM 107 s (double stage 102 s,
// 110381 active-set changes, 9 full passes) and, at the same time, bias-free SVM 121 s (double
// 117 s, 112694 changes, 11 full passes); smoothness 21 s; grokking 1.9 s. Total 145 s wall,
// 270 s CPU: the < 60 s target is NOT met. The two solves side by side are each slower than
// alone (they share the memory bus and the L3) but end some 80 s sooner than in sequence; the
// Gram matrix stage had lost about 20 s to Eigen's column sums of the row-major X (a strided
// walk), now gone. Support sets, margin and b̂ as below. A rerun at 07b4e17 (the same solver
// code, the Gram kernel's rows written as a loop) took 164 s: the solves 132 s and 137 s,
// smoothness 24 s.
// Measured 2026-12-01 (session 4) on the idle 2-core machine, N = 10^6, d = 1024, with partial
// pricing in the active-set method: sampling 21 s (not counted); R 1.0 s; eq. (7) SVM 106 s
// (double active-set stage 101 s: 19156 pricing rounds, 9 full passes; certification 0.8 s;
// 50-digit KKT 2.6 s, residual 1e-43); bias-free SVM 101 s (double 97 s, 19764 rounds, 11 full
// passes; KKT 3.0 s, residual 1e-43); late-time limit 0 (Assumption 3.1 fails: b̂ = 0.2994,
// margin 0.00232, |S+| = 583, |S-| = 441); smoothness (Gram matrix, 1e12 flops, AVX/FMA kernel
// on two threads) 33 s; grokking 1.7 s. Total 243 s wall, 262 s CPU: the < 60 s target is NOT
// met. The same Gram matrix code took 54 s in session 3: single timings on this machine vary by
// tens of percent with its other tenants.
// N = 10^5, same day: double stages 21 s and 28 s (4770 and 4688 pricing rounds, 31521 and
// 31198 active-set changes for |S| = 1025 and 1024, 7 full passes each), smoothness 4.3 s,
// total 62 s.
// Before partial pricing (session 3, N = 10^6): double stages 113 s (10877 rounds) and 123 s
// (10951 rounds). Where the SVM time went then (`perf record build-bench/bench/theory_bench
// 100000`, `perf report --no-children`): 51% in matrix-vector products (pricing the working
// set, |W| ~ 9000 rows, memory bound, and Jᵀz of each active-set change), 19% in the
// Goldfarb–Idnani updates themselves. With partial pricing (the same perf command, whole
// bench): 29% in row-major matrix-vector products (Jᵀz of each change, and the remaining
// pricing), 20% in column-major ones (products with J[:, q:]), 22% in the Householder and
// Givens updates, 10% in the Gram matrix: the O(D²) work of each of the ~30 active-set changes
// per support vector now dominates.
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "data/sampling/paper_samplers.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/theory.hpp"
#include "theory/theory_summary.hpp"

int main(int argc, char** argv) {
  lingrok::DataConfig c;
  const long long n_train = argc > 1 ? std::atoll(argv[1]) : 1000000;
  c.d = argc > 2 ? std::atoi(argv[2]) : 1024;
  c.n_plus = n_train / 2;
  c.n_minus = n_train - c.n_plus;
  c.k_plus = 350;
  c.k_minus = 50;
  c.n_test_standard = 0;
  c.n_test_conc = 0;
  lingrok::validate(c);

  using clock = std::chrono::steady_clock;
  auto seconds = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  auto t0 = clock::now();
  const lingrok::Dataset train = lingrok::sample_train(c);
  std::cout << "sampling          d = " << c.d << ", N = " << train.size() << ": " << seconds(t0)
            << " s (not counted)" << std::endl;

  lingrok::TheoryOptions o;
  o.gamma = c.gamma;
  o.alpha = c.alpha;
  o.box = c.box;
  t0 = clock::now();
  const std::clock_t cpu0 = std::clock();
  const auto r = lingrok::compute_theory(train, o);
  const double total = seconds(t0);
  const double cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
  std::cout << lingrok::summary(r);
  for (const auto* s : {&r.svm_eq7, &r.svm}) {
    std::cout << (s == &r.svm ? "svm bias-free" : "svm eq. (7)  ") << ": double "
              << s->seconds_double << " s (" << s->method << ": " << s->iterations
              << " iterations, " << s->full_passes << " full passes";
    if (s->active_set_changes > 0)
      std::cout << ", " << s->working_set_pricings << " pricings of the whole working set, "
                << s->active_set_changes << " active-set changes";
    std::cout << "), certification " << s->seconds_certify << " s, 50-digit KKT "
              << s->seconds_kkt50 << " s (" << s->exact_added
              << " added by the exact stage, |B| = " << s->basis.size()
              << ", |S| = " << s->support_plus.size() + s->support_minus.size()
              << ", primal residual " << static_cast<double>(s->kkt_primal_residual)
              << ", min alpha " << static_cast<double>(s->kkt_min_alpha) << ")\n";
  }
  for (const auto& [name, sec] : r.seconds) std::cout << "phase " << name << ": " << sec << " s\n";
  std::cout << "compute_theory total: " << total << " s wall, " << cpu
            << " s CPU (all threads; wall >> CPU means the machine is shared) (target < 60 s)\n";
  return 0;
}
