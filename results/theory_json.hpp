// The writer of theory.json (docs/theory.md): a TheoryResult as one {"value", "digits"} object per
// quantity (vectors: arrays of both), times as {"log_t", "t"}, index sets as arrays of 0-based
// training rows, with the options and the version. results/theory_record.hpp reads it back.
#pragma once

#include <nlohmann/json.hpp>

#include "theory/theory.hpp"

namespace lingrok {

nlohmann::json to_json(const TheoryResult& result);

}  // namespace lingrok
