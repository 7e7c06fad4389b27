// Stage 1 of the max-margin solver for large N (theory/svm/hard_margin_svm.hpp,
// docs/theory.md#max-margin-separator, the paper's eq. (7)): the Goldfarb–Idnani dual
// active-set method (Goldfarb & Idnani 1983) for min ½||w||² s.t. z_i·w >= 1 (Hessian I), on a
// working set with partial pricing; u* = ŵ/||ŵ||² is the min-norm point of conv{z_i}.
#include <Eigen/Jacobi>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok {

namespace {

using namespace svm_detail;  // working_set.hpp: the points z_i, margins, the working set

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
  const SolverScale scale = solver_scale(data, augmented, options.batch);
  const Eigen::Index n = scale.n, D = scale.D, batch = scale.batch;
  const double max_norm = scale.max_norm;
  const double eps = std::numeric_limits<double>::epsilon();

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

}  // namespace lingrok
