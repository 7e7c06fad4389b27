// The full gradient flow (docs/conventions.md#model, docs/numerics.md#gradient-flows) on all
// training data,
//     d(w, b)/dτ = -∇L(w, b),   (w, b)(0) = (0, 0),
// for the logistic or exponential loss, summed or averaged (data/loss/loss.hpp supplies
// ∇L). GD with step η is Euler's method for this flow at τ = η t, so GD at step t and the
// flow at τ = η t differ by O(η); every time is reported in GD steps t = τ/η
// (docs/conventions.md#time-units).
//
// Method and why. The flow is stiff from the start: the Hessian of L has eigenvalues up to
// β (the smoothness constant, ηβ ≈ 50 for the paper's literal setting) while the slow modes
// — the bias, ρ = w - ŵ log τ — move on the scale of log τ. Late, the Hessian decays like the
// weights q_i ~ 1/τ, so in s = log τ the Jacobian τ∇²L stays O(|α|) while the solution moves
// by O(1) per unit s: s = log τ is the natural variable there, and the stiffness (ratio of
// the largest to the smallest eigenvalue of τ∇²L, large when support vectors are nearly
// collinear or α is large) remains. We therefore use odeint's rosenbrock4 (a 4th-order
// L-stable Rosenbrock method with an embedded error estimate and dense output), with the
// exact Jacobian -∇²L = -Σ ℓ''(z_i) x̃_i x̃_iᵀ:
//   phase 1: τ ∈ [0, τ_s] in τ, with τ_s = 1/λ_max(∇²L(0)) (the fastest initial time scale);
//   phase 2: s = log τ ∈ [log τ_s, log τ_end], d(w,b)/ds = -τ ∇L, Jacobian -τ ∇²L.
// Explicit methods would need steps ~1/β for all 1e7 GD steps; rosenbrock4 takes steps of
// O(1) in s. Double precision only (rosenbrock4's LU over 50-digit numbers at 1e-40 would
// need ~1e10 steps of a 4th-order method; the 50-digit reference is the bias ODE).
//
// Cost, and why it finishes. Almost all the time is the evaluation of ∇L (and ∇²L for the
// Jacobian), ~7 passes over the data per step, so the system evaluates both in one
// allocation-free pass without the loss value (bit for bit loss_and_gradient's ∇L; 2.5x faster
// than calling it). The number of steps grows faster with the tolerance than a 4th-order method's
// tol^{-1/4} (2.5-3.5x per decade instead of 1.8x): to t = 1e7 at η = 1e-2 on the d2_S350_50
// data (N = 2000), 4.3e3 steps at 1e-10, 1.1e4 at 1e-11, 3.1e4 at 1e-12, 1.1e5 at 1e-13. The
// likely cause is rounding: in s the right-hand side τ∇L = -Σ τq_i y_i x̃_i sums terms of size
// ~|α_s| that cancel down to ~|ŵ|, so its noise, ~1e-16 Σ|α_s x̃_s|, nears the tolerance below
// 1e-12. Hence the error estimate's reference run is at tolerances / 100, not / 1000: at 1e-13
// it was the run that "never finished" (minutes on a loaded machine); at 1e-12 it is still 100x
// tighter than the run it checks, enough to estimate that run's error. Timings:
// bench/flow_full_bench.
//
// Error. The tolerances are odeint's absolute and relative tolerances per step; the achieved
// error is estimated by a second run at tolerances / 100 (FullFlowOptions::estimate_error).
#pragma once

#include <vector>

#include "core/deadline.hpp"
#include "data/dataset.hpp"
#include "data/loss/loss.hpp"
#include "numerics/flow/trajectory.hpp"

namespace lingrok {

struct FullFlowOptions {
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  double eta = 1e-2;  // converts τ = η t; does not change the flow itself
  double abs_tol = 1e-10;
  double rel_tol = 1e-10;
  bool estimate_error = true;
  const Deadline* deadline = nullptr;  // polled at each right-hand side (core/deadline.hpp)
  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// Integrates the flow on `train` and samples it at GD steps `t_grid` (ascending, >= 0).
FlowTrajectory<double> integrate_full_flow(const Dataset& train, const std::vector<double>& t_grid,
                                           const FullFlowOptions& options = {});

// The Hessian ∇²L(w, b) = Σ ℓ''(z_i) x̃_i x̃_iᵀ (÷N for mean), (d+1) x (d+1), bias last.
Eigen::MatrixXd loss_hessian(const Dataset& train, const Eigen::VectorXd& w, double b, Loss loss,
                             Reduction reduction);

}  // namespace lingrok
