// The late-time limit (w̃, b̃) = argmin F by damped Newton at 50 digits, Theorem 4.2
// (late_time_limit.hpp, docs/theory.md#late-time-limit).
#include "theory/late_time/late_time_limit.hpp"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

#include "core/scalar.hpp"

namespace lingrok {

namespace {

template <class T>
double to_double(const T& v) {
  return static_cast<double>(v);
}

std::string no_minimiser_message(double gnorm) {
  return "F has no finite minimiser: Newton stalls with gradient norm " + to_full_string(gnorm) +
         " (no α > 0 with Σ α_s y_s x_s = ŵ and Σ α_s y_s = 0: Assumption 3.1 fails or a "
         "support vector needs a zero multiplier)";
}

}  // namespace

template <class T>
LateTimeLimit<T> late_time_limit(const SupportObjective<T>& F, const LateTimeOptions& options) {
  using Vec = typename SupportObjective<T>::Vec;
  using Mat = typename SupportObjective<T>::Mat;
  using std::abs;
  using std::pow;
  using std::sqrt;
  LateTimeLimit<T> out;
  const Eigen::Index d = F.dim();
  const Eigen::Index ns = F.num_support();
  const Eigen::Index D = d + 1;
  if (ns == 0) {
    out.message = "the support set is empty";
    return out;
  }

  // Augmented support points x̃_s (rows), in T and in double.
  Mat xt(ns, D);
  xt.leftCols(d) = F.X();
  xt.col(d).setConstant(T(1));
  const Eigen::MatrixXd xtd = xt.unaryExpr([](const T& v) { return to_double(v); });

  // Row basis B of X̃_S: columns of X̃_Sᵀ chosen by column-pivoted QR.
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(xtd.transpose());
  qr.setThreshold(options.rank_tol);
  const Eigen::Index r = qr.rank();
  out.rank = static_cast<int>(r);
  out.flat_dimension = static_cast<int>(D - r);
  std::vector<Eigen::Index> basis(static_cast<std::size_t>(r));
  for (Eigen::Index t = 0; t < r; ++t)
    basis[static_cast<std::size_t>(t)] = qr.colsPermutation().indices()(t);
  // (ρ, β) = P c. Full rank: P = I. Otherwise P spans X̃_Bᵀ's columns: orthonormalised in T
  // (modified Gram-Schmidt, twice) when that is cheap, else X̃_Bᵀ itself — an ill-conditioned
  // P costs digits of (ρ, β) = P c.
  Mat P(D, r);
  if (r == D) {
    P = Mat::Identity(D, D);
  } else {
    for (Eigen::Index t = 0; t < r; ++t)
      P.col(t) = xt.row(basis[static_cast<std::size_t>(t)]).transpose();
    if (double(r) * double(r) * double(D) <= 2e7) {
      for (int pass = 0; pass < 2; ++pass) {
        for (Eigen::Index t = 0; t < r; ++t) {
          for (Eigen::Index u = 0; u < t; ++u) P.col(t) -= P.col(u).dot(P.col(t)) * P.col(u);
          P.col(t) /= sqrt(P.col(t).squaredNorm());
        }
      }
    }
  }
  const Eigen::MatrixXd Pd = P.unaryExpr([](const T& v) { return to_double(v); });
  const Eigen::MatrixXd K = Pd.transpose() * xtd.transpose();  // r x |S|: x̃_B·x̃_s

  const double work = double(ns) * double(D) * double(D);
  out.hessian_in_T = work <= options.hessian_work_in_T;

  auto theta_of = [&](const Vec& c) -> Vec { return P * c; };
  auto value_of = [&](const Vec& c) -> T {
    const Vec th = theta_of(c);
    return F.value(th.head(d), th(d));
  };

  Vec c = Vec::Zero(r);
  T fval = value_of(c);
  const T wscale = sqrt(F.w_hat().squaredNorm()) + T(1);
  const T target = T(std::numeric_limits<T>::epsilon()) * T(1000) * wscale;
  const T eps = std::numeric_limits<T>::epsilon();
  const T accept = pow(eps, T(0.75)) * wscale;  // converged if |∇F| below this at the floor
  T best_g = std::numeric_limits<T>::max();
  int no_progress = 0;
  int settle = 0;
  for (int it = 0; it < options.max_iterations; ++it) {
    out.iterations = it + 1;
    const Vec th = theta_of(c);
    const Vec g = F.gradient(th.head(d), th(d));
    const T gnorm = sqrt(g.squaredNorm());
    if (!(gnorm == gnorm)) {
      out.message = "NaN in the gradient";
      break;
    }
    if (gnorm <= target) {
      out.converged = true;
      break;
    }
    if (gnorm < best_g * T(0.9)) {
      best_g = gnorm;
      no_progress = 0;
    } else if (++no_progress >= 30) {
      // Rounding floor of T reached; accept if the gradient is tiny relative to ŵ.
      out.converged = gnorm <= accept;
      if (!out.converged) out.message = no_minimiser_message(to_double(gnorm));
      break;
    }
    const Vec gc = P.transpose() * g;
    Vec dc(r);
    if (out.hessian_in_T) {
      const Mat Hc = P.transpose() * F.hessian(th.head(d), th(d)) * P;
      Eigen::LDLT<Mat> ldlt(Hc);
      dc = -ldlt.solve(gc);
    } else {
      const Vec e = F.exponentials(th.head(d), th(d));
      Eigen::VectorXd a(ns);
      for (Eigen::Index s = 0; s < ns; ++s) a(s) = to_double(F.eta() * e(s));
      const Eigen::MatrixXd Hc = K * a.asDiagonal() * K.transpose();
      Eigen::LDLT<Eigen::MatrixXd> ldlt(Hc);
      const Eigen::VectorXd gcd = gc.unaryExpr([](const T& v) { return to_double(v); });
      const Eigen::VectorXd dcd = -ldlt.solve(gcd);
      for (Eigen::Index t = 0; t < r; ++t) dc(t) = T(dcd(t));
    }
    const T dec2 = -gc.dot(dc);  // Newton decrement squared
    if (std::getenv("LINGROK_DEBUG_NEWTON"))
      std::fprintf(stderr, "newton %d |g| %.3e dec2 %.3e F %.17g\n", it, to_double(gnorm),
                   to_double(dec2), to_double(fval));
    // Inside span{x̃_s} Newton is in its quadratic regime once the decrement is at F's
    // rounding level; a few more steps reach the rounding floor of the gradient (which for
    // large ||w̃|| is ~ eps ||w̃|| ||∇²F||, above eps ||ŵ||). If the full gradient is not small
    // then, its part outside the span cannot be removed: F has no minimiser.
    if (dec2 <= eps * (T(1) + abs(fval)) && ++settle >= 3) {
      out.converged = gnorm <= accept;
      if (!out.converged) out.message = no_minimiser_message(to_double(gnorm));
      break;
    }
    T step = 1;
    const bool far = to_double(dec2) > 1e-10 * std::max(1.0, std::abs(to_double(fval)));
    if (far) {
      // Armijo backtracking on F.
      for (int ls = 0; ls < 60; ++ls) {
        const Vec cn = c + step * dc;
        const T fn = value_of(cn);
        if (fn == fn && fn <= fval - T(0.25) * step * dec2) break;
        step /= 2;
      }
    }
    c += step * dc;
    fval = value_of(c);
    const T cn = sqrt(c.squaredNorm());
    if (!(cn < T(1e30))) {
      out.message =
          "F has no finite minimiser (the iterate diverges): Assumption 3.1 fails or a support "
          "vector has a zero multiplier";
      break;
    }
  }
  if (!out.converged && out.message.empty())
    out.message =
        "Newton did not converge in " + std::to_string(options.max_iterations) + " iterations";

  const Vec th = theta_of(c);
  out.w_tilde = th.head(d);
  out.b_tilde = th(d);
  out.alpha = F.dual(out.w_tilde, out.b_tilde);
  out.value = F.value(out.w_tilde, out.b_tilde);
  Vec rw = -F.w_hat();
  T rb = 0;
  for (Eigen::Index s = 0; s < ns; ++s) {
    const T a = out.alpha(s) * F.y()(s);
    rw += a * F.X().row(s).transpose();
    rb += a;
  }
  out.residual_w = sqrt(rw.squaredNorm());
  out.residual_b = abs(rb);
  return out;
}

template LateTimeLimit<double> late_time_limit<double>(const SupportObjective<double>&,
                                                       const LateTimeOptions&);
template LateTimeLimit<Real50> late_time_limit<Real50>(const SupportObjective<Real50>&,
                                                       const LateTimeOptions&);

}  // namespace lingrok
