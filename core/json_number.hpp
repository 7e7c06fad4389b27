// Doubles into JSON, which has no NaN or Inf. Two conventions, each used by several writers:
//  - reports and summaries (report.json, the reproduction summary): a non-finite number is
//    null, and the accompanying note or reason says why;
//  - run outputs (summary.json of `simulate`, grokking detection): NaN ("not reached",
//    "not measured") is null, and ±Inf is the text "inf" / "-inf", so that an infinite ratio
//    stays distinguishable from a missing one.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>

namespace lingrok {

inline nlohmann::json finite_or_null(double x) {
  return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
}

inline nlohmann::json number_or_null(double x) {
  if (std::isnan(x)) return nullptr;
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return x;
}

}  // namespace lingrok
