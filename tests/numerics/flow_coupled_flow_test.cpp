// Tests for numerics/flow/coupled_flow.hpp on three support vectors whose late-time limit is
// known in closed form: x̃ = (1, ½, 1), (1, -½, 1) with y = +1 and (-1, 0, 1) with y = -1,
// dual α = (1, 1, 2) (Σ α y = 0), ŵ = Σ α y x = (4, 0), η = 1/10. At the minimiser of F
// η e_s = α_s, so ρ2 = 0, ρ1 + β = -log 10, ρ1 - β = -log 20:
//     ρ1 = -(log 10 + log 20)/2,  β = (log 2)/2.
#define BOOST_TEST_MODULE flow_coupled_flow
#include <boost/test/unit_test.hpp>
#include <stdexcept>

#include "core/error.hpp"
#include "core/scalar.hpp"
#include "numerics/flow/bias_ode.hpp"
#include "numerics/flow/coupled_flow.hpp"

using lingrok::CoupledFlowOptions;
using lingrok::integrate_coupled_flow;
using lingrok::Real50;
using lingrok::SupportObjective;

namespace {

template <class T>
SupportObjective<T> objective() {
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  Mat X(3, 2);
  X << T(1), T(0.5), T(1), T(-0.5), T(-1), T(0);
  Vec y(3);
  y << T(1), T(1), T(-1);
  Vec w_hat(2);
  w_hat << T(4), T(0);
  return SupportObjective<T>(X, y, w_hat, T(1) / T(10));
}

template <class T>
Eigen::Matrix<T, Eigen::Dynamic, 1> limit() {
  using std::log;
  Eigen::Matrix<T, Eigen::Dynamic, 1> x(3);
  x << T(-(log(T(10)) + log(T(20))) / T(2)), T(0), T(log(T(2)) / T(2));
  return x;
}

}  // namespace

BOOST_AUTO_TEST_CASE(double_flow_reaches_the_late_time_limit_and_decreases_F) {
  const auto F = objective<double>();
  const auto grid = lingrok::log_time_grid(1.0, 1e12, 10);
  const auto sol = integrate_coupled_flow(F, Eigen::VectorXd::Zero(2), 0.0, 1.0, grid);
  BOOST_TEST(sol.b.size() == grid.size());
  BOOST_TEST(sol.error_estimate < 1e-9);
  for (std::size_t i = 1; i < grid.size(); ++i)
    BOOST_TEST(F.value(sol.w[i], sol.b[i]) <= F.value(sol.w[i - 1], sol.b[i - 1]) + 1e-12);
  const Eigen::VectorXd L = limit<double>();
  BOOST_TEST(std::abs(sol.w.back()(0) - L(0)) < 1e-9);
  BOOST_TEST(std::abs(sol.w.back()(1) - L(1)) < 1e-9);
  BOOST_TEST(std::abs(sol.b.back() - L(2)) < 1e-9);
}

BOOST_AUTO_TEST_CASE(real50_flow_reaches_the_limit_to_30_digits_and_agrees_with_double) {
  const auto F = objective<Real50>();
  const auto grid = lingrok::log_time_grid(Real50(1), Real50("1e12"), 5);
  CoupledFlowOptions o;
  o.abs_tol = o.rel_tol = 1e-32;
  o.estimate_error = false;
  const Eigen::Matrix<Real50, Eigen::Dynamic, 1> rho0 =
      Eigen::Matrix<Real50, Eigen::Dynamic, 1>::Zero(2);
  const auto sol = integrate_coupled_flow(F, rho0, Real50(0), Real50(1), grid, o);
  const auto L = limit<Real50>();
  BOOST_TEST(abs(sol.w.back()(0) - L(0)) < Real50("1e-28"));
  BOOST_TEST(abs(sol.w.back()(1) - L(1)) < Real50("1e-28"));
  BOOST_TEST(abs(sol.b.back() - L(2)) < Real50("1e-28"));
  // The double run on the same grid agrees to its own tolerance.
  const auto Fd = objective<double>();
  std::vector<double> gd;
  for (const auto& t : grid) gd.push_back(static_cast<double>(t));
  const auto dsol = integrate_coupled_flow(Fd, Eigen::VectorXd::Zero(2), 0.0, 1.0, gd);
  for (std::size_t i = 0; i < gd.size(); ++i)
    BOOST_TEST(std::abs(dsol.b[i] - static_cast<double>(sol.b[i])) < 1e-9);
}

BOOST_AUTO_TEST_CASE(the_limit_is_a_fixed_point_at_50_digits) {
  const auto F = objective<Real50>();
  const auto L = limit<Real50>();
  CoupledFlowOptions o;
  o.abs_tol = o.rel_tol = 1e-40;
  const std::vector<Real50> grid{Real50(10), Real50("1e6")};
  const auto sol = integrate_coupled_flow(F, Eigen::Matrix<Real50, Eigen::Dynamic, 1>(L.head(2)),
                                          L(2), Real50(1), grid, o);
  BOOST_TEST(abs(sol.b.back() - L(2)) < Real50("1e-39"));  // at the tolerance
  BOOST_TEST(sol.error_estimate < 1e-40);
}

BOOST_AUTO_TEST_CASE(bad_inputs_and_stiff_50_digit_runs_are_reported) {
  const auto F = objective<double>();
  BOOST_CHECK_THROW(integrate_coupled_flow(F, Eigen::VectorXd::Zero(3), 0.0, 1.0, {2.0}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(integrate_coupled_flow(F, Eigen::VectorXd::Zero(2), 0.0, 1.0, {0.5}),
                    std::invalid_argument);
  BOOST_CHECK_THROW(integrate_coupled_flow(F, Eigen::VectorXd::Zero(2), 0.0, 0.0, {1.0}),
                    std::invalid_argument);
  CoupledFlowOptions o;
  o.max_rhs_evaluations = 50;
  o.abs_tol = o.rel_tol = 1e-30;
  const auto F50 = objective<Real50>();
  BOOST_CHECK_THROW(
      integrate_coupled_flow(F50, Eigen::Matrix<Real50, Eigen::Dynamic, 1>::Zero(2), Real50(0),
                             Real50(1), std::vector<Real50>{Real50("1e12")}, o),
      lingrok::NumericalError);
}
