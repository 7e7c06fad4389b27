// The KKT system of the max-margin certificate (theory/svm/hard_margin_svm.hpp, stage 3;
// docs/theory.md#max-margin-separator): (Z_B Z_Bᵀ) λ = 1 for the basis rows Z_B, so that
// ŵ = Z_Bᵀ λ satisfies Z_B ŵ = 1, solved to 1e-48 in Real50. Residuals are always Real50;
// corrections come from a double Cholesky factor by iterative refinement (~16 - log10 cond(G)
// digits per round) where that is cheaper, or from a Real50 LDLT.
#pragma once

#include "core/scalar.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok::svm_detail {

// Z_B given in Real50 (the small-d path): a Real50 LDLT when k² D <= 2e7, otherwise double
// refinement, and the LDLT when double cannot resolve G.
Vec50 solve_gram_ones(const Mat50& zb);

// Z_B given as exact doubles (large bases): double refinement with Real50 residuals, and the
// Real50 LDLT when double cannot resolve G (slow, but exact).
Vec50 solve_gram_ones_large(const RowMatrixXd& zb);

}  // namespace lingrok::svm_detail
