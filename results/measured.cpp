// The quantities measured on a run's log: t1, t2, B_obs and Theorem 4.6's bounds on it
// (measured.hpp, docs/theory.md#measured-phase-boundaries).
#include "results/measured.hpp"

#include <algorithm>
#include <cmath>

namespace lingrok {

std::size_t phase1_end_row(const std::vector<double>& t, const std::vector<double>& r,
                           double kappa) {
  const std::size_t n = std::min(t.size(), r.size());
  for (std::size_t k = 0; k < n; ++k) {
    if (t[k] >= 1 && r[k] <= kappa) return k;  // false for NaN r
  }
  return MeasuredPhases::kNone;
}

MeasuredPhases measure_phases(const std::vector<double>& t, const std::vector<double>& r,
                              const std::vector<double>& D, double kappa) {
  MeasuredPhases p;
  const std::size_t n = std::min({t.size(), r.size(), D.size()});
  p.k1 = phase1_end_row(t, r, kappa);
  if (p.k1 >= n) p.k1 = MeasuredPhases::kNone;
  if (!p.phase1_ends()) return p;
  p.t1 = t[p.k1];
  p.k2 = p.k1;
  for (std::size_t k = p.k1; k < n; ++k) {
    if (std::isfinite(D[k]) && D[k] > D[p.k2]) p.k2 = k;
  }
  if (p.k2 + 1 < n) p.t2 = t[p.k2];
  return p;
}

double observed_B(const std::vector<double>& rho_norm) {
  double B = std::numeric_limits<double>::quiet_NaN();
  for (const double v : rho_norm) {
    if (std::isfinite(v)) B = std::isfinite(B) ? std::max(B, v) : v;
  }
  return B;
}

LogTimeBounds grokking_time_log_bounds(double log_small_gamma, double gamma, double B) {
  return {log_small_gamma - gamma * B / 2, log_small_gamma + gamma * B / 2};
}

}  // namespace lingrok
