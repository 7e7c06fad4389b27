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
  if (run.theory) return theory_value(*run.theory, "eta_beta");
  return kNaN;
}

std::string no_late_time_limit(const RunArtifacts& run, const CheckOptions& options) {
  if (!run.theory) return "";
  const auto& th = *run.theory;
  const double b_hat = theory_value(th, "b_hat");
  const double w_norm = theory_value(th, "svm_bias_free/norm");
  const bool fails = th.contains("/assumption_3_1/holds"_json_pointer)
                         ? !th.at("/assumption_3_1/holds"_json_pointer).get<bool>()
                         : std::fabs(b_hat) > options.exact_tol * std::max(1.0, w_norm);
  if (!fails) return "";
  return "Assumption 3.1 fails (the eq. (7) max-margin bias is b_hat = " + fmt(b_hat) +
         ", not 0), so the late-time limit w_tilde, b_tilde does not exist";
}

}  // namespace lingrok::checks
