// symbolic.json's content from the GiNaC identities of Theorem 4.5's closed form
// (symbolic_json.hpp).
#include "results/symbolic_json.hpp"

namespace lingrok {

nlohmann::json symbolic_json(const std::vector<SymbolicIdentity>& identities) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& id : identities) {
    list.push_back({{"name", id.name},
                    {"statement", id.statement},
                    {"holds", id.simplifies_to_zero},
                    {"residual", id.residual}});
  }
  return nlohmann::json{{"identities", list}, {"library", "GiNaC"}};
}

}  // namespace lingrok
