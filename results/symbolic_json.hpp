// The content of RUN/symbolic.json (results/run_layout.hpp): the GiNaC identities of the
// closed-form bias of Theorem 4.5 (theory/symbolic/symbolic_closed_form.hpp,
// docs/numerics.md#symbolic-checks) as {"identities": [{name, statement, holds, residual}],
// "library": "GiNaC"}. One shape for `lingrok check`, which writes it, and the Python check(),
// which computes it in memory; T4.5 reads it.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "theory/symbolic/symbolic_closed_form.hpp"

namespace lingrok {

nlohmann::json symbolic_json(const std::vector<SymbolicIdentity>& identities);

}  // namespace lingrok
