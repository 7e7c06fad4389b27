// A4.4 (the paper's Assumption 4.4): after some t0 the late-time conditions hold — the
// non-support points no longer matter and w(t) ≈ ŵ log t + w̃. Measured on the GD log
// (proofs_check/checks/late_time.hpp).
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "proofs_check/checks/late_time.hpp"

namespace lingrok::checks {

CheckReport check_A4_4(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("A4.4",
                               "After some t0 the late-time conditions hold: r(t) <= kappa and "
                               "w(t) = w_hat log t + w_tilde within tolerance.",
                               "Assumption 4.4");
  if (const std::string why = no_late_time_limit(run); !why.empty()) {
    r.verdict = Verdict::not_applicable;
    r.reason = why + ": w(t) = w_hat log t + w_tilde has no w_tilde.";
    return r;
  }
  const LateTimeStart s = late_time_start(run, options);
  if (!s.available) {
    return missing(r, "a GD log with r and rho_minus_w_tilde and theory.json",
                   "`lingrok simulate --theory`");
  }
  const auto t = column(run, "t");
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"kappa", options.kappa}};
  r.add("t0", s.t0, "GD steps; both conditions hold from here to the end");
  r.add("t(r <= kappa)", s.t_r);
  r.add("t(||rho - w_tilde|| <= tol)", s.t_rho);
  r.add("T", t.back());
  r.tolerance = "kappa = " + fmt(options.kappa) + ", ||rho - w_tilde|| <= " + fmt(s.rho_threshold);
  if (!std::isnan(s.t0)) {
    r.verdict = Verdict::holds;
    r.reason = "Both late-time conditions hold from t0 = " + fmt(s.t0) +
               " to the end of the run (T = " + fmt(t.back()) + ").";
  } else {
    r.verdict = Verdict::inconclusive;
    r.reason = std::string("By T = ") + fmt(t.back()) +
               " the conditions do not both hold to the end (" +
               (std::isnan(s.t_r) ? "r > kappa" : "r ok from " + fmt(s.t_r)) + ", " +
               (std::isnan(s.t_rho) ? "rho not near w_tilde" : "rho ok from " + fmt(s.t_rho)) +
               "); a longer run (or a stable step) would settle it.";
  }
  return r;
}

}  // namespace lingrok::checks
