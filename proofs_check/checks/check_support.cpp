#include "proofs_check/checks/check_support.hpp"

namespace lingrok::checks {

double eta_beta_of(const RunArtifacts& run) {
  if (run.gd_summary) {
    const auto& s = *run.gd_summary;
    for (const char* key : {"eta_beta"}) {
      if (s.contains(key) && s.at(key).is_number()) return s.at(key).get<double>();
      if (s.contains("regime") && s.at("regime").contains(key) && s.at("regime").at(key).is_number()) {
        return s.at("regime").at(key).get<double>();
      }
    }
  }
  if (run.theory) return theory_value(*run.theory, "eta_beta");
  return kNaN;
}

}  // namespace lingrok::checks
