// The coupled support-vector flow (see coupled_flow.hpp): rosenbrock4 in double (in
// coupled_flow_rosenbrock.cpp, C++17 because of ublas), Bulirsch–Stoer at 50 digits here.
#include "numerics/flow/coupled_flow.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/scalar.hpp"
#include "numerics/flow/coupled_flow_rosenbrock.hpp"
#include "numerics/flow/odeint_multiprecision.hpp"

namespace lingrok {

namespace odeint = boost::numeric::odeint;

void CoupledFlowOptions::validate() const {
  if (!(abs_tol >= 0) || !(rel_tol >= 0) || (abs_tol == 0 && rel_tol == 0))
    throw std::invalid_argument(
        "coupled flow: abs_tol and rel_tol must be >= 0 and not both 0 (e.g. 1e-12)");
  if (max_rhs_evaluations == 0)
    throw std::invalid_argument("coupled flow: max_rhs_evaluations must be > 0");
}

namespace {

template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;

template <class T>
void check_inputs(const SupportObjective<T>& F, const Vec<T>& rho0, const T& t0,
                  const std::vector<T>& t_grid) {
  if (rho0.size() != F.dim())
    throw std::invalid_argument("coupled flow: rho0 has the wrong dimension");
  if (!(t0 > T(0))) throw std::invalid_argument("coupled flow: t0 must be > 0");
  if (t_grid.empty()) throw std::invalid_argument("coupled flow: the time grid is empty");
  for (std::size_t i = 0; i < t_grid.size(); ++i) {
    if (!(t_grid[i] >= t0)) throw std::invalid_argument("coupled flow: grid times must be >= t0");
    if (i > 0 && !(t_grid[i] > t_grid[i - 1]))
      throw std::invalid_argument("coupled flow: grid times must be strictly increasing");
  }
}

// double: rosenbrock4, in its C++17 translation unit (coupled_flow_rosenbrock.cpp).
FlowTrajectory<double> run(const SupportObjective<double>& F, const Vec<double>& rho0, double beta0,
                           double t0, const std::vector<double>& t_grid, double abs_tol,
                           double rel_tol, std::size_t /*max_rhs*/, const Deadline* deadline) {
  return detail::coupled_flow_rosenbrock(F, rho0, beta0, t0, t_grid, abs_tol, rel_tol, deadline);
}

// Real50: Bulirsch–Stoer with dense output on std::vector states (needs the
// extract_value_type workaround of odeint_multiprecision.hpp).
FlowTrajectory<Real50> run(const SupportObjective<Real50>& F, const Vec<Real50>& rho0,
                           const Real50& beta0, const Real50& t0, const std::vector<Real50>& t_grid,
                           double abs_tol, double rel_tol, std::size_t max_rhs,
                           const Deadline* deadline) {
  using State = std::vector<Real50>;
  const std::size_t n = static_cast<std::size_t>(F.dim()) + 1;
  std::size_t evaluations = 0;
  auto sys = [&](const State& x, State& dxds, const Real50&) {
    Deadline::check(deadline);
    if (++evaluations > max_rhs)
      throw NumericalError("coupled flow: more than " + std::to_string(max_rhs) +
                           " right-hand-side evaluations at 50 digits; the support-vector flow "
                           "is stiff here, integrate it in double (rosenbrock4) instead");
    Vec<Real50> v(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) v(static_cast<Eigen::Index>(i)) = x[i];
    const Vec<Real50> g = F.gradient(v);
    for (std::size_t i = 0; i < n; ++i) dxds[i] = -g(static_cast<Eigen::Index>(i));
  };
  FlowTrajectory<Real50> out;
  out.method = "bulirsch_stoer_dense_out (odeint, 50 digits) in s = log t";
  State x(n);
  for (std::size_t i = 0; i + 1 < n; ++i) x[i] = rho0(static_cast<Eigen::Index>(i));
  x[n - 1] = beta0;
  bool prepended = false;
  const std::vector<Real50> s = detail::coupled_flow_s_grid(t0, t_grid, prepended);
  std::size_t k = 0;
  auto observe = [&](const State& state, const Real50&) {
    if (k++ == 0 && prepended) return;
    Vec<Real50> rho(F.dim());
    for (Eigen::Index i = 0; i < F.dim(); ++i) rho(i) = state[static_cast<std::size_t>(i)];
    out.w.push_back(rho);
    out.b.push_back(state[n - 1]);
  };
  if (s.size() == 1) {
    observe(x, Real50(0));
  } else {
    odeint::bulirsch_stoer_dense_out<State, Real50, State, Real50> stepper(
        Real50(abs_tol), Real50(rel_tol), Real50(1), Real50(1), Real50(0), true);
    out.steps = odeint::integrate_times(stepper, sys, x, s.begin(), s.end(),
                                        Real50((s.back() - s.front()) / 1000), observe);
  }
  return out;
}

}  // namespace

template <class T>
FlowTrajectory<T> integrate_coupled_flow(
    const SupportObjective<T>& F,
    const std::type_identity_t<Eigen::Matrix<T, Eigen::Dynamic, 1>>& rho0,
    const std::type_identity_t<T>& beta0, const std::type_identity_t<T>& t0,
    const std::type_identity_t<std::vector<T>>& t_grid, const CoupledFlowOptions& options) {
  options.validate();
  check_inputs(F, rho0, t0, t_grid);
  FlowTrajectory<T> out = run(F, rho0, beta0, t0, t_grid, options.abs_tol, options.rel_tol,
                              options.max_rhs_evaluations, options.deadline);
  if (out.b.size() != t_grid.size())
    throw std::logic_error("coupled flow: observed " + std::to_string(out.b.size()) + " of " +
                           std::to_string(t_grid.size()) + " grid times");
  out.t = t_grid;
  out.abs_tol = options.abs_tol;
  out.rel_tol = options.rel_tol;
  if (options.estimate_error) {
    FlowTrajectory<T> ref =
        run(F, rho0, beta0, t0, t_grid, options.abs_tol / 1000, options.rel_tol / 1000,
            options.max_rhs_evaluations, options.deadline);
    ref.t = t_grid;
    out.error_estimate = max_relative_gap(out, ref);
  }
  return out;
}

template FlowTrajectory<double> integrate_coupled_flow<double>(const SupportObjective<double>&,
                                                               const Vec<double>&, const double&,
                                                               const double&,
                                                               const std::vector<double>&,
                                                               const CoupledFlowOptions&);
template FlowTrajectory<Real50> integrate_coupled_flow<Real50>(const SupportObjective<Real50>&,
                                                               const Vec<Real50>&, const Real50&,
                                                               const Real50&,
                                                               const std::vector<Real50>&,
                                                               const CoupledFlowOptions&);

}  // namespace lingrok
