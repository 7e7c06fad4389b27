// Times `compute_theory` (SPEC §3) on the paper's d = 1024 training set, N = 10^6, S(350,50),
// sampled in memory (issue #3 target: the theory in under a minute, data generation not
// included). Prints the wall time of each phase.
//   build-bench/bench/theory_bench [n_train] [d]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "numerics/sampling/paper_samplers.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/theory.hpp"

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
  const auto r = lingrok::compute_theory(train, o);
  const double total = seconds(t0);
  std::cout << lingrok::summary(r);
  for (const auto* s : {&r.svm_eq7, &r.svm}) {
    std::cout << (s == &r.svm ? "svm bias-free" : "svm eq. (7)  ") << ": double "
              << s->seconds_double << " s (" << s->wolfe_iterations << " pricing rounds, "
              << s->full_passes << " full passes), certification " << s->seconds_certify
              << " s, 50-digit KKT " << s->seconds_kkt50 << " s (" << s->refinement_rounds
              << " exact rounds, |B| = " << s->basis.size()
              << ", |S| = " << s->support_plus.size() + s->support_minus.size()
              << ", primal residual " << static_cast<double>(s->kkt_primal_residual)
              << ", min alpha " << static_cast<double>(s->kkt_min_alpha) << ")\n";
  }
  for (const auto& [name, sec] : r.seconds) std::cout << "phase " << name << ": " << sec << " s\n";
  std::cout << "compute_theory total: " << total << " s (target < 60 s)\n";
  return 0;
}
