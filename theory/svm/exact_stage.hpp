// The exact stage of the max-margin solver (docs/theory.md#max-margin-separator): the min-norm
// point u* of conv{z_i}, z_i = y_i (x_i[, 1]), to 50 digits, from the support set a double-
// precision solver guessed.
//
// Method: Wolfe's min-norm-point algorithm (Wolfe 1976) in Real50, on the candidate points
// (those whose double margin lies within a certified band of the margin; every other point is
// provably feasible, see working_set.hpp). Why Wolfe: a point joins the corral only if it
// improves the objective, z_j·u < ||u||², and then it lies outside the affine hull of the corral
// (every p in that hull has p·u = ||u||²), so the corral stays affinely independent without a
// rank decision; each major cycle strictly decreases ||u|| and corrals are finite, so it cannot
// cycle (Wolfe 1976, Thm. 2). Degenerate data (many more than D points on the margin, exact
// ties, duplicated rows) need no special case: points on the margin never improve ||u||.
//
// Finite precision: a point is "improving" only if z_j·u < (1 - kkt_tol) ||u||², kkt_tol =
// 1e-40, the tolerance of the KKT certificate. A point improving by less than 50 digits can
// place inside the corral's affine hull is reported as unresolved (its margin deficit is then
// at most what the certificate's feasibility residual shows), never looped on. The number of
// major cycles is bounded.
//
// At u* != 0 the final corral is also linearly independent (an affinely independent set whose
// affine hull misses the origin), so the KKT system Z_B ŵ = 1 on it is regular: that is the
// basis B of the certificate.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "core/scalar.hpp"
#include "data/dataset.hpp"

namespace lingrok {

struct ExactMinNormPoint {
  std::vector<Eigen::Index> corral;            // rows of the final corral (the basis B)
  Eigen::Matrix<Real50, Eigen::Dynamic, 1> u;  // the min-norm point, length D
  bool origin_in_hull = false;           // ||u|| below 1e-30 of the largest ||z_i||: not separable
  long major_cycles = 0;                 // points added
  long minor_cycles = 0;                 // affine solves
  long candidates = 0;                   // points priced in 50 digits
  std::vector<Eigen::Index> unresolved;  // improving by less than 50 digits can resolve
};

// Runs Wolfe's algorithm in 50 digits from the corral `start` (rows of `data`, any subset; its
// weights `start_weights` may be empty). `band_tol` is the support tolerance added to the
// certified band when the candidate points are chosen.
ExactMinNormPoint exact_min_norm_point(const Dataset& data, bool augmented,
                                       const std::vector<Eigen::Index>& start,
                                       const Eigen::VectorXd& start_weights, double band_tol);

}  // namespace lingrok
