// Internal to the coupled flow (coupled_flow.hpp): its double path, rosenbrock4 in s = log t,
// compiled as C++17 in coupled_flow_rosenbrock.cpp (ublas in Boost 1.74 is not C++20-clean).
// Include only from numerics/flow; keep this header C++17.
#pragma once

#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "numerics/flow/trajectory.hpp"
#include "theory/late_time/support_objective.hpp"

namespace lingrok::detail {

// s = log(t/t0) at every grid time, with s = 0 prepended when the first grid time is after t0.
template <class T>
std::vector<T> coupled_flow_s_grid(const T& t0, const std::vector<T>& t_grid, bool& prepended) {
  using std::log;
  std::vector<T> s;
  prepended = t_grid.front() > t0;
  if (prepended) s.push_back(T(0));
  for (const T& t : t_grid) s.push_back(T(log(t / t0)));
  return s;
}

// rosenbrock4 (exact Jacobian -∇²F) from (ρ0, β0) at t0 on a checked grid; fills w, b, method,
// steps (not t or the tolerances).
FlowTrajectory<double> coupled_flow_rosenbrock(const SupportObjective<double>& F,
                                               const Eigen::VectorXd& rho0, double beta0, double t0,
                                               const std::vector<double>& t_grid, double abs_tol,
                                               double rel_tol, const Deadline* deadline);

}  // namespace lingrok::detail
