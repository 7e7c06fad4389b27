// Tests for numerics/flow/bias_ode.hpp: the integrated bias ODE against the closed form of
// theory/bias/closed_form.hpp, at 50 digits and in double.
#define BOOST_TEST_MODULE flow_bias_ode
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "core/scalar.hpp"
#include "numerics/flow/bias_ode.hpp"

using lingrok::BiasOdeOptions;
using lingrok::BiasOdeParams;
using lingrok::integrate_bias_ode;
using lingrok::log_time_grid;
using lingrok::Real50;

namespace {

// A+ = k/δ, A- = kδ, b0 from v0 = δ e^{b0}.
template <class T>
BiasOdeParams<T> params(const T& k, const T& delta, const T& v0, const T& c) {
  using std::log;
  return BiasOdeParams<T>{k / delta, k * delta, c, T(1), T(log(v0 / delta))};
}

}  // namespace

// docs/theory.md#bias-ode: max relative error over t in [t0, 1e12 t0] at most 1e-40 at 50 digits,
// for v0 < 1, v0 = 1, v0 > 1 and δ from 1e-3 to 1e3, in both unit conventions.
BOOST_AUTO_TEST_CASE(real50_matches_closed_form_to_1e_40_over_twelve_decades) {
  const auto grid = log_time_grid(Real50(1), Real50("1e12"), 20);
  BOOST_TEST(grid.front() == Real50(1));
  BOOST_TEST(grid.back() == Real50("1e12"));
  BiasOdeOptions options;  // defaults: 1e-43
  const Real50 limit("1e-40");
  for (const char* c : {"0.01", "1"}) {  // units = steps (η = 1e-2), units = flow
    const bool steps = std::string(c) == "0.01";
    for (const char* delta : {"1e-3", "0.1", "1", "10", "1e3"}) {
      if (!steps && std::string(delta) != "1e-3" && std::string(delta) != "1e3") continue;
      for (const char* v0 : {"0.2", "1", "5"}) {
        const auto p = params(Real50(1), Real50(delta), Real50(v0), Real50(c));
        const auto sol = integrate_bias_ode(p, grid, options);
        BOOST_TEST_CONTEXT("c = " << c << ", delta = " << delta << ", v0 = " << v0) {
          BOOST_TEST(sol.b.size() == grid.size());
          BOOST_TEST(sol.max_error <= limit);
          // The run is not trivially constant unless v0 = 1.
          if (std::string(v0) != "1") BOOST_TEST(sol.steps > 20u);
        }
      }
    }
  }
}

// The same bound at the literal family's parameters (d2_S350_50 with γ = 1e-3,
// η = 1e-2, sum: A+ ≈ 5.3e8, A- ≈ 7.5e7, k ≈ 2e8, so 2ck ≈ 4e6). The bias relaxes within
// t/t0 - 1 ~ 1e-5 there, so the grid also resolves the transient right after t0; in s = log t
// this case needed ~1e8 steps (120 s), in θ = (t/t0)^{-2ck} it needs about a hundred.
BOOST_AUTO_TEST_CASE(real50_matches_closed_form_at_the_literal_family_k) {
  std::vector<Real50> grid{Real50(1)};
  for (int j = 40; j >= 16; --j) grid.push_back(Real50(1) + pow(Real50(10), Real50(-j) / 4));
  for (const Real50& t : log_time_grid(Real50(1), Real50("1e12"), 20))
    if (t > grid.back()) grid.push_back(t);
  const Real50 A_plus("5.31355e8"), A_minus("7.52792e7"), c("0.01");
  const Real50 b_inf = log(A_plus / A_minus) / 2;
  const Real50 limit("1e-40");
  for (const Real50& t0 : {Real50(1), Real50(1000)}) {
    std::vector<Real50> times;
    for (const Real50& t : grid) times.push_back(t * t0);
    // v0 = δ e^{b0} ≈ 0.0025, 0.38 (< 1), 1, 7.6 (> 1)
    for (const Real50& b0 : {Real50(-5), Real50(0), b_inf, Real50(3)}) {
      const BiasOdeParams<Real50> p{A_plus, A_minus, c, t0, b0};
      const auto sol = integrate_bias_ode(p, times, BiasOdeOptions{});
      BOOST_TEST_CONTEXT("t0 = " << t0 << ", b0 = " << b0) {
        BOOST_TEST(sol.b.size() == times.size());
        BOOST_TEST(sol.max_error <= limit);
        BOOST_TEST(sol.steps < 2000u);
        // The transient is on the grid: b has relaxed to b∞ by t0 (1 + 1e-4) (grid[25]).
        if (b0 != b_inf) BOOST_TEST(abs(sol.b[25] - b0) > Real50("0.5"));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(double_matches_closed_form_to_its_tolerance) {
  BiasOdeOptions options;
  options.abs_tol = options.rel_tol = 1e-13;
  const auto grid = log_time_grid(1.0, 1e12, 50);
  const auto sol = integrate_bias_ode(params(2.0, 30.0, 0.01, 0.01), grid, options);
  BOOST_TEST(sol.max_error <= 1e-11);
  BOOST_TEST(sol.max_error > 0.0);
}

// The achieved error follows the tolerance (ODE error against tolerance,
// docs/numerics.md#gradient-flows).
BOOST_AUTO_TEST_CASE(error_shrinks_with_the_tolerance) {
  const auto grid = log_time_grid(Real50(1), Real50("1e12"), 10);
  const auto p = params(Real50("0.5"), Real50("0.01"), Real50("0.3"), Real50("0.01"));
  BiasOdeOptions loose;
  loose.abs_tol = loose.rel_tol = 1e-20;
  const auto a = integrate_bias_ode(p, grid, loose);
  const auto b = integrate_bias_ode(p, grid, BiasOdeOptions{});
  BOOST_TEST(a.max_error <= Real50("1e-18"));
  BOOST_TEST(a.max_error > Real50("1e-35"));  // a loose run is measurably worse
  BOOST_TEST(b.max_error < a.max_error);
  BOOST_TEST(b.steps > a.steps);
}

BOOST_AUTO_TEST_CASE(grid_starting_after_t0_and_single_point_grids_work) {
  const auto p = params(1.0, 2.0, 0.5, 1.0);
  const auto late = integrate_bias_ode(p, std::vector<double>{10.0, 100.0}, {1e-13, 1e-13});
  BOOST_TEST(late.b.size() == 2u);
  BOOST_TEST(late.max_error <= 1e-11);
  const auto start = integrate_bias_ode(p, std::vector<double>{1.0}, {1e-13, 1e-13});
  BOOST_TEST(start.b.size() == 1u);
  BOOST_TEST(start.b[0] == p.b0);
}

BOOST_AUTO_TEST_CASE(bad_grids_and_options_are_rejected) {
  const auto p = params(1.0, 2.0, 0.5, 1.0);
  BOOST_CHECK_THROW(integrate_bias_ode(p, std::vector<double>{}), std::invalid_argument);
  BOOST_CHECK_THROW(integrate_bias_ode(p, std::vector<double>{0.5, 2.0}), std::invalid_argument);
  BOOST_CHECK_THROW(integrate_bias_ode(p, std::vector<double>{3.0, 2.0}), std::invalid_argument);
  BOOST_CHECK_THROW(integrate_bias_ode(p, std::vector<double>{2.0}, {0.0, 0.0}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(log_time_grid(0.0, 1.0, 10), std::invalid_argument);
}
