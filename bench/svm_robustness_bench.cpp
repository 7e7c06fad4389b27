// The max-margin solver on many sets from the independent generators of the property test
// (tests/theory/independent_generators.hpp), at sizes the test suite cannot afford. Prints one
// line per (generator, d) with the number of sets, failures, the worst KKT residuals and the
// solver's time; exits 1 if any set failed.
//   svm_robustness_bench [sets per cell = 20] [N per class = 2000] [d list = 2,3,10,64,256]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/theory/independent_generators.hpp"
#include "theory/svm/hard_margin_svm.hpp"

int main(int argc, char** argv) {
  using lingrok::Real50;
  using lingrok::test::Generator;
  const int sets = argc > 1 ? std::atoi(argv[1]) : 20;
  const int n_class = argc > 2 ? std::atoi(argv[2]) : 2000;
  std::vector<int> dims = {2, 3, 10, 64, 256};
  if (argc > 3) {
    dims.clear();
    std::stringstream s(argv[3]);
    for (std::string tok; std::getline(s, tok, ',');) dims.push_back(std::stoi(tok));
  }
  int failures = 0;
  for (int d : dims) {
    for (auto kind : {Generator::float_projection, Generator::rotated_exact, Generator::csv_rounded,
                      Generator::duplicated, Generator::near_ties, Generator::collinear}) {
      int failed = 0;
      double seconds = 0;
      Real50 worst_primal = 0, worst_feas = 0;
      for (int k = 1; k <= sets; ++k) {
        lingrok::test::GeneratorSpec spec;
        spec.kind = kind;
        spec.d = d;
        spec.n_plus = spec.n_minus = n_class;
        spec.k_plus = n_class * 7 / 20;
        spec.k_minus = n_class * (k % 3 == 0 ? 1 : 7) / 20;
        spec.gamma = k % 2 ? 1e-3 : 0.05;
        spec.digits = k % 3 == 0 ? 6 : (k % 3 == 1 ? 9 : 17);
        spec.seed = static_cast<std::uint64_t>(1000 + k);
        const auto g = lingrok::test::generate_independent(spec);
        for (auto v : {lingrok::SvmVariant::bias_free, lingrok::SvmVariant::with_bias}) {
          const auto t0 = std::chrono::steady_clock::now();
          try {
            const auto s = lingrok::solve_hard_margin_svm(g.data, v);
            worst_primal = std::max(worst_primal, s.kkt_primal_residual);
            worst_feas = std::min(worst_feas, s.kkt_feasibility);
            if (!(s.kkt_primal_residual <= Real50("1e-35")) ||
                !(s.kkt_feasibility >= Real50("-1e-35")) || !(s.kkt_min_alpha > 0))
              ++failed;
          } catch (const std::exception& e) {
            ++failed;
            std::cerr << g.description << ": " << e.what() << '\n';
          }
          seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        }
      }
      failures += failed;
      std::cout << lingrok::test::to_string(kind) << " d=" << d << ": " << sets
                << " sets x 2 variants, " << failed << " failed, worst primal residual "
                << static_cast<double>(worst_primal) << ", worst feasibility "
                << static_cast<double>(worst_feas) << ", " << seconds << " s\n";
    }
  }
  std::cout << (failures == 0 ? "all sets certified\n" : "FAILURES\n");
  return failures == 0 ? 0 : 1;
}
