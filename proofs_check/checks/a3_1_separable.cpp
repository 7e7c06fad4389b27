// A3.1 (the paper's Assumption 3.1): the training data are separable by a hyperplane through
// the origin, and the max-margin separator has zero bias. Measured from theory.json: the
// eq. (7) max-margin bias b̂ (50 digits), decided as `lingrok theory` decided it: zero within the
// support tolerance (what GD feels at finite times), and whether it is zero exactly.
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_A3_1(const RunArtifacts& run, const CheckOptions& /*options*/) {
  CheckReport r = start_report("A3.1",
                               "The training data are separable through the origin and the "
                               "max-margin separator (with bias, eq. 7) has bias 0.",
                               "Assumption 3.1");
  if (!run.theory) return missing(r, kRunFiles.theory_json().string(), "`lingrok theory`");
  const auto& th = *run.theory;
  const double b_hat = th.value_or_nan("b_hat");
  const double w_norm = th.value_or_nan("svm_bias_free/norm_w");
  const double margin = th.value_or_nan("margin");
  r.inputs = {{"theory", RunLayout(run.dir).theory_json().string()}};
  r.add("|b_hat| / ||w_hat||", std::fabs(b_hat) / w_norm,
        "eq. (7) variant, " + th.digits_or_empty("b_hat"));
  r.add("margin 1/||w_hat||", margin, "bias-free separator");
  const double tol = th.value_or_nan("assumption_3_1/tol");
  r.tolerance = "|b_hat| <= " + fmt(std::isnan(tol) ? 0.0 : tol) +
                " in margin units (the support tolerance; 50-digit solve)";
  if (std::isnan(b_hat) || std::isnan(w_norm)) {
    r.verdict = Verdict::inconclusive;
    r.reason = "theory.json lacks b_hat or w_hat_norm; rerun `lingrok theory`.";
  } else if (zero_max_margin_bias(th)) {
    r.verdict = Verdict::holds;
    r.reason = "The data are separable through the origin (margin " + fmt(margin) +
               ") and the eq. (7) max-margin bias is " + fmt(b_hat) +
               (zero_max_margin_bias_exactly(th)
                    ? ", zero to 50 digits."
                    : ", zero within the support tolerance though not exactly (the data are "
                      "separable through the origin only up to rounding).");
  } else {
    r.verdict = Verdict::fails;
    r.reason = "The data are separable but the eq. (7) max-margin bias is b_hat = " + fmt(b_hat) +
               ", not 0: Assumption 3.1 does not hold for these data.";
  }
  return r;
}

}  // namespace lingrok::checks
