// The paper's bias constants, Theorem 4.5 (docs/theory.md#bias-constants), evaluated at the
// late-time limit w̃:
//     A+ = Σ_{s∈S+} exp(-x_s·w̃),   A- = Σ_{s∈S-} exp(x_s·w̃),
//     δ = sqrt(A-/A+),   b∞ = -log δ,   k = sqrt(A+ A-),
// and lingrok's characteristic time T_c = exp(-ŵ·w̃ / ||ŵ||²), the time after which
// w(t) ≈ ŵ log t + w̃ is accurate (the log t term dominates the offset along ŵ).
// Identity (checked, not assumed): at the minimiser of F, Σ α_s y_s = 0 gives
// e^{-b̃} A+ = e^{b̃} A-, i.e. b∞ = ½ log(A+/A-) = b̃.
// δ, k and b∞ come from closed_form.hpp (the one place that defines them).
// Assumptions: both S+ and S- non-empty (otherwise δ is 0 or ∞ and there is no b∞).
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

#include "theory/bias/closed_form.hpp"

namespace lingrok {

template <class T>
struct BiasConstants {
  T A_plus;
  T A_minus;
  T delta;
  T b_inf;
  T k;
  T T_c;
  T log_T_c;  // -ŵ·w̃ / ||ŵ||² (T_c itself may be astronomically large or small)
};

// X_S: support points (rows), y_S: their labels; ŵ, w̃ of length d.
template <class T>
BiasConstants<T> bias_constants(const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& X_S,
                                const Eigen::Matrix<T, Eigen::Dynamic, 1>& y_S,
                                const Eigen::Matrix<T, Eigen::Dynamic, 1>& w_hat,
                                const Eigen::Matrix<T, Eigen::Dynamic, 1>& w_tilde) {
  using std::exp;
  BiasConstants<T> out;
  BiasOdeParams<T> p{T(0), T(0), T(1), T(1), T(0)};
  for (Eigen::Index s = 0; s < X_S.rows(); ++s) {
    T f = 0;
    for (Eigen::Index j = 0; j < X_S.cols(); ++j) f += X_S(s, j) * w_tilde(j);
    if (y_S(s) > T(0))
      p.A_plus += exp(-f);
    else
      p.A_minus += exp(f);
  }
  if (!(p.A_plus > T(0)) || !(p.A_minus > T(0)))
    throw std::invalid_argument(
        "bias constants need support vectors of both classes (A+ and A- must be > 0)");
  out.A_plus = p.A_plus;
  out.A_minus = p.A_minus;
  out.delta = bias_delta(p);
  out.k = bias_k(p);
  out.b_inf = bias_limit(p);
  out.log_T_c = -w_hat.dot(w_tilde) / w_hat.squaredNorm();
  out.T_c = exp(out.log_T_c);
  return out;
}

}  // namespace lingrok
