// T4.6 (the paper's Theorem 4.6): the grokking time on the concentrated test set satisfies
// exp(-γB/2 + |log δ|/ℓ(ε)) <= T_te(ε) <= exp(+γB/2 + |log δ|/ℓ(ε)), ℓ(ε) = 1 + 2ε(2α-1).
// Measured: the observed first-reach T_te(ε) (relative to the run's supremum, the paper's
// definition) against the bounds with B_lim = ||w̃|| (theory.json) and with B_obs = sup ||ρ||
// (GD log), the slack of each bound and the error of each estimate.
#include <algorithm>

#include "numerics/gd/grokking_detection.hpp"
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "proofs_check/checks/late_time.hpp"
#include "results/measured.hpp"

namespace lingrok::checks {

CheckReport check_T4_6(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("T4.6",
                               "The observed grokking time T_te(eps) on the concentrated test set "
                               "lies between the paper's bounds.",
                               "Theorem 4.6");
  const auto t = column(run, "t");
  const auto acc = column(run, "acc_test_conc");
  const auto rho = column(run, "rho_norm");
  if (t.empty() || acc.empty() || !run.theory || !run.theory->has_predictions()) {
    return missing(r, "a GD log with acc_test_conc and theory.json with predictions",
                   "`lingrok simulate --theory` on data with a concentrated test set");
  }
  if (const std::string why = no_late_time_limit(run); !why.empty()) {
    r.verdict = Verdict::not_applicable;
    r.reason = why + ": the bounds need delta and B = ||w_tilde||.";
    return r;
  }
  const auto& th = *run.theory;
  const double gamma = th.value_or_nan("grokking/gamma");
  const double B_obs = observed_B(rho);
  const double sup = supremum(acc);
  int inside = 0;
  int outside = 0;
  int unreached = 0;
  int unpredicted = 0;
  std::string detail;
  for (const GrokkingPrediction& p : th.predictions()) {
    const double eps = p.epsilon;
    if (std::find(options.epsilons.begin(), options.epsilons.end(), eps) == options.epsilons.end())
      continue;
    const double T_te = reach_time(t, acc, (1 - eps) * sup, ReachKind::first);
    const double lo = p.T_te_lower.log_t;
    const double hi = p.T_te_upper.log_t;
    const double small = p.T_te_small_gamma.log_t;
    const double refined = p.T_te_refined.log_t;
    const LogTimeBounds with_B_obs = grokking_time_log_bounds(small, gamma, B_obs);
    const double lo_obs = with_B_obs.log_lower;
    const double hi_obs = with_B_obs.log_upper;
    const std::string e = "eps=" + fmt(eps);
    r.add("T_te observed, " + e, T_te, "first reach of (1-eps) sup");
    r.add("bound [lower, upper] B_lim, " + e + " (log)", lo, "upper log = " + fmt(hi));
    r.add("bound [lower, upper] B_obs, " + e + " (log)", lo_obs, "upper log = " + fmt(hi_obs));
    r.add("log(T_te) - log(small-gamma estimate), " + e, std::log(T_te) - small);
    r.add("log(T_te) - log(refined estimate), " + e, std::log(T_te) - refined);
    if (std::isnan(lo) || std::isnan(hi)) {
      ++unpredicted;
      continue;
    }
    if (std::isnan(T_te)) {
      ++unreached;
      continue;
    }
    const double L = std::log(std::max(T_te, 1.0));
    if (L >= lo && L <= hi) {
      ++inside;
    } else {
      ++outside;
      detail += " " + e + ": log T_te = " + fmt(L) + " outside [" + fmt(lo) + ", " + fmt(hi) + "];";
    }
  }
  const LateTimeStart s = late_time_start(run, options);
  const double eta_beta = eta_beta_of(run);
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"epsilons", options.epsilons}};
  r.tolerance = "log T_te within [log lower, log upper] (B = B_lim)";
  if (!(eta_beta < options.eta_beta_max)) {
    r.verdict = Verdict::not_applicable;
    r.reason = "The theorem assumes GD in its stable regime; eta*beta = " + fmt(eta_beta) +
               ". Measured anyway: " + std::to_string(inside) + " of " +
               std::to_string(inside + outside) + " reached times lie inside the bounds.";
  } else if (outside > 0) {
    r.verdict = Verdict::fails;
    r.reason = std::to_string(outside) + " observed times lie outside the B_lim bounds:" + detail;
  } else if (unreached > 0) {
    r.verdict = Verdict::inconclusive;
    r.reason = std::to_string(unreached) +
               " of the eps levels are never reached by T = " + fmt(t.back()) +
               (std::isnan(s.t0) ? " (the run never enters the late-time regime)" : "") +
               "; a longer run settles it.";
  } else if (inside == 0) {
    r.verdict = Verdict::inconclusive;
    r.reason = "theory.json has no bounds for the eps grid (" + std::to_string(unpredicted) +
               " of its levels without a prediction); `lingrok theory` on data with a late-time "
               "limit writes them.";
  } else {
    r.verdict = Verdict::holds;
    r.reason = "All " + std::to_string(inside) + " observed T_te(eps) lie inside the B_lim bounds.";
  }
  return r;
}

}  // namespace lingrok::checks
