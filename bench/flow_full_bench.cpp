// Times the full gradient flow (numerics/flow/full_flow.hpp) in double on a paper-size d = 2
// data set (docs/data.md: N = 2000, S(350, 350), γ = 1e-3, box 5, seed 1) to t = 1e7 GD steps at
// η = 1e-2 (τ = 1e5), on the GD log's default grid (50 points per decade), and prints the
// figures: one run alone, then with the achieved-error estimate (a second run at tolerance / 100).
// Target: it finishes, in under a minute.
//   build/bench/flow_full_bench [tolerance]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "data/sampling/paper_samplers.hpp"
#include "numerics/flow/bias_ode.hpp"
#include "numerics/flow/full_flow.hpp"

int main(int argc, char** argv) {
  lingrok::DataConfig c;  // defaults: d = 2, D(1000, 1000), S(350, 350), γ = 1e-3
  const lingrok::Dataset train = lingrok::sample_train(c);
  lingrok::FullFlowOptions o;
  o.eta = 1e-2;
  o.abs_tol = o.rel_tol = argc > 1 ? std::atof(argv[1]) : 1e-10;
  const auto grid = lingrok::log_time_grid(1.0, 1e7, 50);
  o.estimate_error = false;
  auto start = std::chrono::steady_clock::now();
  const auto one = lingrok::integrate_full_flow(train, grid, o);
  const double s1 = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.estimate_error = true;
  start = std::chrono::steady_clock::now();
  const auto sol = lingrok::integrate_full_flow(train, grid, o);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "full flow, double, d = 2, N = " << train.size() << ", t in [1, 1e7] (eta = 1e-2), "
            << grid.size() << " grid points, tolerance " << o.abs_tol << "\n"
            << "  one run: " << s1 << " s, " << one.steps << " steps\n"
            << "  with the error estimate (second run at tolerance / 100): " << s << " s\n"
            << "  achieved error estimate " << sol.error_estimate << "\n"
            << "  at t = 1e7: b = " << sol.b.back() << ", ||w|| = " << sol.w.back().norm() << "\n"
            << "  method: " << sol.method << "\n";
  return 0;
}
