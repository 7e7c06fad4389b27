// Stage 1 of the max-margin solver for small problems (theory/svm/hard_margin_svm.hpp,
// docs/theory.md#max-margin-separator, the paper's eq. (7)): Wolfe's min-norm-point algorithm
// (Wolfe 1976) for min ||u|| over conv{z_i}, z_i = y_i (x_i[, 1]), whose solution u* gives
// ŵ = u*/||u*||². The corral's Gram matrix G + 11ᵀ is kept as an updated Cholesky factor; large
// N is handled by a working set grown by full pricing passes (svm/working_set.hpp).
#include <Eigen/Cholesky>
#include <Eigen/Jacobi>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok {

namespace {

using namespace svm_detail;  // working_set.hpp: the points z_i, margins, the working set

// Wolfe's corral: points (local indices into the working set), convex weights, and the upper
// triangular R with RᵀR = G + 11ᵀ (G the corral's Gram matrix). G + 11ᵀ is positive definite
// exactly when the corral is affinely independent.
class Corral {
 public:
  explicit Corral(const RowMatrixXd* zw) : zw_(zw) {}

  Eigen::Index size() const { return static_cast<Eigen::Index>(idx_.size()); }
  const std::vector<Eigen::Index>& indices() const { return idx_; }
  Eigen::VectorXd& weights() { return lambda_; }
  bool contains(Eigen::Index j) const {
    return std::find(idx_.begin(), idx_.end(), j) != idx_.end();
  }

  // Adds working-set row j with weight 0; false if it is affinely dependent on the corral.
  bool add(Eigen::Index j) {
    const Eigen::Index k = size();
    Eigen::VectorXd m(k);
    for (Eigen::Index t = 0; t < k; ++t) m(t) = zw_->row(idx_[t]).dot(zw_->row(j)) + 1.0;
    Eigen::VectorXd r = m;
    if (k > 0) R_.transpose().triangularView<Eigen::Lower>().solveInPlace(r);
    const double diag = zw_->row(j).squaredNorm() + 1.0;
    const double rho2 = diag - r.squaredNorm();
    if (!(rho2 > 1e-13 * diag)) return false;
    R_.conservativeResize(k + 1, k + 1);
    R_.row(k).setZero();
    R_.col(k).head(k) = r;
    R_(k, k) = std::sqrt(rho2);
    idx_.push_back(j);
    lambda_.conservativeResize(k + 1);
    lambda_(k) = 0.0;
    return true;
  }

  // Removes corral position t and restores R to triangular form with Givens rotations.
  void remove(Eigen::Index t) {
    const Eigen::Index k = size();
    for (Eigen::Index c = t; c + 1 < k; ++c) R_.col(c) = R_.col(c + 1);
    for (Eigen::Index c = t; c + 1 < k; ++c) {
      Eigen::JacobiRotation<double> g;
      g.makeGivens(R_(c, c), R_(c + 1, c));
      R_.applyOnTheLeft(c, c + 1, g.adjoint());
      R_(c + 1, c) = 0.0;
    }
    R_.conservativeResize(k - 1, k - 1);
    idx_.erase(idx_.begin() + t);
    for (Eigen::Index s = t; s + 1 < k; ++s) lambda_(s) = lambda_(s + 1);
    lambda_.conservativeResize(k - 1);
  }

  // Affine min-norm point of the corral: weights μ ∝ (G + 11ᵀ)^{-1} 1, Σ μ = 1.
  Eigen::VectorXd affine_min_norm() const {
    Eigen::VectorXd mu = Eigen::VectorXd::Ones(size());
    R_.transpose().triangularView<Eigen::Lower>().solveInPlace(mu);
    R_.triangularView<Eigen::Upper>().solveInPlace(mu);
    return mu / mu.sum();
  }

  Eigen::VectorXd point(const Eigen::VectorXd& w) const {
    Eigen::VectorXd x = Eigen::VectorXd::Zero(zw_->cols());
    for (Eigen::Index t = 0; t < size(); ++t) x += w(t) * zw_->row(idx_[t]).transpose();
    return x;
  }

 private:
  const RowMatrixXd* zw_;
  std::vector<Eigen::Index> idx_;
  Eigen::VectorXd lambda_;
  Eigen::MatrixXd R_;
};

}  // namespace

MinNormPoint wolfe_min_norm_point(const Dataset& data, bool augmented,
                                  const MinNormOptions& options) {
  const SolverScale scale = solver_scale(data, augmented, options.batch);
  const Eigen::Index n = scale.n, D = scale.D, batch = scale.batch;
  const double max_norm = scale.max_norm;
  const double eps = std::numeric_limits<double>::epsilon();

  // Working set: all points when N is small; otherwise the points with the smallest margins
  // along the mean of the z_i (a cheap guess of the separating direction).
  const bool price_all = n <= std::max<Eigen::Index>(options.working_set_min, 4 * (D + 1));
  std::vector<Eigen::Index> w_rows;  // global row of each working-set row
  std::vector<char> in_w(static_cast<std::size_t>(n), 0);
  if (price_all) {
    w_rows.resize(static_cast<std::size_t>(n));
    std::iota(w_rows.begin(), w_rows.end(), Eigen::Index{0});
  } else {
    w_rows = smallest_margin_rows(data, augmented, options.working_set_min);
  }
  for (auto r : w_rows) in_w[static_cast<std::size_t>(r)] = 1;
  RowMatrixXd zw = z_rows(data, augmented, w_rows);

  MinNormPoint out;
  out.method = "wolfe";
  Corral corral(&zw);
  {
    Eigen::Index j0 = 0;
    zw.rowwise().squaredNorm().minCoeff(&j0);
    corral.add(j0);
    corral.weights()(0) = 1.0;
  }
  Eigen::VectorXd x = zw.row(corral.indices()[0]).transpose();

  const double zero_weight = 1e-15;
  long iter = 0;
  while (true) {
    if (++iter > options.max_iterations) break;
    const double xx = x.squaredNorm();
    const double xnorm = std::sqrt(xx);
    const double tol = options.rel_tol * xx + 32.0 * std::sqrt(double(D)) * eps * max_norm * xnorm;
    if (xnorm <= 1e-12 * max_norm) break;  // the origin is (numerically) in the hull
    Eigen::VectorXd m = zw * x;
    Eigen::Index j = 0;
    const double mmin = m.minCoeff(&j);
    // A corral point as the minimiser means x is optimal on the working set up to rounding.
    if (xx - mmin <= tol || corral.contains(j)) {
      if (price_all) break;
      // Optimal on the working set: price every point once.
      ++out.full_passes;
      const Eigen::VectorXd mall = all_margins(data, augmented, x);
      std::vector<Eigen::Index> viol;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!in_w[static_cast<std::size_t>(i)] && xx - mall(i) > tol) viol.push_back(i);
      if (viol.empty()) break;
      grow_working_set(data, augmented, mall, batch, viol, zw, in_w, w_rows);
      continue;
    }
    if (!corral.add(j)) break;  // affinely dependent in double: no further progress
    // Minor cycle (Wolfe 1976): move towards the affine min-norm point of the corral, dropping
    // the points whose weight reaches 0 on the way.
    bool stalled = false;
    for (bool first = true;; first = false) {
      if (++iter > options.max_iterations) break;
      const Eigen::VectorXd mu = corral.affine_min_norm();
      if (mu.minCoeff() > zero_weight) {
        corral.weights() = mu;
        break;
      }
      // In exact arithmetic the new point has μ > 0 in the first minor step; if rounding says
      // otherwise, double precision cannot make progress here.
      if (first && mu(corral.size() - 1) <= zero_weight) {
        corral.remove(corral.size() - 1);
        stalled = true;
        break;
      }
      Eigen::VectorXd lam = corral.weights();
      double theta = 1.0;
      Eigen::Index t_lim = 0;
      for (Eigen::Index t = 0; t < mu.size(); ++t) {
        if (mu(t) <= zero_weight) {
          const double th = lam(t) / (lam(t) - mu(t));
          if (th < theta) {
            theta = th;
            t_lim = t;
          }
        }
      }
      lam = theta * mu + (1.0 - theta) * lam;
      lam(t_lim) = 0.0;
      corral.weights() = lam;
      for (Eigen::Index t = corral.size() - 1; t >= 0; --t)
        if (corral.weights()(t) <= zero_weight) corral.remove(t);
      corral.weights() /= corral.weights().sum();
    }
    x = corral.point(corral.weights());
    if (stalled) break;
    continue;
  }
  if (iter > options.max_iterations && !(x.norm() <= 1e-12 * max_norm))
    throw NumericalError("max-margin solver: Wolfe's algorithm did not converge in " +
                         std::to_string(options.max_iterations) +
                         " iterations; raise MinNormOptions::max_iterations");
  out.u = x;
  out.origin_in_hull = x.norm() <= 1e-10 * max_norm;
  for (auto t : corral.indices()) out.corral.push_back(w_rows[static_cast<std::size_t>(t)]);
  out.weights = corral.weights();
  out.iterations = iter;
  out.working_set_size = zw.rows();
  return out;
}

}  // namespace lingrok
