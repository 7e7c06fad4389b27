// The full gradient flow on all training data (docs/numerics.md#gradient-flows) to
// astronomical times, in log time and in any precision (double, Real50):
//     dθ/dτ = -∇L(θ),  θ = (w, b),  τ = η t   (t in GD steps, docs/conventions.md),
// integrated in σ = log(1 + t/t_s), t_s = 1/(η λ_max(∇²L(0))) (the fastest initial time scale):
//     dθ/dσ = -u η ∇L(θ) = u η Σ_i q_i y_i x̃_i,   u = t + t_s = t_s e^σ   (÷N for mean).
// σ ≈ t/t_s early, where the flow moves on the scale t_s, and σ ≈ log t late, where the
// theory's slow variables (ρ = w - ŵ log t, b) move by O(1) per unit of log t (Theorem 4.2,
// 4.5); late, u η q_s → α_s for a support vector, so the field stays O(||ŵ||) however large t is.
// The flow starts at (0, 0) at t = 0, or at any (t0, w0, b0), e.g. GD's state at the end of a
// run ("continued from GD").
//
// Stiffness. The Jacobian in σ, -u η ∇²L ≈ -Σ_s α_s x̃_s x̃_sᵀ late, has eigenvalues up to
// Σ α_s (||x_s||² + 1) ~ ||ŵ||² R² (4e7 for the paper's γ = 1e-3) against O(2ηk) for the bias
// mode: extremely stiff, so the integrator is the linearly implicit Euler extrapolation of
// linearly_implicit_extrapolation.hpp (Bulirsch–Stoer made stiff) with the exact Jacobian.
//
// Screening (mirrors numerics/gd/gd.hpp's shortcut 1). A point whose exponent
// E_i = z_i - log(u η) exceeds `screen_exponent` contributes u η q_i ||x̃_i|| ≤ ||x̃_i|| e^{-E_i}
// to the field (q_i ≤ e^{-z_i} for both losses): it is skipped, its exponent computed in
// double (N·d flops, against one 50-digit exp per point kept). The flow is a gradient flow of
// a convex function, hence non-expansive in the Euclidean norm, so a field perturbed by δ(σ)
// moves the solution by at most ∫ ||δ|| dσ. Per accepted step of length H the bound adds
//     H · n_skip · R̃ · exp(-(E_min - R̃ Δ - H)),
// with n_skip, E_min the largest count and the smallest skipped exponent at the step's stage
// evaluations, R̃ = max ||x̃_i||, and Δ the largest distance of a stage state from the step's
// start (a skipped exponent falls by at most R̃ Δ + H over the step). Given ŵ, write
// w = ŵ log u + ρ: E_i = y_i(ρ·x_i + b) + (m_i - 1) log u - log η with m_i = y_i ŵ·x_i, so
// Δ is measured in (ρ, b) (ρ = w - ŵ σ differs from it by a constant) and H is replaced by max(0, 1
// - min_i m_i) H (0 when ŵ is the max-margin direction, m_i >= 1): w itself moves by ||ŵ|| H per
// step, which would void the plain bound late, while early ρ moves by ||ŵ|| H and w barely: each
// step uses the smaller of the two falls. The total is LogTimeFlow::screening_bound (÷N for mean),
// an absolute bound on ||θ_screened - θ_all||_2 up to the integration error; the default e^{-130}
// ≈ 3.5e-57 makes it ≪ 1e-40.
//
// Jacobian. At 50 digits it is summed point by point; in double it is one symmetric rank-k
// update -X̃_kᵀ diag(c) X̃_k over the kept points (Eigen's blocked kernel), so that d = 1024
// (N = 2000: 2 GFLOP per Jacobian, against about ten LU factorizations of (d+1)² per step) is a
// matter of seconds per step rather than minutes.
//
// Error. Each step keeps the local error estimate within abs_tol + rel_tol |θ|; the achieved
// error is measured, not assumed: tests compare with closed forms to 1e-30 (at 50 digits) and
// the CLI can rerun at a tighter tolerance.
//
// Cost: bench/flow_logtime_bench (seconds per decade of t). Instantiated for double and Real50
// in full_flow_logtime.cpp.
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <functional>
#include <string>

#include "core/deadline.hpp"
#include "data/dataset.hpp"
#include "data/loss/loss.hpp"
#include "numerics/flow/trajectory.hpp"

namespace lingrok {

struct LogTimeFlowOptions {
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  double eta = 1e-2;  // converts τ = η t
  double t_end = 1e60;
  int per_decade = 10;  // output at t = 10^{j/per_decade} > t_start, and at t_end
  double abs_tol = 1e-36;
  double rel_tol = 1e-36;
  int order = 12;  // columns of the extrapolation table
  bool screening = true;
  double screen_exponent = 130;  // skip a point when z_i - log(u η) > this
  std::size_t max_steps = 1000000;
  const Deadline* deadline = nullptr;  // polled at each right-hand side (core/deadline.hpp)
  // Throws std::invalid_argument naming the bad field and the fix.
  void validate() const;
};

template <class T>
struct LogTimeFlowStart {
  T t = T(0);                             // GD steps; 0: the flow's own start
  Eigen::Matrix<T, Eigen::Dynamic, 1> w;  // empty: zero
  T b = T(0);
  // Optional drift ŵ (docs/theory.md#max-margin-separator; empty: none). The integrator's state is
  // then ρ = w - ŵ σ = w - ŵ log(1 + t/t_s) instead of w (equal at t = 0; late, ρ differs from
  // the theory's w - ŵ log t by the constant ŵ log t_s): with ŵ the max-margin direction the field
  // of ρ tends to an autonomous one (the coupled flow of docs/theory.md#coupled-flow) instead of
  // carrying e^σ factors that cancel only along the solution, which the extrapolation's error terms
  // do not see (with the drift, 10x fewer steps at 1e-12). The output is w either way.
  Eigen::Matrix<T, Eigen::Dynamic, 1> drift;
  // With a drift: the bias drift b̂ of eq. (7) where Assumption 3.1 fails (the max-margin
  // separator of the augmented points x̃ = (x, 1), docs/theory.md#max-margin-separator). The
  // state's last component is then b - b̂ σ, and m_i below is y_i (ŵ·x_i + b̂). 0: none.
  T drift_b = T(0);
  // Optional, with a drift: m_i - 1 = y_i (ŵ·x_i + b̂) - 1 per training point, computed by the
  // caller in higher precision than T (empty: computed here in T). In double, computing it from a
  // double ŵ would cost |ŵ||x| 2^-53 ≈ 1e-12, which log u multiplies (see the .cpp).
  Eigen::Matrix<T, Eigen::Dynamic, 1> margin_excess;
  // Optional max-margin direction ŵ for the screening bound only (empty: none; the drift is
  // used when given). See the header comment.
  Eigen::Matrix<T, Eigen::Dynamic, 1> w_hat;
};

template <class T>
struct LogTimeFlow {
  FlowTrajectory<T> trajectory;  // (t, w, b) at each output time reached
  double t_start = 0;
  double t_reached = 0;  // last output time (t_end unless stopped early)
  double t_scale = 0;    // t_s
  bool stopped_early = false;
  double screening_bound = 0;  // see the header comment
  std::size_t steps = 0, rejected = 0, evaluations = 0;
  std::size_t points_evaluated = 0;  // Σ over evaluations of the points kept
  double seconds = 0;
};

// Integrates on `train` from `start`; `keep_going(t, w, b)` is called at each output time and
// may stop the run there (empty: never). Throws std::invalid_argument for bad input and
// std::runtime_error if the integrator fails.
template <class T>
LogTimeFlow<T> integrate_full_flow_logtime(
    const Dataset& train, const LogTimeFlowStart<T>& start, const LogTimeFlowOptions& options,
    const std::function<bool(const T&, const Eigen::Matrix<T, Eigen::Dynamic, 1>&, const T&)>&
        keep_going = {});

}  // namespace lingrok
