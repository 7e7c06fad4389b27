// The training objective of docs/conventions.md#model, generic over the scalar type T:
//     L(w, b) = Σ_i ℓ(z_i)   (reduction = sum, the paper's form)   or  (1/N) Σ_i ℓ(z_i) (mean),
//     z_i = y_i (w·x_i + b),  q_i = -ℓ'(z_i),
//     ∇_w L = -Σ q_i y_i x_i,  ∂_b L = -Σ q_i y_i   (divided by N for mean).
// ℓ_log(z) = log(1 + e^{-z}) (default) and ℓ_exp(z) = e^{-z}.
// Evaluated without overflow for any finite z: for the logistic loss the exponential is only
// ever taken of -|z|, so |z| up to 1e300 is safe. (The exponential loss itself is e^{-z} and
// overflows to +inf for z < -709 in double: that is its value, not a rounding accident.)
// This is the plain reference computation; the fast GD path (numerics/gd) must agree with it.
#pragma once

#include <Eigen/Dense>
#include <boost/math/special_functions/log1p.hpp>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lingrok {

enum class Loss { logistic, exponential };
enum class Reduction { sum, mean };

inline Loss parse_loss(const std::string& s) {
  if (s == "logistic" || s == "log") return Loss::logistic;
  if (s == "exponential" || s == "exp") return Loss::exponential;
  throw std::invalid_argument("loss must be \"logistic\" or \"exponential\", not \"" + s + "\"");
}
inline Reduction parse_reduction(const std::string& s) {
  if (s == "sum") return Reduction::sum;
  if (s == "mean") return Reduction::mean;
  throw std::invalid_argument("reduction must be \"sum\" or \"mean\", not \"" + s + "\"");
}
inline const char* to_string(Loss l) { return l == Loss::logistic ? "logistic" : "exponential"; }
inline const char* to_string(Reduction r) { return r == Reduction::sum ? "sum" : "mean"; }

// ℓ(z).
template <class T>
T loss_value(Loss loss, const T& z) {
  using std::exp;
  if (loss == Loss::exponential) return exp(-z);
  // log(1+e^{-z}) = max(-z, 0) + log1p(e^{-|z|}).
  const T m = z < T(0) ? T(-z) : T(0);
  const T e = exp(z < T(0) ? T(z) : T(-z));
  return m + boost::math::log1p(e);
}

// q = -ℓ'(z): 1/(1+e^{z}) for the logistic loss, e^{-z} for the exponential loss.
template <class T>
T loss_weight(Loss loss, const T& z) {
  using std::exp;
  if (loss == Loss::exponential) return exp(-z);
  if (z >= T(0)) {
    const T e = exp(-z);
    return e / (T(1) + e);
  }
  return T(1) / (T(1) + exp(z));
}

template <class T>
struct LossAndGradient {
  T loss;
  Eigen::Matrix<T, Eigen::Dynamic, 1> grad_w;
  T grad_b;
};

// L and ∇L at (w, b) on data X (N x d, any storage order) with labels y in {-1, +1}.
template <class T, class MatrixX>
LossAndGradient<T> loss_and_gradient(const MatrixX& X, const Eigen::Matrix<T, Eigen::Dynamic, 1>& y,
                                     const Eigen::Matrix<T, Eigen::Dynamic, 1>& w, const T& b,
                                     Loss loss, Reduction reduction) {
  const Eigen::Index n = X.rows();
  LossAndGradient<T> out{T(0), Eigen::Matrix<T, Eigen::Dynamic, 1>::Zero(X.cols()), T(0)};
  for (Eigen::Index i = 0; i < n; ++i) {
    T f = b;
    for (Eigen::Index j = 0; j < X.cols(); ++j) f += T(X(i, j)) * w(j);
    const T z = y(i) * f;
    const T q = loss_weight(loss, z);
    out.loss += loss_value(loss, z);
    for (Eigen::Index j = 0; j < X.cols(); ++j) out.grad_w(j) -= q * y(i) * T(X(i, j));
    out.grad_b -= q * y(i);
  }
  if (reduction == Reduction::mean) {
    const T inv_n = T(1) / T(n);
    out.loss *= inv_n;
    out.grad_w *= inv_n;
    out.grad_b *= inv_n;
  }
  return out;
}

}  // namespace lingrok
