// The registry of checks in the order of docs/checks.md (registry.hpp).
#include "proofs_check/registry.hpp"

#include <algorithm>
#include <exception>

#include "proofs_check/checks/checks.hpp"
#include "proofs_check/checks/decided_on_flow.hpp"

namespace lingrok {

const std::vector<CheckEntry>& check_registry() {
  static const std::vector<CheckEntry> registry = {
      {"A3.1", checks::check_A3_1}, {"A3.3", checks::check_A3_3}, {"T4.1", checks::check_T4_1},
      {"T4.2", checks::check_T4_2}, {"T4.3", checks::check_T4_3}, {"A4.4", checks::check_A4_4},
      {"T4.5", checks::check_T4_5}, {"S4.3", checks::check_S4_3}, {"S4.5", checks::check_S4_5},
      {"T4.6", checks::check_T4_6}, {"R4.7", checks::check_R4_7}, {"D3.4", checks::check_D3_4},
      {"S6", checks::check_S6},     {"GD", checks::check_GD},
  };
  return registry;
}

namespace {
// The claims about gradient flow / small-step GD at late times, decided on GD or the flow
// (proofs_check/checks/decided_on_flow.hpp).
const std::vector<std::string> kLateTime{"T4.1", "T4.2", "A4.4", "T4.5", "S4.3", "S4.5", "S6"};
}  // namespace

std::vector<CheckReport> run_checks(const RunArtifacts& run, const CheckOptions& options,
                                    const std::vector<std::string>& only) {
  std::vector<CheckReport> reports;
  for (const auto& entry : check_registry()) {
    if (!only.empty() && std::find(only.begin(), only.end(), entry.id) == only.end()) continue;
    try {
      const bool late_time =
          std::find(kLateTime.begin(), kLateTime.end(), std::string(entry.id)) != kLateTime.end();
      reports.push_back(late_time ? checks::decided_where_it_lives(run, options, entry.run)
                                  : entry.run(run, options));
    } catch (const std::exception& e) {
      CheckReport r;
      r.id = entry.id;
      r.claim = "(the check could not read its inputs)";
      r.verdict = Verdict::inconclusive;
      r.reason = std::string("The check stopped on its inputs: ") + e.what();
      reports.push_back(r);
    }
  }
  return reports;
}

nlohmann::json to_json(const CheckOptions& o) {
  return {{"epsilons", o.epsilons},
          {"kappa", o.kappa},
          {"zeta_min", o.zeta_min},
          {"exact_tol", o.exact_tol},
          {"ode_tol", o.ode_tol},
          {"rho_growth_tol", o.rho_growth_tol},
          {"rho_limit_tol", o.rho_limit_tol},
          {"bias_tol", o.bias_tol},
          {"phase_factor", o.phase_factor},
          {"eta_beta_max", o.eta_beta_max},
          {"oscillation_max", o.oscillation_max}};
}

}  // namespace lingrok
