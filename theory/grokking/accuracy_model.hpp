// Accuracy on the concentrated test set P_conc(α) when the hyperplane is parallel to w_true
// at distance D from the origin, docs/theory.md#grokking-time (the paper's accuracy model behind
// Theorem 4.6).
//
// Model (p = w_true·x assumed uniformly distributed on the band γ/2 < |p| <= αγ):
//     Q(D) = 1 - (D - γ/2) / (2(αγ - γ/2)),  clipped to [1/2, 1].
// Exact for lingrok's generator (docs/data.md: x uniform in [-a,a]^d, class +1 on γ/2 < p <= αγ,
// class -1 mirrored, equal class sizes): with the boundary at p* = ±D only one class loses
// points, those with γ/2 < |p| <= min(D, αγ), so
//     Q_exact(D) = 1 - ½ P(γ/2 < p <= min(D, αγ)) / P(γ/2 < p <= αγ)   (D > γ/2; else 1).
// P(lo < p <= hi) is computed from the law of S = Σ_j x_j = √d p:
//   d = 1, 2: closed forms (uniform, triangular);
//   3 <= d <= 60: the Irwin–Hall CDF (1/d!) Σ_k (-1)^k C(d,k) (u-k)^d in Real50 (the
//      alternating sum cancels up to ~24 digits at d = 60, leaving > 20);
//   d > 60: Fourier inversion P = (1/π) ∫_0^∞ φ(t) (sin t s_hi - sin t s_lo)/t dt with
//      φ(t) = (sin at / at)^d, integrated (Gauss–Kronrod, double) over the first lobe
//      [0, π/a]; the rest is bounded by (s_hi - s_lo) π^{-d} / (a(d-1)) (|sinc| <= 1/(at)),
//      reported as `error_bound` (< 1e-30 relative for d > 60); the lobe is cut where
//      |φ| <= exp(-d(at)²/6) falls below 1e-40.
#pragma once

#include <algorithm>
#include <string>

namespace lingrok {

template <class T>
T accuracy_model(const T& D, const T& gamma, const T& alpha) {
  const T q = T(1) - (D - gamma / T(2)) / (T(2) * (alpha * gamma - gamma / T(2)));
  if (q > T(1)) return T(1);
  if (q < T(0.5)) return T(0.5);
  return q;
}

class ConcentratedAccuracy {
 public:
  // d: dimension, box: a, gamma: γ, alpha: α (> 1/2).
  ConcentratedAccuracy(int d, double box, double gamma, double alpha);

  // P(lo < p <= hi) for p = w_true·x, x uniform in [-a, a]^d.
  double probability(double lo, double hi) const;
  // Q_exact(D).
  double accuracy(double D) const;
  // The D in (γ/2, αγ) with Q_exact(D) = q (bisection), for q in (1/2, 1).
  double distance_for_accuracy(double q) const;
  // max |Q_exact - Q_model| over a grid of `points` distances in [γ/2, αγ].
  double max_model_error(int points = 201) const;

  const std::string& method() const { return method_; }
  double error_bound() const { return error_bound_; }  // on probability(), absolute

 private:
  int d_;
  double a_, gamma_, alpha_;
  double band_;  // P(γ/2 < p <= αγ)
  std::string method_;
  double error_bound_ = 0;
};

}  // namespace lingrok
