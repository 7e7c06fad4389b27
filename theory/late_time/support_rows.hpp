// The support rows at 50 digits: X_S and y_S of docs/theory.md#late-time-limit, the rows of S+
// then S- (the order of the dual multipliers α in theory.json's late_time.alpha). Both the
// late-time limit (theory.cpp) and the coupled flow (`lingrok integrate --which coupled`)
// build F on them.
#pragma once

#include <vector>

#include "data/dataset.hpp"
#include "theory/svm/hard_margin_svm.hpp"

namespace lingrok {

struct SupportRows {
  Mat50 X;  // |S| x d
  Vec50 y;  // |S|
};

// InputError when an index is not a row of `train` (a support set of other data).
SupportRows support_rows(const Dataset& train, const std::vector<Eigen::Index>& support_plus,
                         const std::vector<Eigen::Index>& support_minus);

}  // namespace lingrok
