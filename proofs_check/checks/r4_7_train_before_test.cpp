// R4.7 (the paper's Remark 4.7): when R/γ is large, the training accuracy arrives long before
// the concentrated test accuracy, T_tr ≪ T_te. Measured: ζ(ε) = T_te(ε)/T_tr(ε) from the GD
// log (first reach, relative to the supremum) against ζ_min. R/γ is reported, not thresholded:
// the remark gives no scale for "large". Levels relative to the run's supremum always have a
// first reach, so a run stopped before the concentrated accuracy climbs to the train
// accuracy's level would show a small ζ by construction: that run is inconclusive.
#include <algorithm>

#include "numerics/gd/grokking_detection.hpp"
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_R4_7(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("R4.7",
                               "With R/gamma large, T_tr(eps) is much smaller than T_te(eps) on "
                               "the concentrated test set.",
                               "Remark 4.7");
  const auto t = column(run, "t");
  const auto train = column(run, "acc_train");
  const auto conc = column(run, "acc_test_conc");
  if (t.empty() || train.empty() || conc.empty()) {
    return missing(r, "a GD log with acc_train and acc_test_conc", "`lingrok simulate`");
  }
  const double R = run.theory ? run.theory->value_or_nan("R") : kNaN;
  const double gamma = run.theory ? run.theory->value_or_nan("grokking/gamma") : kNaN;
  r.add("R/gamma", R / gamma);
  const double sup_tr = supremum(train);
  const double sup_te = supremum(conc);
  double zeta_min_seen = INFINITY;
  int decided = 0;
  for (double eps : options.epsilons) {
    const double T_tr = reach_time(t, train, (1 - eps) * sup_tr, ReachKind::first);
    const double T_te = reach_time(t, conc, (1 - eps) * sup_te, ReachKind::first);
    const double zeta = T_te / std::max(T_tr, 1.0);
    r.add("zeta = T_te/T_tr, eps=" + fmt(eps), zeta,
          "T_tr = " + fmt(T_tr) + ", T_te = " + fmt(T_te));
    if (!std::isnan(zeta)) {
      ++decided;
      if (zeta < zeta_min_seen) r.key = "zeta = T_te/T_tr, eps=" + fmt(eps);
      zeta_min_seen = std::min(zeta_min_seen, zeta);
    }
  }
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"zeta_min", options.zeta_min}};
  r.tolerance = "zeta >= " + fmt(options.zeta_min) + " for every eps";
  const double eps_max = options.epsilons.empty()
                             ? 0.0
                             : *std::max_element(options.epsilons.begin(), options.epsilons.end());
  if (decided == 0) {
    r.verdict = Verdict::inconclusive;
    r.reason = "Neither accuracy reaches its levels by T = " + fmt(t.back()) +
               "; a longer run settles it.";
  } else if (sup_te < (1 - eps_max) * sup_tr) {
    r.add("sup concentrated accuracy / sup train accuracy", sup_te / sup_tr);
    r.key = "sup concentrated accuracy / sup train accuracy";
    r.verdict = Verdict::inconclusive;
    r.reason =
        "By T = " + fmt(t.back()) + " the concentrated accuracy peaks at " + fmt(sup_te) +
        ", below (1 - " + fmt(eps_max) + ") of the train accuracy's " + fmt(sup_tr) +
        ": it has not yet climbed, so its T_te lies beyond the run; a longer run settles it.";
  } else {
    r.verdict = zeta_min_seen >= options.zeta_min ? Verdict::holds : Verdict::fails;
    r.reason = "With R/gamma = " + fmt(R / gamma) +
               ", the smallest delay T_te/T_tr over the eps grid is " + fmt(zeta_min_seen) + ".";
  }
  return r;
}

}  // namespace lingrok::checks
