// Where a GD run enters the late-time regime of Assumption 4.4, measured on its log (late_time.hpp,
// docs/checks.md#late-time-start).
#include "proofs_check/checks/late_time.hpp"

#include <algorithm>

#include "proofs_check/checks/check_support.hpp"

namespace lingrok::checks {

LateTimeStart late_time_start(const RunArtifacts& run, const CheckOptions& options) {
  LateTimeStart s{kNaN, kNaN, kNaN, kNaN, false};
  const auto t = column(run, "t");
  const auto r = column(run, "r");
  const auto gap = column(run, "rho_minus_w_tilde");
  if (t.empty() || r.empty() || gap.empty() || !run.theory) return s;
  s.available = true;
  const double w_tilde_norm = run.theory->value_or_nan("norm_w_tilde");
  s.rho_threshold = options.rho_limit_tol * std::max(1.0, w_tilde_norm);
  s.t_r = first_time_holding(t, [&](std::size_t k) { return t[k] >= 1 && r[k] <= options.kappa; });
  s.t_rho =
      first_time_holding(t, [&](std::size_t k) { return t[k] >= 1 && gap[k] <= s.rho_threshold; });
  if (!std::isnan(s.t_r) && !std::isnan(s.t_rho)) s.t0 = std::max(s.t_r, s.t_rho);
  return s;
}

}  // namespace lingrok::checks
