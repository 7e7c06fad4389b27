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

bool zero_max_margin_bias(const nlohmann::json& theory) {
  return theory.contains("b_hat") && theory_json_assumption_3_1_holds(theory);
}

bool zero_max_margin_bias_exactly(const nlohmann::json& theory) {
  const nlohmann::json::json_pointer key("/assumption_3_1/holds_exactly");
  if (theory.is_object() && theory.contains(key) && theory.at(key).is_boolean())
    return theory.at(key).get<bool>();
  return zero_max_margin_bias(theory);
}

std::string no_late_time_limit(const RunArtifacts& run) {
  if (!run.theory || theory_json_assumption_3_1_holds(*run.theory)) return "";
  return "Assumption 3.1 fails (the eq. (7) max-margin bias is b_hat = " +
         fmt(theory_value(*run.theory, "b_hat")) +
         ", not 0), so the late-time limit w_tilde, b_tilde does not exist";
}

}  // namespace lingrok::checks
