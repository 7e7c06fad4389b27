// Decimal text to a 50-digit number: the exact decimal a user wrote (η = "0.01", theory.json's
// digits), never the double nearest it. Shared by the CLI's --eta and the Python module.
#pragma once

#include <optional>
#include <string>

#include "core/scalar.hpp"

namespace lingrok {

// The number `text` denotes, or nothing when the text is not a number in full.
inline std::optional<Real50> parse_decimal(const std::string& text) {
  try {
    std::size_t used = 0;
    (void)std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return Real50(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lingrok
