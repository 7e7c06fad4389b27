#include "theory/svm/hard_margin_svm.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Jacobi>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "theory/svm/exact_stage.hpp"
#include "theory/svm/mp_kernels.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok {

namespace {

using svm_detail::all_margins;
using svm_detail::grow_working_set;
using svm_detail::max_z_norm;
using svm_detail::point_z;
using svm_detail::RowMatrixXd;
using svm_detail::smallest_margin_rows;
using svm_detail::z_rows;

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
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + (augmented ? 1 : 0);
  if (n == 0) throw InputError("the training set is empty: it needs at least one point per class");
  const double eps = std::numeric_limits<double>::epsilon();

  const double max_norm = max_z_norm(data, augmented);

  // Working set: all points when N is small; otherwise the points with the smallest margins
  // along the mean of the z_i (a cheap guess of the separating direction).
  const bool price_all = n <= std::max<Eigen::Index>(options.working_set_min, 4 * (D + 1));
  const Eigen::Index batch = options.batch > 0 ? options.batch : std::max<Eigen::Index>(256, D + 1);
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

namespace {

// Goldfarb–Idnani dual active-set method for min ½||w||² s.t. z_p·w >= 1 (Hessian I), one
// constraint at a time. The active normals are N_A = J[:, :q] R with J orthogonal (D×D) and R
// upper triangular (q×q); the primal step direction is the projection of z_p onto the
// complement of span N_A, J[:, q:] J[:, q:]ᵀ z_p, and the dual direction R^{-1} J[:, :q]ᵀ z_p.
// Every state is dual feasible (multipliers >= 0, w = N_A u optimal for its active set), so
// constraints may be added in any order and the objective increases with every full step.
class GoldfarbIdnani {
 public:
  enum class Added { satisfied, added, infeasible };

  explicit GoldfarbIdnani(Eigen::Index D)
      : D_(D), J_(Eigen::MatrixXd::Identity(D, D)), R_(D, D), x_(Eigen::VectorXd::Zero(D)) {}

  const Eigen::VectorXd& x() const { return x_; }
  const std::vector<Eigen::Index>& active() const { return active_; }
  long changes() const { return changes_; }  // constraints added plus constraints dropped
  Eigen::VectorXd multipliers() const { return u_.head(q()); }

  // Makes z·x >= 1 hold (active, with the others re-balanced). infeasible: no w satisfies it
  // together with the active constraints (the dual is unbounded along this constraint).
  Added add(const Eigen::VectorXd& z, Eigen::Index id, double tol) {
    double s = z.dot(x_) - 1.0;
    if (s >= -tol) return Added::satisfied;
    const double znorm = z.norm();
    double up = 0.0;                          // multiplier of the new constraint
    Eigen::VectorXd dv = J_.transpose() * z;  // kept up to date through drops (see drop)
    for (Eigen::Index guard = 0; guard <= D_ + 1; ++guard) {
      const Eigen::Index q = this->q();
      const Eigen::Index m = D_ - q;
      Eigen::VectorXd r = dv.head(q);
      if (q > 0) R_.topLeftCorner(q, q).triangularView<Eigen::Upper>().solveInPlace(r);
      const double tail2 = m > 0 ? dv.tail(m).squaredNorm() : 0.0;
      // z in span N_A (to rounding): no primal direction, only a dual step is possible.
      const bool has_dir = m > 0 && std::sqrt(tail2) > 1e-11 * znorm;
      double t1 = std::numeric_limits<double>::infinity();
      Eigen::Index k = -1;
      for (Eigen::Index j = 0; j < q; ++j) {
        if (r(j) > 0) {
          const double tj = u_(j) / r(j);
          if (tj < t1) {
            t1 = tj;
            k = j;
          }
        }
      }
      const double t2 = has_dir ? -s / tail2 : std::numeric_limits<double>::infinity();
      if (k < 0 && !has_dir) return Added::infeasible;
      if (has_dir && t2 <= t1) {
        u_.head(q) -= t2 * r;
        up += t2;
        // Append z: a Householder reflection H maps dv[q:] to (σ, 0, ...); J[:, q:] <- J[:, q:] H
        // keeps J orthogonal and gives z = J[:, :q+1] (dv[:q], σ).
        Eigen::VectorXd tail = dv.tail(m);
        Eigen::VectorXd ess(m - 1);
        double tau = 0, beta = 0;
        tail.makeHouseholder(ess, tau, beta);
        Eigen::VectorXd work(D_);
        J_.rightCols(m).applyHouseholderOnTheRight(ess, tau, work.data());
        // The primal step is t2 J[:, q:] dv[q:] in the old J. H is symmetric and orthogonal, so
        // H e1 = dv[q:]/σ and the new column J[:, q] = J[:, q:] H e1 is that direction over σ:
        // one column instead of a D × (D - q) product.
        x_ += (t2 * beta) * J_.col(q);
        R_.col(q).head(q) = dv.head(q);
        R_(q, q) = beta;
        active_.push_back(id);
        ++changes_;
        u_.conservativeResize(q + 1);
        u_(q) = up;
        return Added::added;
      }
      // Partial step: constraint k's multiplier reaches 0 first; drop it and try again.
      if (has_dir) {
        x_ += t1 * (J_.rightCols(m) * dv.tail(m));
        s += t1 * tail2;
      }
      u_.head(q) -= t1 * r;
      up += t1;
      drop(k, dv);
      ++changes_;
    }
    throw NumericalError("max-margin solver: the active-set method cycles (degenerate data)");
  }

 private:
  Eigen::Index q() const { return static_cast<Eigen::Index>(active_.size()); }

  // Removes active constraint k; Givens rotations restore R to triangular form (and rotate
  // the matching columns of J so that N_A = J R still holds). dv = Jᵀz is rotated along
  // (J' = J G gives J'ᵀz = Gᵀ dv), which saves recomputing it.
  void drop(Eigen::Index k, Eigen::VectorXd& dv) {
    const Eigen::Index q = this->q();
    for (Eigen::Index c = k; c + 1 < q; ++c) R_.col(c).head(q) = R_.col(c + 1).head(q);
    for (Eigen::Index c = k; c + 1 < q; ++c) {
      Eigen::JacobiRotation<double> g;
      g.makeGivens(R_(c, c), R_(c + 1, c));
      R_.block(0, c, q, q - 1 - c).applyOnTheLeft(c, c + 1, g.adjoint());
      R_(c + 1, c) = 0.0;
      J_.applyOnTheRight(c, c + 1, g);
      dv.applyOnTheLeft(c, c + 1, g.adjoint());
    }
    active_.erase(active_.begin() + k);
    for (Eigen::Index s = k; s + 1 < q; ++s) u_(s) = u_(s + 1);
    u_.conservativeResize(q - 1);
  }

  Eigen::Index D_;
  Eigen::MatrixXd J_, R_;
  Eigen::VectorXd x_, u_;
  std::vector<Eigen::Index> active_;
  long changes_ = 0;
};

}  // namespace

MinNormPoint active_set_min_norm_point(const Dataset& data, bool augmented,
                                       const MinNormOptions& options) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + (augmented ? 1 : 0);
  if (n == 0) throw InputError("the training set is empty: it needs at least one point per class");
  const double eps = std::numeric_limits<double>::epsilon();
  const double max_norm = max_z_norm(data, augmented);
  const Eigen::Index batch = options.batch > 0 ? options.batch : std::max<Eigen::Index>(256, D + 1);

  std::vector<Eigen::Index> w_rows = smallest_margin_rows(data, augmented, options.working_set_min);
  std::vector<char> in_w(static_cast<std::size_t>(n), 0);
  for (auto r : w_rows) in_w[static_cast<std::size_t>(r)] = 1;
  RowMatrixXd zw = z_rows(data, augmented, w_rows);

  MinNormPoint out;
  out.method = "active_set";
  GoldfarbIdnani gi(D);
  // Violation threshold in margin units: the rounding noise of z_i·w in double is below
  // γ_D ||z_i|| ||w|| <= D u max_norm ||w||; 32 √D u max_norm ||w|| is a safe typical level.
  auto tolerance = [&] {
    return options.rel_tol + 32.0 * std::sqrt(double(D)) * eps * max_norm * gi.x().norm();
  };
  // Constraints added per pricing (most violated first). Fewer means more pricing but less
  // churn: at d = 256 one per pricing needs 8 active-set changes per support vector, 4 per
  // pricing 10, 32 per pricing 18.
  const Eigen::Index per_pricing = options.per_pricing;
  // Partial pricing: a full pricing of the working set (|W| d, ~75 MB at N = 1e6, d = 1024, so
  // memory bound) picks the `hot_size` most violated rows, copied into zh; the following
  // rounds price only those (cache resident) until none is violated, then the working set is
  // priced again. Any violated constraint may be added next (every Goldfarb–Idnani state is
  // dual feasible), and the working set counts as solved only when a pricing of all of it
  // finds no violation (or only violations within rounding, see below), so this changes the
  // order of the additions, not the result's conditions.
  const Eigen::Index hot_size = std::max<Eigen::Index>(options.hot_size, per_pricing);
  long iter = 0;
  std::vector<Eigen::Index> cand, hot;
  RowMatrixXd zh;
  while (true) {
    // Solve on the working set.
    while (true) {
      if (++iter > options.max_iterations)
        throw NumericalError("max-margin solver: the active-set method did not converge in " +
                             std::to_string(options.max_iterations) +
                             " pricing rounds; raise MinNormOptions::max_iterations");
      const double tol = tolerance();
      const bool fresh = hot.empty();
      if (fresh) {
        ++out.working_set_pricings;
        const Eigen::VectorXd s = zw * gi.x();
        for (Eigen::Index t = 0; t < zw.rows(); ++t)
          if (s(t) - 1.0 < -tol) hot.push_back(t);
        if (hot.empty()) break;
        if (static_cast<Eigen::Index>(hot.size()) > hot_size) {
          std::nth_element(hot.begin(), hot.begin() + hot_size - 1, hot.end(),
                           [&](Eigen::Index a, Eigen::Index b) { return s(a) < s(b); });
          hot.resize(static_cast<std::size_t>(hot_size));
        }
        std::sort(hot.begin(), hot.end());
        zh.resize(static_cast<Eigen::Index>(hot.size()), D);
        for (std::size_t h = 0; h < hot.size(); ++h)
          zh.row(static_cast<Eigen::Index>(h)) = zw.row(hot[h]);
      }
      const Eigen::VectorXd sh = zh * gi.x();
      cand.clear();
      for (Eigen::Index h = 0; h < zh.rows(); ++h)
        if (sh(h) - 1.0 < -tol) cand.push_back(h);
      if (cand.empty()) {
        hot.clear();
        continue;
      }
      if (static_cast<Eigen::Index>(cand.size()) > per_pricing) {
        std::partial_sort(cand.begin(), cand.begin() + per_pricing, cand.end(),
                          [&](Eigen::Index a, Eigen::Index b) { return sh(a) < sh(b); });
        cand.resize(static_cast<std::size_t>(per_pricing));
      } else {
        std::sort(cand.begin(), cand.end(),
                  [&](Eigen::Index a, Eigen::Index b) { return sh(a) < sh(b); });
      }
      bool added = false;
      for (auto h : cand) {
        const Eigen::VectorXd z = zh.row(h).transpose();
        const Eigen::Index t = hot[static_cast<std::size_t>(h)];
        const auto a = gi.add(z, t, tolerance());
        if (a == GoldfarbIdnani::Added::infeasible) {
          out.origin_in_hull = true;
          out.u = Eigen::VectorXd::Zero(D);
          out.iterations = iter;
          out.working_set_size = zw.rows();
          return out;
        }
        added = added || a == GoldfarbIdnani::Added::added;
      }
      // The matrix-vector product and add's own dot product can round a constraint at the
      // threshold to opposite sides. If add finds the most violated rows of a fresh pricing
      // satisfied, the working set is solved to rounding (the exact stage certifies the
      // result); otherwise stale rows are dropped by pricing the working set again.
      if (!added) {
        if (fresh) break;
        hot.clear();
      }
    }
    hot.clear();
    // Price every point once.
    ++out.full_passes;
    const double tol = tolerance();
    const Eigen::VectorXd mall = all_margins(data, augmented, gi.x());
    std::vector<Eigen::Index> viol;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!in_w[static_cast<std::size_t>(i)] && mall(i) - 1.0 < -tol) viol.push_back(i);
    if (viol.empty()) break;
    grow_working_set(data, augmented, mall, batch, viol, zw, in_w, w_rows);
  }
  const Eigen::VectorXd u = gi.multipliers();
  const double total = u.sum();
  const Eigen::VectorXd& w = gi.x();
  out.u = w / w.squaredNorm();  // min-norm point of conv{z_i}: ŵ / ||ŵ||²
  out.origin_in_hull = !(total > 0) || !(w.norm() > 0);
  for (auto t : gi.active()) out.corral.push_back(w_rows[static_cast<std::size_t>(t)]);
  out.weights = total > 0 ? Eigen::VectorXd(u / total) : u;
  out.iterations = iter;
  out.active_set_changes = gi.changes();
  out.working_set_size = zw.rows();
  return out;
}

namespace {

using svm_detail::certification_band;
using svm_detail::margin50_fast;
using svm_detail::times;
using svm_detail::times_transpose;

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

Vec50 row_z50(const Dataset& data, bool augmented, Eigen::Index i) {
  const Eigen::Index d = data.X.cols();
  Vec50 z(d + (augmented ? 1 : 0));
  for (Eigen::Index j = 0; j < d; ++j) z(j) = Real50(data.y(i)) * Real50(data.X(i, j));
  if (augmented) z(d) = Real50(data.y(i));
  return z;
}

Real50 margin50(const Dataset& data, bool augmented, const Vec50& w, Eigen::Index i) {
  const Eigen::Index d = data.X.cols();
  Real50 f = augmented ? w(d) : Real50(0);
  for (Eigen::Index j = 0; j < d; ++j) f += Real50(data.X(i, j)) * w(j);
  return Real50(data.y(i)) * f;
}

std::string not_separable_message(bool augmented) {
  if (augmented)
    return "the training data are not linearly separable (no hyperplane w·x + b = 0 separates "
           "the classes); the theory needs separable data: check the labels";
  return "no hyperplane through the origin separates the training data (0 lies in the convex "
         "hull of y_i x_i), so Assumption 3.1 fails; the theory needs data a hyperplane w·x = 0 "
         "separates: check the labels or centre the data";
}

// Stage 1 by the method the options ask for. A double-stage solver that fails (does not
// converge, cycles on degenerate data) hands over to the next one; the exact stage can start
// from any corral, so the last resort is an empty start.
MinNormPoint double_stage(const Dataset& data, bool aug, const MinNormOptions& mo) {
  using Method = MinNormOptions::Method;
  const Eigen::Index n = data.X.rows(), D = data.X.cols() + (aug ? 1 : 0);
  Method method = mo.method;
  if (method == Method::automatic) {
    if (n <= std::max<Eigen::Index>(mo.working_set_min, 4 * (D + 1)))
      method = Method::wolfe;
    else if (n > 100 * (D + 1) && D >= 128)
      method = Method::interior_point;  // measured at d = 1024: see interior_point.cpp
    else
      method = Method::active_set;
  }
  std::string failed;
  if (method == Method::interior_point) {
    MinNormPoint mnp = interior_point_min_norm_point(data, aug, mo);
    if (mnp.converged) return mnp;
    failed =
        "the interior-point method stopped after " + std::to_string(mnp.iterations) + " iterations";
    method = Method::active_set;
  }
  try {
    MinNormPoint mnp = method == Method::wolfe ? wolfe_min_norm_point(data, aug, mo)
                                               : active_set_min_norm_point(data, aug, mo);
    if (!failed.empty()) mnp.method += " (" + failed + ")";
    return mnp;
  } catch (const NumericalError& e) {
    MinNormPoint none;
    none.method = "exact stage only (" + std::string(e.what()) + ")";
    return none;
  }
}

}  // namespace

HardMarginSvm solve_hard_margin_svm(const Dataset& data, SvmVariant variant,
                                    const SvmOptions& options) {
  const bool aug = variant == SvmVariant::with_bias;
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + (aug ? 1 : 0);
  if (!(options.support_tol >= 0))
    throw InputError("support tolerance must be >= 0 (default 1e-9)");
  if (n == 0) throw InputError("the training set is empty: it needs at least one point per class");
  {
    // Squared norms and Gram entries must stay inside double's range (about 1e±308).
    const double scale = data.X.cwiseAbs().maxCoeff();
    if (!std::isfinite(scale))
      throw InputError("the training data hold a coordinate that is not finite; remove that row");
    if (scale > 1e150 || (scale > 0 && scale < 1e-150))
      throw InputError("coordinates as large as " + to_full_string(scale) +
                       " overflow or underflow the max-margin solver's squared norms; rescale "
                       "the data to order 1 (divide every coordinate by " +
                       to_full_string(scale) + ") and retry");
  }

  using clock = std::chrono::steady_clock;
  auto since = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  auto t_start = clock::now();
  const MinNormPoint mnp = double_stage(data, aug, options.min_norm);
  const double seconds_double = since(t_start);
  if (mnp.origin_in_hull) throw InputError(not_separable_message(aug));

  HardMarginSvm out;
  out.variant = variant;
  out.method = mnp.method;
  out.iterations = mnp.iterations;
  out.full_passes = mnp.full_passes;
  out.working_set_pricings = mnp.working_set_pricings;
  out.active_set_changes = mnp.active_set_changes;
  out.seconds_double = seconds_double;

  const double max_norm = max_z_norm(data, aug);
  const Real50 kkt_tol("1e-40");
  // Large d: exact double basis rows and MPFR kernels (the small-d arithmetic is kept as it
  // was, so the d = 2 golden values are reproduced digit for digit).
  const bool large = D > 32;
  Vec50 w50, lam;
  auto margin = [&](Eigen::Index i) {
    return large ? margin50_fast(data, aug, w50, i) : margin50(data, aug, w50, i);
  };

  // Exact stage (svm/exact_stage.cpp): the basis B is the final corral of Wolfe's algorithm in
  // 50 digits, linearly independent at the optimum.
  auto t_exact = clock::now();
  ExactMinNormPoint ex =
      exact_min_norm_point(data, aug, mnp.corral, mnp.weights, options.support_tol);
  if (ex.origin_in_hull) throw InputError(not_separable_message(aug));
  std::vector<Eigen::Index> basis = ex.corral;
  double seconds_kkt50 = since(t_exact), seconds_certify = 0;

  // KKT system on B: Z_B ŵ = 1, ŵ = Z_Bᵀ λ. λ > 0 in exact arithmetic (λ = μ / ||u||², μ the
  // corral's positive weights); a multiplier that rounding makes negative leaves the basis.
  for (;;) {
    auto t_kkt = clock::now();
    if (!large) {
      Mat50 zb(static_cast<Eigen::Index>(basis.size()), D);
      for (std::size_t t = 0; t < basis.size(); ++t)
        zb.row(static_cast<Eigen::Index>(t)) = row_z50(data, aug, basis[t]).transpose();
      lam = solve_gram_ones(zb);
      w50 = zb.transpose() * lam;
    } else {
      const RowMatrixXd zb = z_rows(data, aug, basis);
      lam = solve_gram_ones_large(zb);
      w50 = times_transpose(zb, lam);
    }
    seconds_kkt50 += since(t_kkt);
    Eigen::Index tmin = 0;
    const Real50 lmin = lam.minCoeff(&tmin);
    if (lmin < -kkt_tol * lam.cwiseAbs().maxCoeff() && basis.size() > 1) {
      basis.erase(basis.begin() + tmin);
      continue;
    }
    break;
  }
  out.exact_added = ex.major_cycles;
  out.exact_minor_cycles = ex.minor_cycles;
  out.exact_candidates = ex.candidates;
  out.exact_unresolved = static_cast<long>(ex.unresolved.size());

  // Margins: double everywhere, Real50 near the support threshold (the certified band of
  // svm_detail::certification_band).
  auto t_cert = clock::now();
  const Eigen::VectorXd wd = w50.unaryExpr([](const Real50& v) { return static_cast<double>(v); });
  const Eigen::VectorXd md = all_margins(data, aug, wd);
  const double cand_level = 1.0 + options.support_tol + certification_band(D, max_norm, wd.norm());
  std::vector<Eigen::Index> candidates;
  std::vector<Real50> cand_m;
  for (Eigen::Index i = 0; i < n; ++i) {
    if (md(i) <= cand_level) {
      candidates.push_back(i);
      cand_m.push_back(margin(i));
    }
  }
  seconds_certify += since(t_cert);
  auto t_evidence = clock::now();

  out.basis = basis;
  out.alpha = lam;
  out.w = w50.head(d);
  out.b = aug ? w50(d) : Real50(0);
  out.norm = sqrt(w50.squaredNorm());
  out.margin = Real50(1) / out.norm;
  out.norm_w = sqrt(out.w.squaredNorm());
  out.margin_w = Real50(1) / out.norm_w;

  // KKT evidence.
  Real50 primal = 0;
  for (std::size_t t = 0; t < basis.size(); ++t)
    primal = std::max(primal, Real50(abs(margin(basis[t]) - Real50(1))));
  out.kkt_primal_residual = primal;
  out.kkt_min_alpha = lam.minCoeff();
  if (large) {
    const Vec50 s = times_transpose(z_rows(data, aug, basis), lam);
    Real50 ss = 0;
    for (Eigen::Index j = 0; j < D; ++j) ss += (w50(j) - s(j)) * (w50(j) - s(j));
    out.kkt_stationarity = sqrt(ss);
  } else {
    Vec50 s = w50;
    for (std::size_t t = 0; t < basis.size(); ++t)
      s -= lam(static_cast<Eigen::Index>(t)) * row_z50(data, aug, basis[t]);
    out.kkt_stationarity = sqrt(s.squaredNorm());
  }
  out.seconds_kkt50 = seconds_kkt50 + since(t_evidence);
  out.seconds_certify = seconds_certify;

  // Support set and margins: S at tolerance, and the points on the margin to the certificate's
  // resolution (|m_i - 1| <= max(1e-40, the basis' primal residual)), of which the basis carries
  // the multipliers.
  out.margins = md;
  Real50 feas = std::numeric_limits<Real50>::max();
  const Real50 level = Real50(1) + Real50(options.support_tol);
  const Real50 on_margin_tol = std::max(kkt_tol, out.kkt_primal_residual);
  std::vector<char> in_s(static_cast<std::size_t>(n), 0);
  bool any_support = false;
  Real50 max_s = 0;
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    const Eigen::Index i = candidates[c];
    out.margins(i) = static_cast<double>(cand_m[c]);
    feas = std::min(feas, Real50(cand_m[c] - Real50(1)));
    if (abs(cand_m[c] - Real50(1)) <= on_margin_tol) ++out.on_margin_count;
    if (cand_m[c] <= level) {
      in_s[static_cast<std::size_t>(i)] = 1;
      (data.y(i) > 0 ? out.support_plus : out.support_minus).push_back(i);
      max_s = any_support ? std::max(max_s, cand_m[c]) : cand_m[c];
      any_support = true;
    }
  }
  out.max_support_margin = max_s;
  bool any_nonsupport = false;
  Real50 min_ns = std::numeric_limits<Real50>::max();
  for (std::size_t c = 0; c < candidates.size(); ++c) {
    if (!in_s[static_cast<std::size_t>(candidates[c])]) {
      min_ns = std::min(min_ns, cand_m[c]);
      any_nonsupport = true;
    }
  }
  out.min_nonsupport_margin_exact = any_nonsupport;
  // Points above the band: their double margins (min in double, one conversion).
  double far_min = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < n; ++i)
    if (!in_s[static_cast<std::size_t>(i)] && md(i) > cand_level)
      far_min = std::min(far_min, md(i));
  if (far_min < std::numeric_limits<double>::infinity()) {
    if (!any_nonsupport || Real50(far_min) < min_ns) {
      min_ns = Real50(far_min);
      out.min_nonsupport_margin_exact = false;
    }
    feas = std::min(feas, Real50(far_min - 1.0));
    any_nonsupport = true;
  }
  out.all_points_support = !any_nonsupport;
  out.min_nonsupport_margin = any_nonsupport ? min_ns : Real50(0);
  out.kkt_feasibility = feas;
  return out;
}

}  // namespace lingrok
