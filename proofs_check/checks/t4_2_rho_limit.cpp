// T4.2 (the paper's Theorem 4.2): ρ(t) = w(t) - ŵ log t converges to w̃, the minimiser of the
// late-time objective F (docs/theory.md#late-time-limit). Measured: ||ρ(T) - w̃|| at the end of the
// GD log, and whether it was still shrinking over the last decade.
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_T4_2(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r =
      start_report("T4.2", "rho(t) = w(t) - w_hat log t converges to w_tilde.", "Theorem 4.2");
  const auto t = column(run, "t");
  const auto gap = column(run, "rho_minus_w_tilde");
  if (const std::string why = no_late_time_limit(run); !why.empty()) {
    r.verdict = Verdict::not_applicable;
    r.reason = why + ": there is nothing for rho to converge to.";
    return r;
  }
  if (t.empty() || gap.empty() || !run.theory) {
    return missing(r, "a GD log with rho_minus_w_tilde and theory.json",
                   "`lingrok simulate --theory`");
  }
  const double T = t.back();
  const double w_tilde_norm = run.theory->value_or_nan("norm_w_tilde");
  const double threshold = options.rho_limit_tol * std::max(1.0, w_tilde_norm);
  const std::size_t k = index_at_or_after(t, T / 10);
  const double eta_beta = eta_beta_of(run);
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"steps", T}};
  r.add("||rho(T) - w_tilde||", gap.back());
  r.add("||rho(T/10) - w_tilde||", gap[k]);
  r.add("||w_tilde||", w_tilde_norm);
  r.add("eta*beta", eta_beta, "premise of Theorem 4.1: < 2");
  r.tolerance = "||rho(T) - w_tilde|| <= " + fmt(options.rho_limit_tol) +
                " max(1, ||w_tilde||) = " + fmt(threshold);
  if (std::isnan(eta_beta)) {
    r.verdict = Verdict::inconclusive;
    r.reason =
        "Neither simulate/summary.json nor theory.json gives eta*beta, so Theorem 4.1's "
        "premise cannot be checked; `lingrok theory --eta` settles it.";
  } else if (!(eta_beta < options.eta_beta_max)) {
    r.key = "eta*beta";
    r.verdict = Verdict::not_applicable;
    r.reason = "The premise eta < 2/beta is violated (eta*beta = " + fmt(eta_beta) +
               "); at the end ||rho - w_tilde|| = " + fmt(gap.back()) + ".";
  } else if (std::isnan(gap.back()) || std::isnan(threshold)) {
    r.verdict = Verdict::inconclusive;
    r.reason = "||rho(T) - w_tilde|| is not measured (" + fmt(gap.back()) +
               ", ||w_tilde|| = " + fmt(w_tilde_norm) +
               "); `lingrok simulate --theory` with a late-time limit logs it.";
  } else if (gap.back() <= threshold) {
    r.verdict = Verdict::holds;
    r.reason = "At t = " + fmt(T) + ", ||rho - w_tilde|| = " + fmt(gap.back()) +
               " (||w_tilde|| = " + fmt(w_tilde_norm) + ").";
  } else if (k + 1 >= t.size() || std::isnan(gap[k])) {
    r.verdict = Verdict::inconclusive;
    r.reason = "||rho - w_tilde|| = " + fmt(gap.back()) + " at T = " + fmt(T) +
               ", above tolerance, and the log has no row a decade earlier to tell whether it "
               "still shrinks; a denser log (log_per_decade) or a longer run settles it.";
  } else if (gap.back() < gap[k]) {
    r.verdict = Verdict::inconclusive;
    r.reason = "||rho - w_tilde|| is still shrinking (" + fmt(gap[k]) + " at T/10, " +
               fmt(gap.back()) + " at T = " + fmt(T) +
               ") but above tolerance; a longer run settles it.";
  } else {
    r.verdict = Verdict::fails;
    r.reason = "||rho - w_tilde|| = " + fmt(gap.back()) + " at T = " + fmt(T) +
               " and did not shrink over the last decade (" + fmt(gap[k]) + " at T/10).";
  }
  return r;
}

}  // namespace lingrok::checks
