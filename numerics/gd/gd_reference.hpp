// The reference gradient descent of docs/numerics.md#gd-engine: the plain iteration
//     (w, b) <- (w, b) - η ∇L(w, b)
// over any scalar type T (double, long double, __float128, Real50), with ∇L from
// data/loss/loss.hpp (every point, every step, no shortcut). The fast path (GdEngine) is
// tested against it; in double it is "the plain double computation" of docs/numerics.md#gd-engine.
#pragma once

#include <Eigen/Dense>
#include <functional>

#include "data/dataset.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

template <class T>
using VectorT = Eigen::Matrix<T, Eigen::Dynamic, 1>;

template <class T>
struct ReferenceGdState {
  long long t = 0;
  VectorT<T> w;
  T b = T(0);
};

// One GD step in T. Data are converted from double exactly (every double is representable in
// the wider types).
template <class T>
void reference_gd_step(const RowMatrix& X, const VectorT<T>& y, const T& eta, Loss loss,
                       Reduction reduction, ReferenceGdState<T>& s) {
  const auto g = loss_and_gradient<T>(X, y, s.w, s.b, loss, reduction);
  for (Eigen::Index j = 0; j < s.w.size(); ++j) s.w(j) = s.w(j) - eta * g.grad_w(j);
  s.b = s.b - eta * g.grad_b;
  ++s.t;
}

// The state at t = 0: (w0, b0), or w = 0 when w0 does not have the data's dimension.
template <class T>
ReferenceGdState<T> reference_gd_start(const Dataset& train, const Eigen::VectorXd& w0, double b0) {
  ReferenceGdState<T> s;
  s.w = VectorT<T>::Zero(train.dim());
  if (w0.size() == train.dim()) {
    for (int j = 0; j < train.dim(); ++j) s.w(j) = T(w0(j));
  }
  s.b = T(b0);
  return s;
}

// Runs `steps` steps from (w0, b0) (empty w0: zero); calls `observe(state)` after every step
// (and once at t = 0) so that tests can compare at any step they like.
template <class T>
ReferenceGdState<T> run_reference_gd(
    const Dataset& train, const T& eta, long long steps, Loss loss, Reduction reduction,
    const Eigen::VectorXd& w0 = {}, double b0 = 0.0,
    const std::function<void(const ReferenceGdState<T>&)>& observe = {}) {
  VectorT<T> y(train.size());
  for (Eigen::Index i = 0; i < train.size(); ++i) y(i) = T(train.y(i));
  ReferenceGdState<T> s = reference_gd_start<T>(train, w0, b0);
  if (observe) observe(s);
  for (long long k = 0; k < steps; ++k) {
    reference_gd_step<T>(train.X, y, eta, loss, reduction, s);
    if (observe) observe(s);
  }
  return s;
}

}  // namespace lingrok
