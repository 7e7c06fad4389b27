// GD (docs/checks.md#gd): the run is in the regime the theorems assume — ηβ < 2 (Theorem 4.1's step
// size), no period-2 oscillation (cosine of consecutive updates), and a trajectory that does
// not depend on rounding (the same run in double and long double agree).
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_GD(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("GD",
                               "The GD run is in the regime the theorems assume: eta*beta < 2, no "
                               "period-2 oscillation, insensitive to rounding.",
                               "Theorem 4.1's premise; docs/conventions.md#step-size-regime");
  if (!run.gd_summary)
    return missing(r, kRunFiles.gd_summary_json().string(), "`lingrok simulate`");
  const auto& s = *run.gd_summary;
  const double eta_beta = eta_beta_of(run);
  const auto cos = column(run, "cos_update");
  const auto t = column(run, "t");
  int oscillating = 0;
  int counted = 0;
  for (std::size_t k = 0; k < cos.size(); ++k) {
    if (t[k] >= 2 && std::isfinite(cos[k])) {
      ++counted;
      if (cos[k] < -0.99) ++oscillating;
    }
  }
  const double fraction = counted > 0 ? static_cast<double>(oscillating) / counted : kNaN;
  r.add("eta*beta", eta_beta, "< " + fmt(options.eta_beta_max) + " required");
  r.add("period-2 fraction", fraction, "logged steps with cos(update) < -0.99");
  // simulate writes the diagnostics under "regime" (numerics/gd/simulation.hpp).
  const nlohmann::json& regime = s.contains("regime") ? s.at("regime") : s;
  const nlohmann::json* rounding =
      regime.contains("rounding_check") && regime.at("rounding_check").is_object()
          ? &regime.at("rounding_check")
          : nullptr;
  bool rounding_ok = true;
  if (rounding != nullptr) {
    // simulate writes null for "never" (no step where b differs by more than 1e-6).
    const auto& fb = rounding->contains("first_b_divergence") ? rounding->at("first_b_divergence")
                                                              : nlohmann::json();
    const long long first = fb.is_number() ? fb.get<long long>() : -1;
    const auto& fa = rounding->contains("first_reach_agree") ? rounding->at("first_reach_agree")
                                                             : nlohmann::json();
    const bool agree = fa.is_boolean() ? fa.get<bool>() : true;
    r.add("first step where b(double) and b(long double) differ > 1e-6", static_cast<double>(first),
          "-1: never, over " + std::to_string(rounding->value("steps", 0LL)) + " steps");
    r.add("first-reach times agree within 10%", agree ? 1 : 0);
    rounding_ok = first < 0 && agree;
  }
  r.inputs = {{"summary", kRunFiles.gd_summary_json().string()},
              {"trajectory", kRunFiles.trajectory_csv().string()}};
  r.tolerance = "eta*beta < " + fmt(options.eta_beta_max) +
                ", period-2 fraction <= " + fmt(options.oscillation_max) +
                ", rounding: no divergence";
  const bool stable = eta_beta < options.eta_beta_max;
  const bool calm = !(fraction > options.oscillation_max);
  std::string reason = "eta*beta = " + fmt(eta_beta) + ", " + fmt(100 * fraction) +
                       "% of logged steps oscillate with period 2";
  if (rounding != nullptr) {
    reason +=
        rounding_ok ? ", double and long double agree" : ", double and long double runs diverge";
  }
  if (!stable || !calm || !rounding_ok) {
    r.verdict = Verdict::fails;
    r.reason = reason + ": the run is outside the regime the theorems assume.";
  } else if (rounding == nullptr) {
    r.verdict = Verdict::inconclusive;
    r.reason =
        reason + "; the rounding comparison was not run (gd.rounding_check = true settles it).";
  } else {
    r.verdict = Verdict::holds;
    r.reason = reason + ".";
  }
  return r;
}

}  // namespace lingrok::checks
