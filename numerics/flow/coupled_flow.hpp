// The coupled support-vector flow of docs/theory.md#coupled-flow (lingrok's extension of Theorem
// 4.5):
//     d(ρ, β)/ds = -∇F(ρ, β),   s = log t,   (ρ, β)(t0) = (ρ0, β0),
//     F(ρ, β) = η Σ_{s∈S} exp(-y_s (x_s·ρ + β)) + ŵ·ρ (theory/late_time/support_objective.hpp),
// i.e. gradient flow restricted to the support vectors with w(t) = ŵ log t + ρ(t), b(t) = β(t),
// from any state. The paper freezes ρ = w̃ while b moves; comparing this flow with the frozen-ρ
// bias ODE (bias_ode.hpp) and with GD measures what the decoupling costs. Its fixed point is
// the late-time limit (w̃, b̃) of docs/theory.md#late-time-limit. Times are GD steps t (F carries
// η).
//
// Method and why. The system is autonomous in s. Near the limit its Jacobian is -∇²F =
// -Σ α_s x̃_s x̃_sᵀ, whose eigenvalues range from the dual's size (|α| ~ ||ŵ||², 4e6 for the
// paper's γ = 1e-3) down to the slow bias mode: stiff for realistic data. In double we use
// odeint's rosenbrock4 (L-stable, exact Jacobian -∇²F from SupportObjective::hessian) with
// controlled steps landing on every grid time. At 50 digits (Real50) we use Bulirsch–Stoer
// (bulirsch_stoer_dense_out, interpolation error controlled), which is fast where the flow is
// not stiff; a cap on right-hand-side evaluations turns a stiff case into a NumericalError
// that says to use double instead of a run that never ends.
//
// Error. Estimated by a second run at tolerances / 1000 (CoupledFlowOptions::estimate_error).
// Instantiated for double and lingrok::Real50 in coupled_flow.cpp only.
#pragma once

#include <cstddef>
#include <type_traits>
#include <vector>

#include "core/deadline.hpp"
#include "numerics/flow/trajectory.hpp"
#include "theory/late_time/support_objective.hpp"

namespace lingrok {

struct CoupledFlowOptions {
  double abs_tol = 1e-12;
  double rel_tol = 1e-12;
  bool estimate_error = true;
  std::size_t max_rhs_evaluations = 20'000'000;  // Real50 only: the stiffness guard
  const Deadline* deadline = nullptr;  // polled at each right-hand side (core/deadline.hpp)
  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// Integrates from (ρ0, β0) at GD step t0 > 0 and samples (ρ, β) at `t_grid` (ascending, each
// >= t0). FlowTrajectory::w holds ρ, ::b holds β.
// T is deduced from F alone (std::type_identity_t on the other parameters), so that rho0 may be
// an Eigen expression and t_grid a braced list.
template <class T>
FlowTrajectory<T> integrate_coupled_flow(
    const SupportObjective<T>& F,
    const std::type_identity_t<Eigen::Matrix<T, Eigen::Dynamic, 1>>& rho0,
    const std::type_identity_t<T>& beta0, const std::type_identity_t<T>& t0,
    const std::type_identity_t<std::vector<T>>& t_grid, const CoupledFlowOptions& options = {});

}  // namespace lingrok
