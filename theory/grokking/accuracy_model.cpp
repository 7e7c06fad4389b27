// The accuracy model Q(D) and the exact Q of lingrok's generator on P_conc(α) (accuracy_model.hpp,
// docs/theory.md#accuracy-model).
#include "theory/grokking/accuracy_model.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>

#include "core/error.hpp"
#include "core/scalar.hpp"

namespace lingrok {

namespace {

// Irwin–Hall CDF of the sum of d uniforms on [0, 1], at u (Real50).
Real50 irwin_hall_cdf(int d, const Real50& u) {
  if (u <= 0) return Real50(0);
  if (u >= d) return Real50(1);
  Real50 sum = 0;
  Real50 binom = 1;  // C(d, k)
  for (int k = 0; k <= d && Real50(k) < u; ++k) {
    const Real50 term = binom * pow(u - k, d);
    sum += (k % 2 == 0) ? term : Real50(-term);
    binom = binom * (d - k) / (k + 1);
  }
  Real50 fact = 1;
  for (int k = 2; k <= d; ++k) fact *= k;
  return sum / fact;
}

}  // namespace

ConcentratedAccuracy::ConcentratedAccuracy(int d, double box, double gamma, double alpha)
    : d_(d), a_(box), gamma_(gamma), alpha_(alpha) {
  if (d < 1) throw InputError("accuracy model: dimension must be >= 1");
  if (!(box > 0)) throw InputError("accuracy model: box half-width a must be > 0");
  if (!(gamma > 0)) throw InputError("gamma must be > 0 (the generator's margin parameter)");
  if (!(alpha > 0.5))
    throw InputError("alpha must be > 1/2 (the concentrated band is γ/2 < |p| <= αγ)");
  if (d <= 2)
    method_ = "closed form";
  else if (d <= 60)
    method_ = "Irwin-Hall CDF in 50 digits";
  else
    method_ = "Fourier inversion of (sin at/at)^d over the first lobe, Gauss-Kronrod";
  band_ = probability(gamma / 2, alpha * gamma);
  if (d > 60) {
    const double pi = boost::math::constants::pi<double>();
    const double sd = std::sqrt(double(d));
    // Tail beyond the first lobe, plus the part of the lobe where |φ| < 1e-40.
    const double width = sd * (alpha * gamma - gamma / 2);
    error_bound_ = width / pi * (std::pow(pi, 1.0 - d) / (a_ * (d - 1)) + 1e-40 * pi / a_);
  }
}

double ConcentratedAccuracy::probability(double lo, double hi) const {
  if (!(hi > lo)) return 0.0;
  const double sd = std::sqrt(double(d_));
  const double s_lo = sd * lo, s_hi = sd * hi;  // S = √d p
  const double a = a_;
  if (d_ == 1) {
    auto cdf = [&](double s) { return std::clamp((s + a) / (2 * a), 0.0, 1.0); };
    return cdf(s_hi) - cdf(s_lo);
  }
  if (d_ == 2) {
    // Triangular density (2a - |s|)/(4a²) on [-2a, 2a].
    auto cdf = [&](double s) {
      s = std::clamp(s, -2 * a, 2 * a);
      if (s <= 0) return (2 * a + s) * (2 * a + s) / (8 * a * a);
      return 1.0 - (2 * a - s) * (2 * a - s) / (8 * a * a);
    };
    // Difference computed without cancellation when both ends are on one side of 0.
    if (s_lo >= 0)
      return ((2 * a - s_lo) * (2 * a - s_lo) -
              (2 * a - std::min(s_hi, 2 * a)) * (2 * a - std::min(s_hi, 2 * a))) /
             (8 * a * a);
    return cdf(s_hi) - cdf(s_lo);
  }
  if (d_ <= 60) {
    // Σ x_j = 2a U - d a with U Irwin–Hall: u = (s + d a)/(2a).
    const Real50 two_a = Real50(2) * Real50(a);
    const Real50 ulo = (Real50(sd) * Real50(lo) + Real50(d_) * Real50(a)) / two_a;
    const Real50 uhi = (Real50(sd) * Real50(hi) + Real50(d_) * Real50(a)) / two_a;
    return static_cast<double>(irwin_hall_cdf(d_, uhi) - irwin_hall_cdf(d_, ulo));
  }
  const double pi = boost::math::constants::pi<double>();
  auto f = [&](double t) {
    if (t == 0) return s_hi - s_lo;
    const double at = a * t;
    return std::pow(std::sin(at) / at, d_) * (std::sin(t * s_hi) - std::sin(t * s_lo)) / t;
  };
  // |φ(t)| <= exp(-d (at)² / 6) on the first lobe, < 1e-40 beyond t* = sqrt(6·92/d)/a.
  const double t_end = std::min(pi / a, std::sqrt(6.0 * 92.0 / d_) / a);
  double err = 0;
  const double v =
      boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, 0.0, t_end, 12, 1e-13, &err);
  return v / pi;
}

double ConcentratedAccuracy::accuracy(double D) const {
  if (D <= gamma_ / 2) return 1.0;
  const double hi = std::min(D, alpha_ * gamma_);
  return 1.0 - 0.5 * probability(gamma_ / 2, hi) / band_;
}

double ConcentratedAccuracy::distance_for_accuracy(double q) const {
  double lo = gamma_ / 2, hi = alpha_ * gamma_;
  for (int it = 0; it < 200 && hi - lo > 1e-17 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (accuracy(mid) >= q ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double ConcentratedAccuracy::max_model_error(int points) const {
  double worst = 0;
  for (int k = 0; k < points; ++k) {
    const double D = gamma_ / 2 + (alpha_ * gamma_ - gamma_ / 2) * k / (points - 1);
    worst = std::max(worst, std::abs(accuracy(D) - accuracy_model(D, gamma_, alpha_)));
  }
  return worst;
}

}  // namespace lingrok
