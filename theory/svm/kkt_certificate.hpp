// Stage 3 of the max-margin solver (theory/svm/hard_margin_svm.hpp,
// docs/theory.md#max-margin-separator, the paper's eq. (7) and Assumption 3.3): the 50-digit KKT
// certificate on the exact stage's basis B. Solves Z_B ŵ = 1, ŵ = Z_Bᵀ λ in Real50
// (gram_refinement.hpp), drops a basis point whose multiplier rounding makes negative, and
// reports the KKT evidence (λ >= 0, max_B |m_s - 1|, ||ŵ - Z_Bᵀ λ||, min_i m_i - 1), every
// point's margin (Real50 within the certified band of the support threshold, double elsewhere)
// and the support sets S± = {i : m_i <= 1 + tol}.
#pragma once

#include <vector>

#include "theory/svm/hard_margin_svm.hpp"

namespace lingrok::svm_detail {

// Fills `out`'s separator, margins, support sets and KKT evidence from the basis; adds the
// 50-digit solve's time to out.seconds_kkt50 and sets out.seconds_certify.
void certify_kkt(const Dataset& data, bool aug, const SvmOptions& options,
                 std::vector<Eigen::Index> basis, HardMarginSvm& out);

}  // namespace lingrok::svm_detail
