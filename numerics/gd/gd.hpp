// Full-batch gradient descent on the paper's objective (SPEC §1, §5.1):
//     (w, b)_{t+1} = (w, b)_t - η ∇L(w, b),   L = Σ_i ℓ(y_i (w·x_i + b))  (or (1/N) Σ for mean),
// with ℓ the logistic or the exponential loss, started at (w0, b0) (default (0, 0)).
//
// Two implementations of the same iteration:
//  - GdEngine: the fast `double` path used by `lingrok simulate` (gd_engine.cpp, -O3, AVX2).
//  - run_reference_gd<T> (gd_reference.hpp): the plain loop over numerics/loss/loss.hpp for any
//    scalar T (double, long double, __float128, Real50); the fast path is tested against it.
//
// The fast path's shortcuts, each with the bound that justifies it (proofs in gd_engine.cpp):
//  1. Exact screening. A point with margin z_i > 750 has e^{-z_i} = 0 in double (below half
//     the smallest subnormal), so its weight q_i and its loss are exactly 0 and skipping it
//     changes no bit. The margins of skipped points are not recomputed every step: each step
//     moves every margin by at most ||Δw||·||x_i|| + |Δb| ≤ R̃·||Δθ||, so a point screened out at
//     z_i > 750 + S stays above 750 until the accumulated movement reaches S; only then are all
//     margins recomputed. Until the vector kernel engages (2.) the fast path is bit-identical
//     to run_reference_gd<double> (same operations, same order).
//  2. Vector kernel (AVX2, 4 lanes, own exp with relative error ≤ 2 ulp, checked by a test).
//     It changes rounding, so it is engaged only where rounding differences provably cannot
//     grow: when η·Σ_i q_i ||x̃_i||² (÷N for mean) ≤ 1.9, the GD map is non-expansive near the
//     trajectory (its Jacobian I - ηH has H ⪯ Σ q_i x̃_i x̃_iᵀ, so ||I - ηH|| ≤ 1), and the
//     distance to the plain trajectory is at most the sum of the per-step gradient
//     differences, which the engine accumulates as `error_bound`. Its test runs ≥ 1e5 steps.
// Data layout: X stays row-major N x d (numerics/data/dataset.hpp); the screened active set is
// copied column by column into a compact buffer (rebuilt only at re-screening), so the kernel
// streams n_active·d doubles per step for d = 2 and d = 1024 alike.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "numerics/data/dataset.hpp"
#include "numerics/loss/loss.hpp"

namespace lingrok {

struct GdOptions {
  double eta = 1e-2;
  long long steps = 10000000;
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  Eigen::VectorXd w0;  // empty: zero
  double b0 = 0.0;
  bool shortcuts = true;  // screening and the vector kernel; false: the plain computation

  // Throws InputError naming the bad field: η ≤ 0 or not finite, steps ≤ 0, w0 of the wrong
  // dimension or not finite.
  void validate(int d) const;
};

// The theory's geometry, for the trajectory columns that compare with it (SPEC §3.1–3.2):
// ŵ (max-margin direction, bias free), the late-time limit (w̃, b̃), and the support set S
// (in_support[i] = 1 for i ∈ S, one entry per training row).
struct ReferenceGeometry {
  Eigen::VectorXd w_hat, w_tilde;
  double b_tilde = 0.0;
  std::vector<std::uint8_t> in_support;
};

// The part of the engine state a checkpoint needs to continue bit for bit.
struct GdState {
  long long t = 0;
  Eigen::VectorXd w;
  double b = 0.0;
  Eigen::VectorXd last_update;   // θ_t - θ_{t-1}, θ = (w, b), d + 1 entries; empty at t = 0
  Eigen::VectorXd prev_update;   // θ_{t-1} - θ_{t-2}; empty for t < 2
  bool vector_engaged = false;   // the vector kernel has been used
  bool certified = true;         // every vector step satisfied the non-expansiveness guard
  long long vector_from_t = -1;  // first step made with the vector kernel (-1: none)
  double error_bound = 0.0;      // accumulated bound on ||θ_fast - θ_plain|| (absolute)
  // Screening and kernel choice, so that a resumed run makes the same choices (the vector
  // kernel's lane sums depend on which points are in the active set).
  bool screened = false;
  std::vector<long long> active;  // ascending row indices
  double drift = 0.0;             // margin movement bound since the last screening
  double last_h = HUGE_VAL;       // η-free guard quantity h at the previous step
};

class GdEngine {
 public:
  GdEngine(const Dataset& train, const GdOptions& options);
  ~GdEngine();
  GdEngine(const GdEngine&) = delete;
  GdEngine& operator=(const GdEngine&) = delete;

  // Advances to step t_end (≥ t()). Stops early, with diverged() true, when a parameter
  // becomes NaN or Inf.
  void run_to(long long t_end);

  long long t() const { return state_.t; }
  const Eigen::VectorXd& w() const { return state_.w; }
  double b() const { return state_.b; }
  bool diverged() const { return diverged_; }
  // The full state (for checkpoints); restore(state()) continues bit for bit.
  GdState state() const;
  void restore(const GdState& state);

  // Cosine between the last two updates (NaN before two steps or for a zero update).
  double update_cosine() const;
  // Points in the active set now (for diagnostics and benchmarks).
  long long active_points() const;
  long long rescreenings() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  GdState state_;
  bool diverged_ = false;
};

// β, the smoothness constant of L (SPEC §1): λ_max(Σ_i x̃_i x̃_iᵀ)/4 for the sum (÷N for mean),
// x̃ = (x, 1). For the exponential loss the Hessian is unbounded; lingrok reports the same
// number (the logistic constant at the start point's scale) and says so.
double smoothness_beta(const Dataset& train, Reduction reduction);

}  // namespace lingrok
