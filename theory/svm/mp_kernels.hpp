// 50-digit products with exact double data, shared by the max-margin solver's exact stage
// (svm/exact_stage.cpp) and its KKT certificate (svm/kkt_certificate.cpp). The rows z_i =
// y_i (x_i[, 1]) are exact doubles (y = ±1), so a product z_ij · v_j (v a Real50) is one MPFR
// multiplication by a double: one rounding, like Real50's operators, without their temporaries
// (~5x faster for the d = 1024 matrix-vector products).
#pragma once

#include <Eigen/Dense>

#include "core/scalar.hpp"
#include "data/dataset.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok::svm_detail {

using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;

// acc += a·x, one rounding per operation.
inline void add_product(Real50& acc, const Real50& a, double x, Real50& tmp) {
  mpfr_mul_d(tmp.backend().data(), a.backend().data(), x, MPFR_RNDN);
  mpfr_add(acc.backend().data(), acc.backend().data(), tmp.backend().data(), MPFR_RNDN);
}

// Z_Bᵀ λ (length D) for double rows Z_B and a 50-digit λ.
inline Vec50 times_transpose(const RowMatrixXd& zb, const Vec50& lam) {
  Vec50 v = Vec50::Zero(zb.cols());
  Real50 tmp;
  for (Eigen::Index t = 0; t < zb.rows(); ++t)
    for (Eigen::Index j = 0; j < zb.cols(); ++j) add_product(v(j), lam(t), zb(t, j), tmp);
  return v;
}

// Z_B w (length |B|) for double rows Z_B and a 50-digit w.
inline Vec50 times(const RowMatrixXd& zb, const Vec50& w) {
  Vec50 v(zb.rows());
  Real50 tmp;
  for (Eigen::Index t = 0; t < zb.rows(); ++t) {
    Real50 acc = 0;
    for (Eigen::Index j = 0; j < zb.cols(); ++j) add_product(acc, w(j), zb(t, j), tmp);
    v(t) = acc;
  }
  return v;
}

// m_i = z_i·w in 50 digits, straight from the data row.
inline Real50 margin50_fast(const Dataset& data, bool augmented, const Vec50& w, Eigen::Index i) {
  const Eigen::Index d = data.X.cols();
  Real50 f = augmented ? w(d) : Real50(0);
  Real50 tmp;
  for (Eigen::Index j = 0; j < d; ++j) add_product(f, w(j), data.X(i, j), tmp);
  return data.y(i) > 0 ? f : Real50(-f);
}

}  // namespace lingrok::svm_detail
