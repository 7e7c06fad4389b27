// T4.3 (the paper's Theorem 4.3): under Assumption 3.1 the eq. (7) max-margin problem (with
// the bias penalised) and the bias-free SVM have the same ŵ. Measured from theory.json: the
// two 50-digit separators, compared in 50 digits.
#include "core/scalar.hpp"
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_T4_3(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("T4.3",
                               "The eq. (7) max-margin separator and the bias-free SVM have the "
                               "same w_hat.",
                               "Theorem 4.3, eq. (7)");
  if (!run.theory) return missing(r, kRunFiles.theory_json().string(), "`lingrok theory`");
  const auto& th = *run.theory;
  if (!th.has("w_hat") || !th.has("w_hat_eq7")) {
    return missing(r, "w_hat and w_hat_eq7 in theory.json", "`lingrok theory`");
  }
  const Vec50 a = th.vector50("w_hat");
  const Vec50 b = th.vector50("w_hat_eq7");
  Real50 diff2 = 0;
  Real50 norm2 = 0;
  for (Eigen::Index j = 0; j < std::min(a.size(), b.size()); ++j) {
    diff2 += (a(j) - b(j)) * (a(j) - b(j));
    norm2 += a(j) * a(j);
  }
  const double diff = static_cast<double>(sqrt(diff2 / norm2));
  const double b_hat = th.value_or_nan("b_hat");
  r.inputs = {{"theory", RunLayout(run.dir).theory_json().string()}};
  r.add("||w_hat(eq7) - w_hat|| / ||w_hat||", diff, "50-digit separators");
  r.add("|b_hat|", std::fabs(b_hat));
  // Zero to 50 digits: the separators agree to 50 digits. Zero within the support tolerance:
  // they agree to that tolerance (the eq. (7) solution with b̂ dropped is feasible to |b̂|).
  const bool exact = zero_max_margin_bias_exactly(th);
  const double tol = exact ? options.exact_tol : th.value_or_nan("assumption_3_1/tol");
  r.tolerance = "relative difference <= " + fmt(tol) +
                (exact ? " (b_hat = 0 to 50 digits)" : " (b_hat = 0 within the support tolerance)");
  if (!zero_max_margin_bias(th)) {
    r.verdict = Verdict::not_applicable;
    r.reason = "Assumption 3.1 fails (b_hat = " + fmt(b_hat) +
               "), so the theorem's premise does not hold; the two separators differ by " +
               fmt(diff) + " relative.";
  } else {
    r.verdict = diff <= tol ? Verdict::holds : Verdict::fails;
    r.reason = "The two 50-digit separators differ by " + fmt(diff) + " relative to ||w_hat||.";
  }
  return r;
}

}  // namespace lingrok::checks
