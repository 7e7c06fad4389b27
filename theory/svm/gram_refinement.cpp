// (Z_B Z_Bᵀ) λ = 1 in Real50 for the max-margin KKT certificate (gram_refinement.hpp): Real50
// residuals, corrections from a double LLT (iterative refinement) or a Real50 LDLT.
#include "theory/svm/gram_refinement.hpp"

#include <Eigen/Cholesky>
#include <limits>

#include "theory/svm/mp_kernels.hpp"

namespace lingrok::svm_detail {

namespace {

// Iterative refinement of G λ = 1 from λ = 0: residuals in Real50 from `residual(λ)`,
// corrections from a double LLT of G (~16 - log10 cond(G) digits per round), until the residual
// is below 1e-48 or stalls at its own rounding floor (1e-40). false: double cannot resolve G.
template <class Residual>
bool refine_with_double_llt(const Eigen::MatrixXd& g, Residual residual, Vec50& lam) {
  const Eigen::Index k = g.rows();
  Eigen::LLT<Eigen::MatrixXd> llt(g);
  if (llt.info() != Eigen::Success) return false;
  const Real50 target("1e-48");
  lam = Vec50::Zero(k);
  Real50 last = std::numeric_limits<Real50>::max();
  for (int it = 0; it < 60; ++it) {
    const Vec50 r = residual(lam);
    const Real50 rn = r.cwiseAbs().maxCoeff();
    if (rn <= target) return true;
    if (it > 4 && rn > last / 4) return rn <= Real50("1e-40");  // the residual's rounding floor
    last = rn;
    const Eigen::VectorXd rd = r.unaryExpr([](const Real50& v) { return static_cast<double>(v); });
    const Eigen::VectorXd c = llt.solve(rd);
    for (Eigen::Index t = 0; t < k; ++t) lam(t) += Real50(c(t));
  }
  return false;
}

// (Z_B Z_Bᵀ) λ = 1 in Real50 with a Real50 LDLT: Z_B the basis points as rows.
Vec50 solve_gram_ones_ldlt(const Mat50& zb) {
  const Eigen::Index k = zb.rows();
  const Vec50 ones = Vec50::Constant(k, Real50(1));
  const Mat50 g = zb * zb.transpose();
  Eigen::LDLT<Mat50> ldlt(g);
  Vec50 lam = Vec50::Zero(k);
  const Real50 target("1e-48");
  for (int it = 0; it < 8; ++it) {
    const Vec50 r = ones - zb * (zb.transpose() * lam);
    if (r.cwiseAbs().maxCoeff() <= target) break;
    lam += ldlt.solve(r);
  }
  return lam;
}

}  // namespace

// (Z_B Z_Bᵀ) λ = 1 in Real50. Residuals are always computed in Real50; corrections come from a
// Real50 LDLT when the system is small and from a double LLT (iterative refinement, ~16 -
// log10 cond(G) digits per round) otherwise, or from the Real50 LDLT when double cannot
// resolve G.
Vec50 solve_gram_ones(const Mat50& zb) {
  const Eigen::Index k = zb.rows();
  const double work = double(k) * double(k) * double(zb.cols());
  if (work <= 2e7) return solve_gram_ones_ldlt(zb);
  const Vec50 ones = Vec50::Constant(k, Real50(1));
  const Eigen::MatrixXd zd = zb.unaryExpr([](const Real50& v) { return static_cast<double>(v); });
  Vec50 lam;
  if (refine_with_double_llt(
          zd * zd.transpose(),
          [&](const Vec50& l) -> Vec50 { return ones - zb * (zb.transpose() * l); }, lam))
    return lam;
  return solve_gram_ones_ldlt(zb);
}

// (Z_B Z_Bᵀ) λ = 1 for large bases: corrections from a double LLT, residuals in Real50 with
// the exact double Z_B; the Real50 LDLT when double cannot resolve G (slow, but exact).
Vec50 solve_gram_ones_large(const RowMatrixXd& zb) {
  Vec50 lam;
  if (refine_with_double_llt(
          zb * zb.transpose(),
          [&](const Vec50& l) -> Vec50 {
            Vec50 r = times(zb, times_transpose(zb, l));
            for (Eigen::Index t = 0; t < r.size(); ++t) r(t) = Real50(1) - r(t);
            return r;
          },
          lam))
    return lam;
  const Mat50 z50 = zb.cast<Real50>();
  return solve_gram_ones_ldlt(z50);
}

}  // namespace lingrok::svm_detail
