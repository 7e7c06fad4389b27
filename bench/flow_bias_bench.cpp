// Times the 50-digit bias ODE (numerics/flow/bias_ode.hpp) from t0 = 1 to 1e12 (target:
// achieved error at most 1e-40 against the closed form, under 1 s) and prints the
// achieved error, for k = 1 in both unit conventions and for the paper's literal family
// (d2_S350_50, γ = 1e-3, η = 1e-2, sum: k ≈ 2e8), whose relaxation the grid resolves too.
//   build-bench/bench/flow_bias_bench [tolerance, default 1e-43]
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

#include "core/scalar.hpp"
#include "numerics/flow/bias_ode.hpp"

int main(int argc, char** argv) {
  using lingrok::Real50;
  const auto log_grid = lingrok::log_time_grid(Real50(1), Real50("1e12"), 50);
  // The literal family relaxes within t - 1 ~ 1e-5: 25 extra points in t - 1 ∈ [1e-10, 1e-4].
  std::vector<Real50> fine{Real50(1)};
  for (int j = 40; j >= 16; --j) fine.push_back(Real50(1) + pow(Real50(10), Real50(-j) / 4));
  for (const Real50& t : log_grid)
    if (t > fine.back()) fine.push_back(t);
  lingrok::BiasOdeOptions o;
  o.abs_tol = o.rel_tol = argc > 1 ? std::atof(argv[1]) : 1e-43;
  struct Case {
    const char* name;
    Real50 c, k, delta, v0;
    bool literal;
  };
  const Case cases[] = {
      {"steps (c = eta = 1e-2), k = 1,   delta = 1e-2,  v0 = 0.2", Real50("0.01"), Real50(1),
       Real50("0.01"), Real50("0.2"), false},
      {"steps (c = eta = 1e-2), k = 1,   delta = 1e3,   v0 = 5  ", Real50("0.01"), Real50(1),
       Real50(1000), Real50(5), false},
      {"flow  (c = 1),          k = 1,   delta = 1e-2,  v0 = 0.2", Real50(1), Real50(1),
       Real50("0.01"), Real50("0.2"), false},
      {"literal (c = 1e-2),     k = 2e8, delta = 0.376, v0 = 0.38", Real50("0.01"),
       sqrt(Real50("5.31355e8") * Real50("7.52792e7")),
       sqrt(Real50("7.52792e7") / Real50("5.31355e8")),
       sqrt(Real50("7.52792e7") / Real50("5.31355e8")), true},
  };
  std::cout << "bias ODE, 50 digits, t in [1, 1e12] (" << log_grid.size()
            << " grid points; literal: " << fine.size() << "), tolerance " << o.abs_tol << "\n";
  for (const Case& c : cases) {
    const lingrok::BiasOdeParams<Real50> p{c.k / c.delta, c.k * c.delta, c.c, Real50(1),
                                           Real50(log(c.v0 / c.delta))};
    const auto& grid = c.literal ? fine : log_grid;
    const auto start = std::chrono::steady_clock::now();
    const auto sol = lingrok::integrate_bias_ode(p, grid, o);
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "  " << c.name << ": " << s << " s, " << sol.steps
              << " steps, max rel. error vs closed form " << static_cast<double>(sol.max_error)
              << "\n";
  }
  std::cout << "  method: " << lingrok::BiasOdeSolution<Real50>{}.method << "\n";
  return 0;
}
