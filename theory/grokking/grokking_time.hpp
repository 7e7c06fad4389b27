// Predicted grokking times, docs/theory.md#grokking-time (the paper's Theorem 4.6 and Remark 4.7).
// With ℓ(ε) = 1 + 2ε(2α - 1), the test accuracy on P_conc(α) reaches 1 - ε once the distance
// of the hyperplane from the origin D(t) = |b(t)| / ||w(t)|| falls below (γ/2) ℓ(ε) (the
// accuracy model Q(D), accuracy_model.hpp). Predictions of T_te(ε), in GD steps:
//   1. bounds   exp(-γB/2 + |log δ|/ℓ(ε))  <=  T_te(ε)  <=  exp(+γB/2 + |log δ|/ℓ(ε)),
//      B = sup_t ||ρ(t)||, here B_lim = ||w̃|| (B_obs comes from a GD run);
//   2. small-γ estimate  exp(|log δ| / ℓ(ε));
//   3. refined: the T solving |b∞| / ||ŵ log T + w̃|| = (γ/2) ℓ(ε), i.e. the larger root
//      L = log T of ||ŵ||² L² + 2 ŵ·w̃ L + ||w̃||² - (|b∞| / ((γ/2) ℓ))² = 0.
// T_tr bound (Remark 4.7): the same formulas with α replaced by R/γ, R = max ||x_i||.
// Assumptions: Theorem 4.6's — late-time regime, hyperplane ∥ w_true; ε ∈ (0,1), α > 1/2.
// Everything is returned as log T as well, since T overflows any double for small ε.
#pragma once

#include <cmath>
#include <limits>
#include <stdexcept>

namespace lingrok {

template <class T>
T grokking_level(const T& epsilon, const T& alpha) {
  return T(1) + T(2) * epsilon * (T(2) * alpha - T(1));
}

template <class T>
struct TimePrediction {
  T log_lower;        // log of the Theorem 4.6 lower bound (B = B_lim)
  T log_upper;        // log of the upper bound
  T log_small_gamma;  // log of the small-γ estimate
  T log_refined;      // log of the refined prediction (NaN if D never exceeds the level)
};

// |log δ| = |b∞|; B the bound on ||ρ(t)||; ŵ·ŵ, ŵ·w̃, w̃·w̃ for the refined prediction.
template <class T>
TimePrediction<T> predict_time(const T& epsilon, const T& alpha, const T& gamma,
                               const T& abs_log_delta, const T& B, const T& ww, const T& wwt,
                               const T& wtwt) {
  using std::sqrt;
  if (!(epsilon > T(0) && epsilon < T(1)))
    throw std::invalid_argument("epsilon must lie in (0, 1)");
  if (!(alpha > T(0.5))) throw std::invalid_argument("alpha must be > 1/2");
  if (!(gamma > T(0))) throw std::invalid_argument("gamma must be > 0");
  const T lev = grokking_level(epsilon, alpha);
  TimePrediction<T> out;
  out.log_small_gamma = abs_log_delta / lev;
  out.log_lower = -gamma * B / T(2) + out.log_small_gamma;
  out.log_upper = gamma * B / T(2) + out.log_small_gamma;
  const T radius = abs_log_delta / (gamma / T(2) * lev);  // ||w|| needed
  const T disc = wwt * wwt - ww * (wtwt - radius * radius);
  out.log_refined =
      disc >= T(0) ? T((-wwt + sqrt(disc)) / ww) : T(std::numeric_limits<double>::quiet_NaN());
  return out;
}

}  // namespace lingrok
