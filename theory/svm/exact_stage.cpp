// The 50-digit exact stage of the max-margin solver: Wolfe's min-norm point warm-started from the
// double stage (exact_stage.hpp, docs/theory.md#max-margin-separator).
#include "theory/svm/exact_stage.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "theory/svm/mp_kernels.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok {

namespace {

using svm_detail::add_product;
using svm_detail::all_margins;
using svm_detail::certification_band;
using svm_detail::max_z_norm;
using svm_detail::point_z;
using svm_detail::RowMatrixXd;
using svm_detail::times;
using svm_detail::times_transpose;
using svm_detail::Vec50;
using Mat50 = Eigen::Matrix<Real50, Eigen::Dynamic, Eigen::Dynamic>;

// Iterative refinement of x from corrections of a double LLT, residuals in 50 digits: ~16 -
// log10 cond digits per round. true when the residual reaches 1e-48, or stalls at its own
// rounding floor below 1e-40; false when double corrections cannot make progress.
template <class Residual>
bool refine_with_double(const Eigen::LLT<Eigen::MatrixXd>& llt, Residual residual, Vec50& x) {
  const Real50 target("1e-48"), floor("1e-40");
  Real50 last = std::numeric_limits<Real50>::max();
  for (int it = 0; it < 60; ++it) {
    const Vec50 r = residual(x);
    const Real50 rn = r.cwiseAbs().maxCoeff();
    if (rn <= target) return true;
    if (it > 4 && rn > last / 4) return rn <= floor;
    last = rn;
    const Eigen::VectorXd rd = r.unaryExpr([](const Real50& v) { return static_cast<double>(v); });
    const Eigen::VectorXd c = llt.solve(rd);
    for (Eigen::Index t = 0; t < x.size(); ++t) x(t) += Real50(c(t));
  }
  return false;
}

// Wolfe's affine minimiser of the corral rows Z (k × D): the weights μ, Σ μ = 1, of the point of
// smallest norm in their affine hull, μ ∝ (Z Zᵀ + c 11ᵀ)^{-1} 1 for any c > 0 (the 11ᵀ term
// makes the matrix regular exactly when the rows are affinely independent, hulls through the
// origin included). c = the largest ||z_t||² keeps both terms on one scale, so the pivots measure
// affine dependence relative to the data, whatever its units.
// Residuals are always 50-digit; the factorisation is double with refinement when forming the
// matrix in Real50 would cost more (k²D > 1e5) and double resolves it, else Real50 (a pivoted
// LDLT). false: the rows are affinely dependent to 50 digits (a pivot below 1e-44 of the
// largest).
bool affine_weights(const RowMatrixXd& z, Vec50& mu) {
  const Eigen::Index k = z.rows(), D = z.cols();
  const double c = z.rowwise().squaredNorm().maxCoeff();  // a double: exact in Real50 too
  auto residual = [&](const Vec50& nu) -> Vec50 {
    Vec50 r = times(z, times_transpose(z, nu));
    const Real50 s = nu.sum() * c;
    for (Eigen::Index t = 0; t < k; ++t) r(t) = Real50(1) - r(t) - s;
    return r;
  };
  Vec50 nu = Vec50::Zero(k);
  bool solved = false;
  if (double(k) * double(k) * double(D) > 1e5) {
    Eigen::MatrixXd g = z * z.transpose();
    g.array() += c;
    const Eigen::LLT<Eigen::MatrixXd> llt(g);
    if (llt.info() == Eigen::Success) solved = refine_with_double(llt, residual, nu);
    if (!solved) nu.setZero();
  }
  if (!solved) {
    Mat50 m(k, k);
    Real50 tmp, za;
    for (Eigen::Index a = 0; a < k; ++a)
      for (Eigen::Index b = 0; b <= a; ++b) {
        Real50 acc = c;
        for (Eigen::Index j = 0; j < D; ++j) {
          za = z(a, j);
          add_product(acc, za, z(b, j), tmp);  // a product of two doubles: exact in Real50
        }
        m(a, b) = acc;
        m(b, a) = acc;
      }
    const Eigen::LDLT<Mat50> ldlt(m);
    const Vec50 piv = ldlt.vectorD().cwiseAbs();
    if (ldlt.info() != Eigen::Success || !(piv.minCoeff() > Real50("1e-44") * piv.maxCoeff()))
      return false;
    const Real50 target("1e-48");
    for (int it = 0; it < 8; ++it) {
      const Vec50 r = residual(nu);
      if (r.cwiseAbs().maxCoeff() <= target) break;
      nu += ldlt.solve(r);
    }
  }
  const Real50 s = nu.sum();
  if (!(s > 0)) return false;
  mu = nu / s;
  return true;
}

// Removes position t of the corral (rows, their z, their weights).
void remove_from_corral(std::vector<Eigen::Index>& rows, RowMatrixXd& zp, Vec50& mu,
                        Eigen::Index t) {
  const Eigen::Index k = zp.rows();
  for (Eigen::Index s = t; s + 1 < k; ++s) {
    zp.row(s) = zp.row(s + 1);
    mu(s) = mu(s + 1);
  }
  zp.conservativeResize(k - 1, Eigen::NoChange);
  mu.conservativeResize(k - 1);
  rows.erase(rows.begin() + t);
}

void append_to_corral(std::vector<Eigen::Index>& rows, RowMatrixXd& zp, Vec50& mu, Eigen::Index row,
                      const Eigen::VectorXd& z) {
  const Eigen::Index k = zp.rows();
  zp.conservativeResize(k + 1, Eigen::NoChange);
  zp.row(k) = z.transpose();
  mu.conservativeResize(k + 1);
  mu(k) = 0;
  rows.push_back(row);
}

// Wolfe's minor cycles: from convex weights mu > 0 on the corral, move towards the corral's affine
// minimiser, dropping the points whose weight reaches 0 on the way (the ratio test), until the
// affine minimiser has positive weights; then mu is that minimiser. false, with nothing changed,
// when the corral as given is affinely dependent at 50 digits, or (`after_add`: the last point
// was just added with weight 0) when 50 digits cannot place that point outside the others'
// affine hull.
bool minor_cycles(std::vector<Eigen::Index>& rows, RowMatrixXd& zp, Vec50& mu, bool after_add,
                  long& count, const std::string& solve) {
  const std::string what = "max-margin solver (" + solve + ", exact stage): ";
  for (bool initial = true;; initial = false) {
    ++count;
    Vec50 mus;
    const bool regular = affine_weights(zp, mus);
    if (initial && after_add && !(regular && mus(zp.rows() - 1) > 0)) return false;
    if (initial && !regular) return false;  // a start corral dependent at 50 digits
    if (!regular)
      throw NumericalError(what +
                           "a corral became affinely dependent at 50 digits; rescale the data to "
                           "coordinates of order 1 and retry");
    if (mus.minCoeff() > 0) {
      mu = mus;
      return true;
    }
    Real50 theta = 1;
    Eigen::Index t_lim = -1;
    for (Eigen::Index t = 0; t < mus.size(); ++t) {
      if (mus(t) <= 0) {
        const Real50 th = mu(t) / (mu(t) - mus(t));
        if (t_lim < 0 || th < theta) {
          theta = th;
          t_lim = t;
        }
      }
    }
    mu = theta * mus + (Real50(1) - theta) * mu;
    mu(t_lim) = 0;
    for (Eigen::Index t = zp.rows() - 1; t >= 0; --t)
      if (!(mu(t) > 0)) remove_from_corral(rows, zp, mu, t);
    mu /= mu.sum();
  }
}

}  // namespace

ExactMinNormPoint exact_min_norm_point(const Dataset& data, bool augmented,
                                       const std::vector<Eigen::Index>& start,
                                       const Eigen::VectorXd& start_weights, double band_tol) {
  const Eigen::Index n = data.X.rows(), d = data.X.cols(), D = d + (augmented ? 1 : 0);
  const std::string solve = augmented ? "eq. (7) solve" : "bias-free solve";
  const double max_norm = max_z_norm(data, augmented);
  const Real50 tau("1e-40");  // the KKT certificate's tolerance
  const Real50 origin_level = Real50(1e-30 * max_norm) * Real50(1e-30 * max_norm);
  ExactMinNormPoint out;

  // Start: an affinely independent subset of `start`, the columns (z_t, 1) that a
  // rank-revealing QR keeps (a point dropped here re-enters if it improves u).
  std::vector<Eigen::Index> rows;
  RowMatrixXd zp(0, D);
  Vec50 mu;
  {
    std::vector<Eigen::Index> s = start;
    if (s.empty()) {
      Eigen::Index j0 = 0;
      data.X.rowwise().squaredNorm().minCoeff(&j0);
      s.push_back(j0);
    }
    const auto k = static_cast<Eigen::Index>(s.size());
    Eigen::MatrixXd a(D + 1, k);
    for (Eigen::Index t = 0; t < k; ++t) {
      a.col(t).head(D) = point_z(data, augmented, s[static_cast<std::size_t>(t)]);
      a(D, t) = 1.0;
    }
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(a);
    qr.setThreshold(1e-10);
    std::vector<Eigen::Index> keep;
    for (Eigen::Index r = 0; r < qr.rank(); ++r) keep.push_back(qr.colsPermutation().indices()(r));
    std::sort(keep.begin(), keep.end());
    const bool use_weights = start_weights.size() == k;
    for (auto t : keep) {
      append_to_corral(rows, zp, mu, s[static_cast<std::size_t>(t)],
                       point_z(data, augmented, s[static_cast<std::size_t>(t)]));
      const double wt = use_weights ? start_weights(t) : 1.0;
      mu(zp.rows() - 1) = Real50(wt > 0 ? wt : 1.0 / double(k));
    }
    mu /= mu.sum();
    // The start corral may be dependent at 50 digits where the QR's threshold did not say so;
    // then drop points (the minor cycles keep an independent corral independent).
    while (!minor_cycles(rows, zp, mu, false, out.minor_cycles, solve)) {
      if (zp.rows() <= 1)
        throw NumericalError("max-margin solver (" + solve +
                             "): no point of the start corral is regular at 50 digits; rescale "
                             "the data to coordinates of order 1 and retry");
      remove_from_corral(rows, zp, mu, zp.rows() - 1);
      mu /= mu.sum();
    }
  }

  // Candidates: points whose double margin along the current ŵ = u / ||u||² lies within the
  // certified band (svm_detail::certification_band); all others are provably feasible.
  std::vector<Eigen::Index> cand;
  std::vector<char> in_cand(static_cast<std::size_t>(n), 0), skip;
  RowMatrixXd cz(0, D);
  auto add_candidate = [&](Eigen::Index i) {
    if (in_cand[static_cast<std::size_t>(i)]) return false;
    in_cand[static_cast<std::size_t>(i)] = 1;
    cand.push_back(i);
    skip.push_back(0);
    cz.conservativeResize(cz.rows() + 1, Eigen::NoChange);
    cz.row(cz.rows() - 1) = point_z(data, augmented, i).transpose();
    return true;
  };
  auto refresh_candidates = [&](const Vec50& u) {
    const Real50 uu = u.squaredNorm();
    const Eigen::VectorXd wd =
        u.unaryExpr([&](const Real50& v) { return static_cast<double>(v / uu); });
    const Eigen::VectorXd md = all_margins(data, augmented, wd);
    const double level = 1.0 + band_tol + certification_band(D, max_norm, wd.norm());
    bool added = false;
    for (Eigen::Index i = 0; i < n; ++i)
      if (md(i) <= level) added = add_candidate(i) || added;
    return added;
  };
  for (auto r : rows) add_candidate(r);

  Vec50 u = times_transpose(zp, mu);
  // Finite in exact arithmetic (Wolfe 1976); the bound only guards against rounding.
  const long max_major = 50 * (n + D) + 1000;
  bool refreshed_at_u = false;
  while (true) {
    const Real50 uu = u.squaredNorm();
    if (uu <= origin_level) {
      out.origin_in_hull = true;
      break;
    }
    if (!refreshed_at_u) {
      refresh_candidates(u);
      refreshed_at_u = true;
    }
    const Vec50 m = times(cz, u);
    Eigen::Index j = -1;
    for (Eigen::Index c = 0; c < m.size(); ++c)
      if (!skip[static_cast<std::size_t>(c)] && (j < 0 || m(c) < m(j))) j = c;
    const bool improving = j >= 0 && uu - m(j) > tau * uu;
    if (!improving) {
      // Optimal on the candidates; the band was taken at this u, so optimal on all points.
      break;
    }
    if (++out.major_cycles > max_major)
      throw NumericalError("max-margin solver (" + solve + "): the exact stage did not finish in " +
                           std::to_string(max_major) +
                           " cycles; rescale the data to coordinates of order 1 and retry");
    const Eigen::Index row = cand[static_cast<std::size_t>(j)];
    if (std::find(rows.begin(), rows.end(), row) != rows.end()) {
      // A corral point cannot improve u in exact arithmetic: rounding at 50 digits.
      skip[static_cast<std::size_t>(j)] = 1;
      out.unresolved.push_back(row);
      continue;
    }
    append_to_corral(rows, zp, mu, row, cz.row(j).transpose());
    if (!minor_cycles(rows, zp, mu, true, out.minor_cycles, solve)) {
      // In exact arithmetic the new point lies outside the corral's affine hull and gets a
      // positive weight; here 50 digits cannot tell it from that hull.
      remove_from_corral(rows, zp, mu, zp.rows() - 1);
      skip[static_cast<std::size_t>(j)] = 1;
      out.unresolved.push_back(row);
      continue;
    }
    u = times_transpose(zp, mu);
    refreshed_at_u = false;
  }
  out.corral = rows;
  out.u = u;
  out.candidates = static_cast<long>(cand.size());
  return out;
}

}  // namespace lingrok
