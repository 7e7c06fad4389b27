// Closed-form late-time bias, Theorem 4.5 of Das, Vedantam, Lakshminarayanan (2026),
// in the form of docs/theory.md#closed-form-bias. Assumes the weights have reached w(t) = ŵ log t +
// w̃, so that the bias obeys
//     db/dt = (c/t) (A+ e^{-b} - A- e^{b}),   t >= t0,  b(t0) = b0,
// with c = η when t counts GD steps (lingrok's default) and c = 1 in the paper's
// continuous time. With δ = sqrt(A-/A+), k = sqrt(A+ A-), v0 = δ e^{b0}, g = 2ck log(t/t0):
//     b(t) = log( ((1+v0) e^g - (1-v0)) / ((1+v0) e^g + (1-v0)) ) - log δ.
// Writing r = (1-v0)/(1+v0) ∈ (-1, 1) this is
//     b(t) = -log δ - 2 artanh(r e^{-g}),
// which never cancels: |r e^{-g}| < 1 for every v0 > 0 and t >= t0, and artanh is evaluated
// as ½(log1p(u) - log1p(-u)), accurate for small u. At t = t0 it returns log v0 - log δ = b0;
// for large t, b - b∞ ≈ -2 r e^{-g} (docs/theory.md#closed-form-bias's late-time expansion).
#pragma once

#include <boost/math/special_functions/log1p.hpp>
#include <cmath>
#include <stdexcept>

namespace lingrok {

enum class TimeUnits { steps, flow };  // c = η (GD steps) or c = 1 (paper's flow time)

template <class T>
struct BiasOdeParams {
  T A_plus;   // Σ_{S+} exp(-x_s·w̃) > 0
  T A_minus;  // Σ_{S-} exp(x_s·w̃) > 0
  T c;        // η for TimeUnits::steps, 1 for TimeUnits::flow
  T t0;       // start time > 0
  T b0;       // b(t0)
};

template <class T>
T bias_delta(const BiasOdeParams<T>& p) {
  using std::sqrt;
  return sqrt(p.A_minus / p.A_plus);
}

template <class T>
T bias_k(const BiasOdeParams<T>& p) {
  using std::sqrt;
  return sqrt(p.A_plus * p.A_minus);
}

// b∞ = -log δ.
template <class T>
T bias_limit(const BiasOdeParams<T>& p) {
  using std::log;
  return -log(bias_delta(p));
}

// r = (1 - v0) / (1 + v0) with v0 = δ e^{b0}; the single constant the solution carries.
template <class T>
T bias_r(const BiasOdeParams<T>& p) {
  using std::exp;
  const T v0 = bias_delta(p) * exp(p.b0);
  return (T(1) - v0) / (T(1) + v0);
}

// g(t) = 2ck log(t/t0).
template <class T>
T bias_g(const BiasOdeParams<T>& p, const T& t) {
  using std::log;
  return T(2) * p.c * bias_k(p) * log(t / p.t0);
}

// The closed form as a function of log t (for times beyond the range of the scalar, e.g.
// t = 1e400 in double): g = 2ck (log t - log t0).
template <class T>
T bias_closed_form_log_time(const BiasOdeParams<T>& p, const T& log_t) {
  using std::exp;
  using std::log;
  const T g = T(2) * p.c * bias_k(p) * (log_t - log(p.t0));
  if (!(g >= T(0))) throw std::domain_error("bias_closed_form: needs t >= t0");
  const T u = bias_r(p) * exp(-g);
  const T artanh_u = (boost::math::log1p(u) - boost::math::log1p(-u)) / T(2);
  return bias_limit(p) - T(2) * artanh_u;
}

template <class T>
T bias_closed_form(const BiasOdeParams<T>& p, const T& t) {
  using std::log;
  if (!(t >= p.t0)) throw std::domain_error("bias_closed_form: needs t >= t0");
  return bias_closed_form_log_time(p, T(log(t)));
}

// Leading late-time term: b(t) - b∞ ≈ -2 r e^{-g(t)}.
template <class T>
T bias_late_time_expansion(const BiasOdeParams<T>& p, const T& t) {
  using std::exp;
  return bias_limit(p) - T(2) * bias_r(p) * exp(-bias_g(p, t));
}

// Right-hand side of the bias ODE (for integrators and residual checks).
template <class T>
T bias_ode_rhs(const BiasOdeParams<T>& p, const T& t, const T& b) {
  using std::exp;
  return p.c / t * (p.A_plus * exp(-b) - p.A_minus * exp(b));
}

}  // namespace lingrok
