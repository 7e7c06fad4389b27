// S4.5 (the paper's Section 4.5): the distance of the hyperplane from the origin
// D(t) = |b|/||w|| rises after Phase 1 (unlearning) and then falls (generalisation). Measured
// on the GD log: t1 = first t with r <= κ, t2 = argmax_{t >= t1} D, and the predicted t1, t2
// of the model trajectory (theory.json, docs/theory.md#phases).
#include <algorithm>

#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "results/measured.hpp"

namespace lingrok::checks {

CheckReport check_S4_5(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("S4.5",
                               "D(t) = |b|/||w|| rises after Phase 1 and then falls; the predicted "
                               "boundaries t1, t2 match the measured ones.",
                               "Section 4.5");
  const auto t = column(run, "t");
  const auto D = column(run, "D");
  const auto share = column(run, "r");
  if (t.empty() || D.empty() || share.empty()) {
    return missing(r, "a GD log with D and r", "`lingrok simulate --theory`");
  }
  const MeasuredPhases measured = measure_phases(t, share, D, options.kappa);
  const double t1_pred = run.theory ? run.theory->value_or_nan("phases/t1/t") : kNaN;
  const double t2_pred = run.theory ? run.theory->value_or_nan("phases/t2/t") : kNaN;
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"kappa", options.kappa}};
  r.tolerance = "rise and fall by >= 10%; predictions within a factor " + fmt(options.phase_factor);
  // The premise first: without a late-time limit (Assumption 3.1 fails, b̂ ≠ 0) the bias grows
  // like b̂ log t and D tends to |b̂|/||ŵ|| > 0, so neither the fall nor the predicted t1, t2 of
  // Section 4.5 exist, however long the run.
  if (const std::string why = no_late_time_limit(run); !why.empty()) {
    r.verdict = Verdict::not_applicable;
    if (!measured.phase1_ends()) {
      r.add("t1 measured", kNaN);
      r.reason = why + ", nor the model trajectory that predicts t1, t2; measured anyway: r(t) " +
                 "stays above kappa = " + fmt(options.kappa) + " to T = " + fmt(t.back()) + ".";
      return r;
    }
    const double rise = D[measured.k2] / D[measured.k1];
    const double fall = D.back() / D[measured.k2];
    r.add("t1 measured (r <= kappa)", t[measured.k1], "GD steps");
    r.add("D(t2)/D(t1)", rise);
    r.add("D(T)/D(t2)", fall);
    r.reason = why +
               ", nor the model trajectory that predicts t1, t2; measured anyway: D(t2)/D(t1) = " +
               fmt(rise) + ", D(T)/D(t2) = " + fmt(fall) + ".";
    return r;
  }
  if (!measured.phase1_ends()) {
    r.add("t1 measured", kNaN);
    r.add("t1 predicted", t1_pred);
    r.verdict = Verdict::inconclusive;
    r.reason = "r(t) never drops to kappa = " + fmt(options.kappa) + " by T = " + fmt(t.back()) +
               ": Phase 1 lasts the whole run; a longer run settles it.";
    return r;
  }
  const std::size_t k1 = measured.k1, k2 = measured.k2;
  const double rise = D[k2] / D[k1];
  const double fall = D.back() / D[k2];
  r.add("t2 measured (argmax D after t1)", measured.t2, "GD steps; n/a: D still rises at T");
  r.add("t1 measured (r <= kappa)", t[k1], "GD steps");
  r.add("t1 predicted", t1_pred);
  r.add("t2 predicted", t2_pred);
  r.add("D(t2)/D(t1)", rise);
  r.add("D(T)/D(t2)", fall);
  const bool shape = rise >= 1.1 && fall <= 0.9;
  const auto within = [&](double measured, double predicted) {
    return predicted > 0 && measured > 0 &&
           std::max(measured / predicted, predicted / measured) <= options.phase_factor;
  };
  if (!shape) {
    if (!measured.peak_inside() || fall > 0.9) {
      r.key = "D(T)/D(t2)";
      r.verdict = Verdict::inconclusive;
      r.reason = "D rose by " + fmt(rise) + "x after t1 = " + fmt(t[k1]) +
                 " but had not fallen by 10% at T = " + fmt(t.back()) +
                 "; a longer run settles it.";
    } else {
      r.key = "D(t2)/D(t1)";
      r.verdict = Verdict::fails;
      r.reason = "D did not rise after t1 = " + fmt(t[k1]) + " (max ratio " + fmt(rise) + ").";
    }
    return r;
  }
  if (std::isnan(t1_pred) || std::isnan(t2_pred)) {
    r.verdict = Verdict::inconclusive;
    r.reason = "D rises " + fmt(rise) + "x after t1 = " + fmt(t[k1]) + " and falls to " +
               fmt(fall) + " of its peak at t2 = " + fmt(measured.t2) +
               ", but theory.json has no predicted t1, t2.";
    return r;
  }
  const bool match = within(t[k1], t1_pred) && within(measured.t2, t2_pred);
  if (!within(t[k1], t1_pred)) r.key = "t1 measured (r <= kappa)";
  r.verdict = match ? Verdict::holds : Verdict::fails;
  r.reason = "D rises " + fmt(rise) + "x after t1 = " + fmt(t[k1]) + " (predicted " + fmt(t1_pred) +
             ") and peaks at t2 = " + fmt(measured.t2) + " (predicted " + fmt(t2_pred) + ").";
  return r;
}

}  // namespace lingrok::checks
