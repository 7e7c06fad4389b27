// The loss and reduction named by text (configuration keys, command-line flags, theory.json's
// options, Python arguments) as one InputError-reporting call.
#pragma once

#include <string>
#include <utility>

#include "core/error.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

// Both names at once, or an InputError "<where>: ..." naming the bad one ("" : no prefix).
inline std::pair<Loss, Reduction> parse_loss_and_reduction(const std::string& loss,
                                                           const std::string& reduction,
                                                           const std::string& where) {
  try {
    return {parse_loss(loss), parse_reduction(reduction)};
  } catch (const std::invalid_argument& e) {
    throw InputError(where.empty() ? std::string(e.what()) : where + ": " + e.what());
  }
}

}  // namespace lingrok
