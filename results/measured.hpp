// The quantities measured on a GD run (or a flow) from its own log, one definition each, for
// the checks, the figures and the sweep:
//   - the phase boundaries measured on a run (docs/theory.md#measured-phase-boundaries):
//     t1 = first logged t >= 1 with r(t) <= κ, t2 = argmax_{t >= t1} D(t);
//   - B_obs = sup_t ||ρ(t)|| over the log and the Theorem 4.6 bounds taken with it (
//     docs/theory.md#grokking-time).
// The Def. 3.4 times T_tr(ε), T_te(ε) (first reach and settle, relative to the supremum or to 1)
// are numerics/gd/grokking_detection.hpp's: simulate writes them into its summary with the same
// functions the checks call.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace lingrok {

struct MeasuredPhases {
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t k1 = kNone;  // the row of t1 (kNone: r never reaches κ in the log)
  std::size_t k2 = kNone;  // the row where D is largest from k1 on (finite D only)
  double t1 = std::numeric_limits<double>::quiet_NaN();
  // NaN when the largest D is at the last logged row: D was still rising when the log ended,
  // so the argmax over t >= t1 lies beyond it (censored), not at T.
  double t2 = std::numeric_limits<double>::quiet_NaN();

  bool phase1_ends() const { return k1 != kNone; }
  bool peak_inside() const { return !std::isnan(t2); }
};

// The row of t1: the first logged t >= 1 with r(t) <= κ; kNone if r never gets there (NaN r
// never qualifies).
std::size_t phase1_end_row(const std::vector<double>& t, const std::vector<double>& r,
                           double kappa);

// t, r, D: columns of one log (equal lengths). NaN r or D never qualify.
MeasuredPhases measure_phases(const std::vector<double>& t, const std::vector<double>& r,
                              const std::vector<double>& D, double kappa);

// B_obs = sup ||ρ|| over the finite logged values; NaN when there are none (nothing measured
// bounds nothing: the B_obs bounds are then NaN too).
double observed_B(const std::vector<double>& rho_norm);

// Theorem 4.6's bounds with a given B, in log t: log(small-γ estimate) ∓ γB/2 (the small-γ
// estimate is |log δ|/ℓ(ε), theory.json's T_te_small_gamma).
struct LogTimeBounds {
  double log_lower;
  double log_upper;
};
LogTimeBounds grokking_time_log_bounds(double log_small_gamma, double gamma, double B);

}  // namespace lingrok
