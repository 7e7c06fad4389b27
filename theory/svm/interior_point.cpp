// Stage 1 of the max-margin solver for large N (see hard_margin_svm.hpp): a primal-dual
// interior-point method on a working set, which identifies the support set for the exact
// stage. It replaces the Goldfarb–Idnani method there because that method changes its active
// set some 100 times per support vector on the paper's d = 1024 data (each change O(D²)),
// while an interior-point iteration costs one reduced Newton matrix and one Cholesky factor.
//
// The problem on the working set W (rows z_t of zw):
//     min ½||w||²  s.t.  Z w - s = 1,  s >= 0,   multipliers λ >= 0,
// with KKT conditions  w = Zᵀλ,  Z w - s = 1,  λ∘s = 0.  Newton's step on the perturbed
// conditions λ∘s = σμ (μ = λᵀs / m) eliminates Δs and Δλ:
//     (I + Zᵀ Θ Z) Δw = -r_d - Zᵀ S⁻¹ (r_c + Λ r_p),   Θ = Λ S⁻¹,
//     Δs = Z Δw + r_p,   Δλ = -S⁻¹ (r_c + Λ Δs),
// with r_d = w - Zᵀλ, r_p = Z w - s - 1, r_c = λ∘s - σμ. Steps follow Mehrotra's
// predictor-corrector rule (Nocedal & Wright 2006, §16.6; Wright 1997, ch. 10). Only the rows
// with the 2D largest Θ (and any within a factor 2 of the 2D-th) enter I + ZᵀΘZ (constraint
// reduction, as Jung, O'Leary & Tits 2008 do for SVM training): the others are far from active
// and barely bend the Newton direction, and the residuals are always computed on all of W, so
// this slows convergence at worst, it does not move the solution.
//
// Cutting planes: after a solve on W, one pass over all N points adds the most violated ones
// to W, and W is solved again, from a centred point at the previous w when W grew by less than
// a fifth (else from the cold start). Intermediate solves stop at a relative gap of 1e-3
// (enough to find the violators); the last one continues to 1e-11, where λ_t > s_t separates
// the support set from the rest by many orders of magnitude. The exact stage then certifies
// the result (or corrects it, one point at a time). A solve that fails (no descent, no
// convergence in 100 iterations: for example data that are not separable) returns
// `converged = false`, and the caller falls back to the active-set method, which is exact about
// separability.
//
// When: the cost is some 100 iterations of O(D³ + |W| D) whatever N is, against the active-set
// method's O(D²) per change, with changes growing with N. At d = 1024 the two took about as
// long at N = 10^5 (throwaway timing); at N = 10^6 the double stages took 29-32 s (eq. 7) and
// 32-42 s (bias-free) side by side, against 45 s and 58 s for the active-set method on the same
// day (bench/theory_bench.cpp). Hence `automatic` uses it for N > 100 (D + 1) and D >= 128.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/error.hpp"
#include "theory/gram_kernel.hpp"
#include "theory/svm/hard_margin_svm.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok {

namespace {

using svm_detail::RowMatrixXd;

struct IpmState {
  Eigen::VectorXd w, s, lambda;
  int iterations = 0;  // all solves together
  double gap = 0;      // λᵀs / max(1, ||w||²)
};

// I + Σ_{t ∈ rows} θ_t z_t z_tᵀ.
Eigen::MatrixXd newton_matrix(const RowMatrixXd& zw, const std::vector<Eigen::Index>& rows,
                              const Eigen::VectorXd& theta) {
  const Eigen::Index D = zw.cols();
  Eigen::MatrixXd h = Eigen::MatrixXd::Identity(D, D);
  if (!cpu_has_avx_fma()) {
    RowMatrixXd a(static_cast<Eigen::Index>(rows.size()), D);
    for (std::size_t k = 0; k < rows.size(); ++k)
      a.row(static_cast<Eigen::Index>(k)) = std::sqrt(theta(rows[k])) * zw.row(rows[k]);
    h.selfadjointView<Eigen::Lower>().rankUpdate(a.transpose());
    h.triangularView<Eigen::StrictlyUpper>() = h.transpose();
    return h;
  }
  const Eigen::Index dp = (D + 7) / 8 * 8;
  const Eigen::Index np = dp / 8;
  const auto nr = static_cast<Eigen::Index>(rows.size());
  std::vector<double> c(static_cast<std::size_t>(dp * dp), 0.0);
  std::vector<double> pack(static_cast<std::size_t>(kGramBlock * dp));
  for (Eigen::Index k0 = 0; k0 < nr; k0 += kGramBlock) {
    const Eigen::Index m = std::min(kGramBlock, nr - k0);
    for (Eigen::Index k = 0; k < m; ++k) {
      const Eigen::Index t = rows[static_cast<std::size_t>(k0 + k)];
      const double f = std::sqrt(theta(t));
      const double* src = zw.data() + t * D;
      for (Eigen::Index p = 0; p < np; ++p) {
        double* dst = pack.data() + gram_pack_index(p, k, 0);
        for (Eigen::Index col = 8 * p; col < 8 * p + 8; ++col)
          dst[col - 8 * p] = col < D ? f * src[col] : 0.0;
      }
    }
    add_gram_packed_avx(pack.data(), m, dp, c.data());
  }
  for (Eigen::Index i = 0; i < D; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      const double v = c[static_cast<std::size_t>(i * dp + j)];
      h(i, j) += v;
      if (j < i) h(j, i) += v;
    }
  return h;
}

// Largest step in (0, 1] keeping v + a dv >= 0.
double max_step(const Eigen::VectorXd& v, const Eigen::VectorXd& dv) {
  double a = 1.0;
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (dv(i) < 0) a = std::min(a, -v(i) / dv(i));
  return a;
}

// Mehrotra's predictor-corrector iterations from st until the relative gap is below gap_tol and
// the residuals below 10 gap_tol (at least 1e-9, 1e-7 for r_d); false if it stalls or runs out
// of iterations.
bool ipm_solve(const RowMatrixXd& zw, IpmState& st, double gap_tol) {
  const Eigen::Index m = zw.rows(), D = zw.cols();
  const Eigen::Index q = 2 * D;  // rows in the reduced Newton matrix
  const double ftol = std::max(1e-9, 10 * gap_tol);
  Eigen::VectorXd& w = st.w;
  Eigen::VectorXd& s = st.s;
  Eigen::VectorXd& lam = st.lambda;
  std::vector<Eigen::Index> rows(static_cast<std::size_t>(m));
  for (int it = 0; it < 100; ++it) {
    const Eigen::VectorXd rd = w - zw.transpose() * lam;
    const Eigen::VectorXd rp = (zw * w).array() - s.array() - 1.0;
    const double mu = lam.dot(s) / double(m);
    st.gap = lam.dot(s) / std::max(1.0, w.squaredNorm());
    if (!std::isfinite(st.gap) || !std::isfinite(rd.squaredNorm())) return false;
    // r_d = w - Zᵀλ cannot go below the rounding of Zᵀλ (m terms of size ~||w||²/D), which
    // at the paper's scale is ~1e-9: its tolerance stays at 1e-7 or above.
    if (st.gap <= gap_tol && rp.cwiseAbs().maxCoeff() <= ftol &&
        rd.cwiseAbs().maxCoeff() <= std::max(1e-7, ftol) * (1.0 + w.cwiseAbs().maxCoeff()))
      return true;
    ++st.iterations;
    const Eigen::VectorXd theta = lam.cwiseQuotient(s);
    rows.resize(static_cast<std::size_t>(m));
    for (Eigen::Index t = 0; t < m; ++t) rows[static_cast<std::size_t>(t)] = t;
    if (m > q) {
      auto larger = [&](Eigen::Index a, Eigen::Index b) { return theta(a) > theta(b); };
      std::nth_element(rows.begin(), rows.begin() + q - 1, rows.end(), larger);
      // Rows whose Θ is within a factor 2 of the q-th largest stay as well: dropping rows as
      // heavy as the kept ones (all Θ = 1 at a cold start) would make the direction useless.
      const double floor = 0.5 * theta(rows[static_cast<std::size_t>(q - 1)]);
      const auto end = std::partition(rows.begin() + q, rows.end(),
                                      [&](Eigen::Index t) { return theta(t) >= floor; });
      rows.erase(end, rows.end());
      std::sort(rows.begin(), rows.end());  // the same sum for the same set, in any order
    }
    const Eigen::LLT<Eigen::MatrixXd> llt(newton_matrix(zw, rows, theta));
    if (llt.info() != Eigen::Success) return false;
    auto direction = [&](const Eigen::VectorXd& rc, Eigen::VectorXd& dw, Eigen::VectorXd& ds,
                         Eigen::VectorXd& dl) {
      const Eigen::VectorXd t = (rc + lam.cwiseProduct(rp)).cwiseQuotient(s);
      dw = llt.solve(-rd - zw.transpose() * t);
      ds = zw * dw + rp;
      dl = -(rc + lam.cwiseProduct(ds)).cwiseQuotient(s);
    };
    Eigen::VectorXd dw, ds, dl;
    // Predictor (affine scaling, σ = 0), then the centring parameter σ = (μ_aff / μ)³ and the
    // corrector with the second-order term Δλ_aff∘Δs_aff.
    direction(lam.cwiseProduct(s), dw, ds, dl);
    const double a_aff = std::min(max_step(s, ds), max_step(lam, dl));
    const double mu_aff = (s + a_aff * ds).dot(lam + a_aff * dl) / double(m);
    const double sigma = std::pow(mu_aff / mu, 3);
    direction((lam.cwiseProduct(s) + dl.cwiseProduct(ds)).array() - sigma * mu, dw, ds, dl);
    const double step = std::min(1.0, 0.995 * std::min(max_step(s, ds), max_step(lam, dl)));
    if (!(step > 1e-12)) return false;
    w += step * dw;
    s += step * ds;
    lam += step * dl;
  }
  return false;
}

}  // namespace

MinNormPoint interior_point_min_norm_point(const Dataset& data, bool augmented,
                                           const MinNormOptions& options) {
  using svm_detail::all_margins;
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + (augmented ? 1 : 0);
  if (n == 0) throw InputError("the training set is empty: it needs at least one point per class");
  const double eps = std::numeric_limits<double>::epsilon();
  const double max_norm = svm_detail::max_z_norm(data, augmented);
  const Eigen::Index batch = options.batch > 0 ? options.batch : 8 * (D + 1);

  std::vector<Eigen::Index> w_rows =
      svm_detail::smallest_margin_rows(data, augmented, options.working_set_min);
  std::vector<char> in_w(static_cast<std::size_t>(n), 0);
  for (auto r : w_rows) in_w[static_cast<std::size_t>(r)] = 1;
  RowMatrixXd zw = svm_detail::z_rows(data, augmented, w_rows);

  MinNormPoint out;
  out.method = "interior_point";
  IpmState st;
  auto cold_start = [&] {
    st.w = Eigen::VectorXd::Zero(D);
    st.s = Eigen::VectorXd::Ones(zw.rows());
    st.lambda = Eigen::VectorXd::Ones(zw.rows());
  };
  cold_start();
  bool last = false;  // solving to the final tolerance
  while (true) {
    if (!ipm_solve(zw, st, last ? 1e-11 : 1e-3)) {
      out.converged = false;
      out.iterations = st.iterations;
      return out;
    }
    ++out.full_passes;
    // Violation threshold: as in the active-set method, the rounding noise of z_i·w.
    const double tol = options.rel_tol + 32.0 * std::sqrt(double(D)) * eps * max_norm * st.w.norm();
    const Eigen::VectorXd mall = all_margins(data, augmented, st.w);
    std::vector<Eigen::Index> viol;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!in_w[static_cast<std::size_t>(i)] && mall(i) - 1.0 < -tol) viol.push_back(i);
    if (viol.empty()) {
      if (last) break;
      last = true;  // W is solved loosely and nothing outside violates: finish the solve
      continue;
    }
    last = false;
    const Eigen::Index old = zw.rows();
    svm_detail::grow_working_set(data, augmented, mall, batch, viol, zw, in_w, w_rows);
    const Eigen::Index m = zw.rows();
    if (5 * (m - old) >= old) {
      cold_start();
      continue;
    }
    // Centred restart at the current w: s_t = max(z_t·w - 1, c), λ_t = μ0 / s_t, with c = 0.3
    // and μ0 = c ||w||²/D (λ of a support vector is ~||w||²/D at the solution, since
    // Σ λ = ||w||² when w = Zᵀλ and Zw = 1 on the support).
    const double c = 0.3;
    const double mu0 = c * st.w.squaredNorm() / double(D);
    const Eigen::VectorXd mw = zw * st.w;
    st.s.resize(m);
    st.lambda.resize(m);
    for (Eigen::Index t = 0; t < m; ++t) {
      st.s(t) = std::max(mw(t) - 1.0, c);
      st.lambda(t) = mu0 / st.s(t);
    }
  }
  out.iterations = st.iterations;
  out.working_set_size = zw.rows();
  const Eigen::VectorXd& w = st.w;
  out.origin_in_hull = !(w.norm() > 0);
  out.u = w / w.squaredNorm();  // min-norm point of conv{z_i}: ŵ / ||ŵ||²
  // The support set: λ_t > s_t (at the end λ_t s_t ~ 1e-11 ||w||²/m, with λ_t ~ ||w||²/D on
  // the support and s_t ~ 1 off it).
  double total = 0;
  std::vector<Eigen::Index> support;
  for (Eigen::Index t = 0; t < zw.rows(); ++t)
    if (st.lambda(t) > st.s(t)) {
      support.push_back(t);
      total += st.lambda(t);
    }
  out.weights.resize(static_cast<Eigen::Index>(support.size()));
  for (std::size_t k = 0; k < support.size(); ++k) {
    out.corral.push_back(w_rows[static_cast<std::size_t>(support[k])]);
    out.weights(static_cast<Eigen::Index>(k)) = st.lambda(support[k]) / total;
  }
  // More than D points, or none, cannot be the exact stage's basis: let the caller fall back.
  out.converged = !support.empty() && static_cast<Eigen::Index>(support.size()) <= D;
  return out;
}

}  // namespace lingrok
