// S6 (the paper's Section 6): adversarial (PGD) accuracy rises when Phase 3 (generalisation)
// begins, i.e. when D(t) starts to fall. Measured on the GD log: the time PGD accuracy first
// climbs halfway from its post-fit minimum to its final value, against t2 = argmax D after t1.
// Not applicable without a late-time limit (Assumption 3.1 fails), where Phase 3 does not exist.
#include <algorithm>

#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "results/measured.hpp"

namespace lingrok::checks {

CheckReport check_S6(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report(
      "S6", "PGD accuracy rises when Phase 3 begins (when D(t) starts to fall).", "Section 6");
  const auto t = column(run, "t");
  const auto pgd = column(run, "acc_pgd");
  const auto D = column(run, "D");
  const auto share = column(run, "r");
  if (t.empty() || pgd.empty() || D.empty() || share.empty()) {
    return missing(r, "a GD log with acc_pgd, D and r",
                   "`lingrok simulate` with gd.adversarial = true");
  }
  const MeasuredPhases measured = measure_phases(t, share, D, options.kappa);
  // The premise first, as for S4.5: without a late-time limit (Assumption 3.1 fails) D tends to
  // |b̂|/||ŵ|| > 0 and never falls for good, so there is no Phase 3 to rise in, however long
  // the run.
  if (const std::string why = no_late_time_limit(run); !why.empty()) {
    r.verdict = Verdict::not_applicable;
    r.add("PGD accuracy: final", pgd.back());
    const double lowest = *std::min_element(pgd.begin(), pgd.end());
    r.reason =
        why + ", nor Phase 3 (D falling to 0) that S6 is about; measured anyway: PGD accuracy " +
        fmt(lowest) + " at its lowest, " + fmt(pgd.back()) + " at T = " + fmt(t.back()) + ".";
    return r;
  }
  if (!measured.phase1_ends()) {
    r.verdict = Verdict::inconclusive;
    r.reason = "Phase 1 lasts the whole run (r never drops to kappa); a longer run settles it.";
    return r;
  }
  const std::size_t k1 = measured.k1;
  std::size_t kmin = k1;
  for (std::size_t k = k1; k < t.size(); ++k) {
    if (pgd[k] < pgd[kmin]) kmin = k;
  }
  const double target = pgd[kmin] + 0.5 * (pgd.back() - pgd[kmin]);
  double t_rise = kNaN;
  for (std::size_t k = kmin; k < t.size(); ++k) {
    if (pgd[k] >= target && pgd.back() - pgd[kmin] > 0.02) {
      t_rise = t[k];
      break;
    }
  }
  r.add("t at which PGD accuracy is halfway up", t_rise, "GD steps");
  r.add("t2 (start of Phase 3, argmax D)", measured.t2, "GD steps; n/a: D still rises at T");
  r.add("PGD accuracy: post-fit minimum", pgd[kmin]);
  r.add("PGD accuracy: final", pgd.back());
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}};
  r.tolerance = "t_rise within a factor " + fmt(options.phase_factor) + " of t2, after t2/" +
                fmt(options.phase_factor);
  if (!measured.peak_inside()) {
    // D has its maximum at the last logged step: Phase 3 has not begun (as S4.5 reads it).
    r.key = "t2 (start of Phase 3, argmax D)";
    r.verdict = Verdict::inconclusive;
    r.reason =
        "D(t) still rises at the end of the run (its maximum after t1 is at T = " + fmt(t.back()) +
        "), so Phase 3 has not begun; a longer run settles it.";
  } else if (std::isnan(t_rise)) {
    r.verdict = Verdict::inconclusive;
    r.reason = "PGD accuracy does not rise by 2 points after its minimum (" + fmt(pgd[kmin]) +
               " -> " + fmt(pgd.back()) + ") by T = " + fmt(t.back()) +
               "; a longer run settles it.";
  } else {
    const double ratio = t_rise / measured.t2;
    r.verdict = ratio >= 1 / options.phase_factor && ratio <= options.phase_factor ? Verdict::holds
                                                                                   : Verdict::fails;
    r.reason = "PGD accuracy is halfway up at t = " + fmt(t_rise) +
               ", Phase 3 begins at t2 = " + fmt(measured.t2) + " (ratio " + fmt(ratio) + ").";
  }
  return r;
}

}  // namespace lingrok::checks
