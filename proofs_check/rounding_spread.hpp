// The protocol grid's rounding variant beside the fast path (docs/checks.md#protocol-attribution):
// runs whose choices differ only in their rounding ("shortcuts" and, e.g., "slices2": the same
// sums grouped differently, numerics/gd/gd.hpp) are compared reading by reading. The literal
// runs are chaotic (ηβ ≈ 50), so a rounding change can move their grokking times; the question
// is by how much, and whether it changes which protocols reproduce a row of the paper's Table 1.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "proofs_check/protocol_attribution.hpp"
#include "proofs_check/protocol_outcome.hpp"

namespace lingrok {

struct RoundingSpread {
  std::string base = "shortcuts", variant;  // the two roundings compared
  std::size_t pairs = 0;                    // runs present under both
  // T_tr and T_te of every reading (both test sets, the four Def. 3.4 variants, every ε):
  std::size_t times = 0;           // compared
  std::size_t equal = 0;           // the same under both roundings (both absent counts as equal)
  std::size_t reached_in_one = 0;  // reached under one rounding only
  double largest_decades = 0;      // largest |log10(ratio)| where both are reached
  std::string largest_at;          // the run, test set, variant, ε and time where it occurs
  // Table 1 rows (of the paper's dimension the pairs have) whose reproducing readings are the
  // same under both roundings: the same (protocol, variant, ε) and the same count of seeds.
  std::size_t rows = 0, rows_same = 0;
  bool any() const { return pairs > 0; }
};

// The id of `outcome`'s twin under rounding `variant` ("…/seed1/shortcuts" -> "…/seed1/slices2");
// empty when the id does not end in "/<base>".
std::string rounding_twin_id(const std::string& id, const std::string& base,
                             const std::string& variant);

// Compares every run ending in "/<base>" with its twin under `variant`, and the Table 1 rows of
// `attribution` (attribute_protocols on the same outcomes) between the two roundings.
RoundingSpread rounding_spread(const std::vector<ProtocolOutcome>& outcomes,
                               const ProtocolAttribution& attribution, const std::string& variant,
                               const std::string& base = "shortcuts");

nlohmann::ordered_json to_json(const RoundingSpread& spread);
// One paragraph for attribution.md ("" when no pair was run).
std::string rounding_spread_markdown(const RoundingSpread& spread);

}  // namespace lingrok
