// Helpers the checks share: starting a report, reading trajectory columns, "inconclusive because X
// is missing" (check_support.hpp).
#include "proofs_check/checks/check_support.hpp"

#include <algorithm>

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
  if (run.theory) return run.theory->value_or_nan("eta_beta");
  return kNaN;
}

bool zero_max_margin_bias(const TheoryRecord& theory) {
  return theory.has("b_hat") && theory.assumption_3_1_holds();
}

bool zero_max_margin_bias_exactly(const TheoryRecord& theory) {
  return theory.flag_or("assumption_3_1/holds_exactly", zero_max_margin_bias(theory));
}

std::string no_late_time_limit(const RunArtifacts& run) {
  if (!run.theory || run.theory->assumption_3_1_holds()) return "";
  return "Assumption 3.1 fails (the eq. (7) max-margin bias is b_hat = " +
         fmt(run.theory->value_or_nan("b_hat")) +
         ", not 0), so the late-time limit w_tilde, b_tilde does not exist";
}

}  // namespace lingrok::checks
