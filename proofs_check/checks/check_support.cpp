#include "proofs_check/checks/check_support.hpp"

#include <algorithm>

#include "theory/theory.hpp"

namespace lingrok::checks {

double eta_beta_of(const RunArtifacts& run) {
  if (run.gd_summary) {
    const auto& s = *run.gd_summary;
    for (const char* key : {"eta_beta"}) {
      if (s.contains(key) && s.at(key).is_number()) return s.at(key).get<double>();
      if (s.contains("regime") && s.at("regime").contains(key) &&
          s.at("regime").at(key).is_number()) {
        return s.at("regime").at(key).get<double>();
      }
    }
  }
  if (run.theory) return theory_value(*run.theory, "eta_beta");
  return kNaN;
}

bool zero_max_margin_bias(const nlohmann::json& theory, const CheckOptions& options) {
  const double b_hat = theory_value(theory, "b_hat");
  const double w_norm = theory_value(theory, "svm_bias_free/norm");
  return std::fabs(b_hat) <= options.exact_tol * w_norm;
}

std::string no_late_time_limit(const RunArtifacts& run) {
  if (!run.theory || theory_json_assumption_3_1_holds(*run.theory)) return "";
  return "Assumption 3.1 fails (the eq. (7) max-margin bias is b_hat = " +
         fmt(theory_value(*run.theory, "b_hat")) +
         ", not 0), so the late-time limit w_tilde, b_tilde does not exist";
}

}  // namespace lingrok::checks
