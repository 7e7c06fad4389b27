// The 50-digit KKT certificate of the max-margin separator (kkt_certificate.hpp).
#include "theory/svm/kkt_certificate.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "theory/svm/gram_refinement.hpp"
#include "theory/svm/mp_kernels.hpp"
#include "theory/svm/working_set.hpp"

namespace lingrok::svm_detail {

namespace {

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

}  // namespace

void certify_kkt(const Dataset& data, bool aug, const SvmOptions& options,
                 std::vector<Eigen::Index> basis, HardMarginSvm& out) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + (aug ? 1 : 0);
  using clock = std::chrono::steady_clock;
  auto since = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  const double max_norm = max_z_norm(data, aug);
  const Real50 kkt_tol("1e-40");
  // Large d: exact double basis rows and MPFR kernels (the small-d arithmetic is kept as it
  // was, so the d = 2 golden values are reproduced digit for digit).
  const bool large = D > 32;
  Vec50 w50, lam;
  auto margin = [&](Eigen::Index i) {
    return large ? margin50_fast(data, aug, w50, i) : margin50(data, aug, w50, i);
  };
  double seconds_kkt50 = out.seconds_kkt50, seconds_certify = 0;

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
}

}  // namespace lingrok::svm_detail
