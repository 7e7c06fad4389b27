// T4.1 (Soudry et al. 2018, the paper's Theorem 4.1): with η < 2/β, ||w(t) - ŵ log t|| stays
// bounded. Measured on the GD log: the growth of ||ρ|| over the last logged decade, as a
// fraction of the growth ||ŵ|| log 10 that an unbounded (logarithmic) residual would show; growth
// decides only inside the late-time regime and when it does not shrink from decade to decade.
#include <cctype>

#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "proofs_check/checks/late_time.hpp"
#include "results/measured.hpp"

namespace lingrok::checks {

CheckReport check_T4_1(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("T4.1",
                               "With a step eta < 2/beta, the residual ||w(t) - w_hat log t|| "
                               "stays bounded.",
                               "Theorem 4.1 (Soudry et al. 2018)");
  const auto t = column(run, "t");
  const auto rho = column(run, "rho_norm");
  if (t.empty() || rho.empty() || !run.theory) {
    return missing(r, "a GD log with rho_norm and theory.json", "`lingrok simulate --theory`");
  }
  const double T = t.back();
  const double eta_beta = eta_beta_of(run);
  // ρ is logged against eq. (7)'s ŵ where Assumption 3.1 fails (read_reference_geometry).
  const double w_hat_norm = run.theory->value_or_nan(
      no_late_time_limit(run).empty() ? "svm_bias_free/norm_w" : "svm_eq7/norm_w");
  const std::size_t k = index_at_or_after(t, T / 10);
  const double growth = std::fabs(rho.back() - rho[k]) / (w_hat_norm * std::log(10.0));
  // The decade before: a residual growing like c log t changes by the same amount each decade,
  // one converging to w~ by less and less.
  const std::size_t k_prev = index_at_or_after(t, T / 100);
  const double growth_prev = std::fabs(rho[k] - rho[k_prev]) / (w_hat_norm * std::log(10.0));
  const bool shrinking = k_prev < k && growth < 0.5 * growth_prev;
  const double rho_max = observed_B(rho);
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"steps", T}};
  r.add("relative growth of ||rho|| over the last decade", growth,
        "|rho(T) - rho(T/10)| / (||w_hat|| log 10)");
  r.add("eta*beta", eta_beta, "premise: < 2");
  r.add("||rho(T)||", rho.back());
  r.add("sup ||rho||", rho_max, "B_obs of docs/theory.md#grokking-time");
  r.tolerance = "growth <= " + fmt(options.rho_growth_tol);
  const bool bounded = growth <= options.rho_growth_tol;
  const std::string measured_growth =
      std::isnan(growth)
          ? "||rho|| is not logged (GD ran without the theory's w_hat)"
          : "||rho|| grew by " + fmt(growth) + " of the unbounded rate over the last decade";
  if (!(eta_beta < options.eta_beta_max)) {
    r.key = "eta*beta";
    r.verdict = Verdict::not_applicable;
    r.reason = "The premise eta < 2/beta is violated (eta*beta = " + fmt(eta_beta) +
               "); measured anyway, " + measured_growth + ".";
  } else if (std::isnan(growth)) {
    r.verdict = Verdict::inconclusive;
    r.reason = measured_growth + "; `lingrok simulate --theory` logs it.";
    r.reason[0] = static_cast<char>(std::toupper(r.reason[0]));
  } else if (T < 1000) {
    r.verdict = Verdict::inconclusive;
    r.reason = "The run has only " + fmt(T) + " steps; a run of at least 1e3 steps settles it.";
  } else if (const double t0 = late_time_start(run, options).t0; !bounded && !(t0 <= T / 10)) {
    // A bounded residual may still be moving before the late-time regime; only growth that
    // persists inside that regime contradicts the theorem, so the decade measured must lie in it.
    r.verdict = Verdict::inconclusive;
    r.reason =
        "||rho|| still grew by " + fmt(growth) + " of the unbounded rate over the last decade, " +
        (std::isnan(t0)
             ? std::string("but the run never reaches the late-time regime (A4.4)")
             : "but that decade begins before the late-time regime (A4.4's t0 = " + fmt(t0) + ")") +
        ", where growth would contradict the theorem; a longer run settles it.";
  } else if (!bounded && shrinking) {
    r.verdict = Verdict::inconclusive;
    r.reason = "||rho|| still changed by " + fmt(growth) +
               " of the unbounded rate over the last decade, but by " + fmt(growth_prev) +
               " over the decade before: it is converging, not growing like log t; a longer run "
               "settles it.";
  } else {
    r.verdict = bounded ? Verdict::holds : Verdict::fails;
    r.reason = "Over the last decade of steps ||rho|| changed by " + fmt(growth) +
               " of what a residual growing like ||w_hat|| log t would show (||rho(T)|| = " +
               fmt(rho.back()) + ").";
  }
  return r;
}

}  // namespace lingrok::checks
