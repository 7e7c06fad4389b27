// Full-batch gradient descent on the paper's objective (docs/conventions.md#model,
// docs/numerics.md#gd-engine):
//     (w, b)_{t+1} = (w, b)_t - η ∇L(w, b),   L = Σ_i ℓ(y_i (w·x_i + b))  (or (1/N) Σ for mean),
// with ℓ the logistic or the exponential loss, started at (w0, b0) (default (0, 0)).
//
// Two implementations of the same iteration:
//  - GdEngine: the fast `double` path used by `lingrok simulate` (gd_engine.cpp, -O3, AVX2 or
//    AVX-512).
//  - run_reference_gd<T> (gd_reference.hpp): the plain loop over data/loss/loss.hpp for any
//    scalar T (double, long double, __float128, Real50); the fast path is tested against it.
//
// The fast path's shortcuts, each with the bound that justifies it (proofs in gd_engine.cpp):
//  1. Screening. A point with margin z_i > 69 has weight q_i ≤ e^{-z_i} < 1e-30; all such points
//     together move the gradient by at most N·R̃·e^{-69} per step, which the error bound adds.
//     Margins of left-out points are not recomputed every step: |z_i(θ) - z_i(θ_s)| ≤
//     ||x̃_i||·||θ - θ_s|| (θ_s: the parameters at the last screening), so a point left out at
//     z_i > 69 + S stays above 69 until ||θ - θ_s|| reaches S/R̃. S is at least 64 and at least
//     8 times the last step's margin swing, so a period-2 oscillation (η β ≫ 2) does not force
//     a re-screening every step; a re-screening also happens every 4096 steps so that points
//     whose margins grew leave the active set.
//  2. Vector kernel (8 lanes on AVX-512, or on AVX2 as two halves with the same bits; own exp
//     with relative error ≤ 3 ulp, checked by a test),
//     on GdOptions::threads threads (each a slice of the active set). It changes rounding. The
//     engine accumulates a bound on the distance to the plain `double` trajectory
//     (GdState::error_bound): per-step gradient differences add up, and the bound is certified
//     (GdState::certified) while η·Σ_i c_i ||x̃_i||² ≤ 2, where the GD map is non-expansive.
//     Outside that range (the paper's literal η, ηβ ≈ 50) no a-priori bound exists, for this
//     kernel or for the plain `double` loop itself against exact arithmetic; there the shortcut
//     test measures the distance (≤ 1e-12 relative over 1e5 steps) and summary.json says the
//     bound is not certified.
//  3. Reused exponentials (logistic loss): e^{-|z_i|} = e^{-|z_r|}·e^{-(|z_i| - |z_r|)} from a
//     reference margin z_r of the same parity of t, by a short polynomial while the exponents
//     differ by at most 2^-7 (the literal run oscillates with period 2, and z_i(t) - z_i(t - 2)
//     is tiny). Weights stay within 11u relative (u = 2^-53), which the error bound of 2 uses;
//     the references are in GdState.
//  4. Far points (logistic loss): in a block that reuses exponentials, an active point with
//     |z_i| > 69 gets e^{-|z_i|} = 0, off by at most e^{-69}; counted with 1 in N·R̃·e^{-69}.
// Data layout: X stays row-major N x d (data/dataset.hpp); the screened active set is
// copied into a compact buffer (rebuilt only at re-screening) in blocks of 24 points of one label
// (positive blocks first, each class by decreasing norm), each block's d columns one after the
// other, so the kernel streams n_active·d contiguous doubles per step for d = 2 and d = 1024
// alike, and threads take whole blocks. The copy is made up to 2^30 doubles (8 GiB, the paper's
// full d = 1024 set); above that the plain loop runs, on one thread.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

constexpr int kMaxGdThreads = 64;  // GdOptions::threads

// Throws InputError "<what> = <threads> must be between 1 and kMaxGdThreads" unless it is; the
// one check behind GdOptions::validate, the `gd` section and `simulate --threads`.
void validate_gd_threads(long long threads, const std::string& what);
// The same for GdOptions::slices and the `gd` section's `slices`: 0 to kMaxGdThreads.
void validate_gd_slices(long long slices, const std::string& what);

struct GdOptions {
  double eta = 1e-2;
  long long steps = 10000000;
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  Eigen::VectorXd w0;  // empty: zero
  double b0 = 0.0;
  bool shortcuts = true;  // screening and the vector kernel; false: the plain computation
  // Threads for the vector kernel (1 to kMaxGdThreads): the active set is split into this many
  // slices, one per thread, every step. The slices' sums are added in a fixed order, so results
  // depend on the thread count (by rounding, within the shortcut bound) but not on timing.
  int threads = 1;
  // Slices the vector kernel's sums are cut into (0: one per thread; at least `threads`
  // otherwise). Slices beyond the threads are summed by the caller's thread in turn and added in
  // the same fixed order, so `threads = 1, slices = 2` gives the bits of `threads = 2`: a
  // different rounding of the same gradient at one thread's cost (the protocols grid's rounding
  // variant, pipeline/protocols_plan.hpp).
  int slices = 0;
  // Let the vector kernel use AVX-512 where the CPU has it. The AVX2 and AVX-512 kernels give the
  // same bits; tests turn this off to compare them.
  bool avx512 = true;

  // Throws InputError naming the bad field: η ≤ 0 or not finite, steps ≤ 0, w0 of the wrong
  // dimension or not finite, threads outside 1..kMaxGdThreads, slices outside 0..kMaxGdThreads.
  void validate(int d) const;
};

// The theory's geometry, for the trajectory columns that compare with it
// (docs/theory.md#max-margin-separator, docs/theory.md#late-time-limit): ŵ (max-margin direction,
// bias free; eq. (7)'s where Assumption 3.1 fails), the late-time limit (w̃, b̃; empty and NaN
// where it does not exist), and the support set S (in_support[i] = 1 for i ∈ S, one entry per
// training row).
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
  double drift = 0.0;             // bound on the margin movement since the last screening
  double allowance = 0.0;         // its rounding part, fixed at the screening
  double slack = 64.0;            // S: points screened out had margins above 69 + S
  Eigen::VectorXd screen_w;       // (w, b) at the last screening
  double screen_b = 0.0;
  long long rescreens = 0;  // screenings made so far (GdEngine::rescreenings)
  // The vector kernel's reused exponentials (gd_engine.cpp, shortcut 3): |z_r| and e^{-|z_r|} per
  // active point, parity 0 then parity 1 (empty without the vector kernel).
  Eigen::VectorXd ref_z, ref_e;
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

// β and the stable step 1/β: theory/smoothness.hpp (docs/conventions.md#step-size-regime).

}  // namespace lingrok
