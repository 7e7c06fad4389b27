// The few lines `lingrok theory` prints for people (docs/theory.md): the data, the max-margin
// separator and its support set, the late-time limit and the bias constants (Theorem 4.5), the
// smoothness β, the phase boundaries (docs/theory.md#phases) and the T_te
// predictions (docs/theory.md#grokking-time) of a TheoryResult.
#pragma once

#include <string>

#include "theory/theory.hpp"

namespace lingrok {

std::string summary(const TheoryResult& result);

}  // namespace lingrok
