// Numerical integration of the late-time bias ODE of docs/theory.md#bias-ode (Theorem 4.5 of Das,
// Vedantam, Lakshminarayanan 2026),
//     db/dt = (c/t) (A+ e^{-b} - A- e^{b}),   t >= t0,  b(t0) = b0,
// with c = η (t in GD steps, lingrok's default) or c = 1 (the paper's flow time), to check
// the closed form of theory/bias/closed_form.hpp against an independent computation.
//
// Why not simply in s = log(t/t0). With k = √(A+A-), b∞ = -log δ (the root of the right-hand
// side) and y = b - b∞, the equation reads dy/ds = -2ck sinh(y): it relaxes to y = 0 at rate
// λ = 2ck per unit s and stays there. Over s ∈ [0, log 1e12] that is 2ck·27.6 relaxation
// times, and an explicit method (Bulirsch–Stoer included) must keep λ·ds = O(1) all the way
// for stability even though the solution no longer changes. For k = 1 that is harmless; for the
// paper's literal family (γ = 1e-3, η = 1e-2, sum: k ≈ 2e8, λ ≈ 4e6) it is ~1e8 steps at 50
// digits — the 120 s timeouts of `lingrok integrate --which bias` in `lingrok reproduce`.
//
// Method. We take the linearisation's own decay factor as independent variable and factor it out
// of the unknown:
//     θ = e^{-λ s} = (t/t0)^{-2ck} ∈ (0, 1],   z = y / θ = (b - b∞) / θ,
//     dz/dθ = z² S(θ z),   S(u) = (sinh u - u) / u² = u/6 + u³/120 + …,   z(1) = b0 - b∞.
// (Derivation: dy/dθ = (dy/ds)/(dθ/ds) = sinh(y)/θ; substitute y = θ z.) Only the ODE is used:
// b∞ is the root of its right-hand side, λ = -∂f/∂b(b∞) its linear rate, and the nonlinearity is
// kept exactly. The whole of t ∈ [t0, ∞) becomes θ ∈ (0, 1], the right-hand side is analytic
// and bounded there (S(0) = 0; no 1/θ singularity, no stiffness at θ → 0), so the cost no longer
// grows with ck: the infinitely long relaxed tail is a short interval near θ = 0 on which z is
// nearly constant. We integrate in φ = -θ (increasing from -1 to 0; negation keeps every digit
// of tiny θ) with odeint's Bulirsch–Stoer extrapolation with dense output
// (bulirsch_stoer_dense_out), which needs 50-150 steps to t = 1e12 for any ck (in s, rkf78
// needs ~7 s and dopri5 tens of minutes, shared/TOOLCHAIN.md). Its interpolation error is left
// out of the step control, and the default tolerance is 1e-43 instead: controlling the
// interpolation costs 5-20x the steps, landing every grid time with a controlled stepper 10-50x,
// while uncontrolled interpolation at tolerance 1e-41 reached 9e-40 on the literal family's
// transient; at 1e-43 the measured error is <= 6e-43 on every case of the tests (k = 1 and
// k = 2e8, v0 from 0.0025 to 7.6). bench/flow_bias_bench: ~0.3 s per case to t = 1e12. S is
// summed as its series for |u| < 1 (where sinh u - u would cancel), in closed form above.
// Then b = b∞ + θ z; a grid time where θ underflows the scalar (double: 2ck log(t/t0) > 745)
// gets b = b∞, which is then exact to the scalar's precision because |y| = θ|z|.
//
// Error. The achieved error is measured, not assumed: at every grid time the result carries
// the closed form and err = |b - b_cf| / max(1, |b_cf|) (relative where |b| >= 1, absolute
// below, so that δ = 1, where b∞ = 0, is not divided by zero).
//
// Instantiated for double and lingrok::Real50 in bias_ode.cpp only.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "theory/bias/closed_form.hpp"

namespace lingrok {

struct BiasOdeOptions {
  double abs_tol = 1e-43;  // odeint's eps_abs on z = (b - b∞)/θ (1e-43 for 1e-40, see the top)
  double rel_tol = 1e-43;  // odeint's eps_rel on z
  const Deadline* deadline = nullptr;  // polled at each right-hand side (core/deadline.hpp)
  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

template <class T>
struct BiasOdeSolution {
  std::vector<T> t;              // the requested times (t >= t0)
  std::vector<T> b;              // integrated b(t)
  std::vector<T> b_closed_form;  // bias_closed_form(p, t)
  std::vector<T> error;          // |b - b_cf| / max(1, |b_cf|)
  T max_error = T(0);            // max of `error` over the grid
  std::size_t steps = 0;         // accepted Bulirsch–Stoer steps
  std::string method = "bulirsch_stoer_dense_out in theta = (t/t0)^(-2ck) on z = (b - b_inf)/theta";
  double abs_tol = 0;
  double rel_tol = 0;
};

// Integrates the ODE of `p` and reports it on `times` (ascending, each >= p.t0).
// Throws std::invalid_argument for an empty, unsorted or out-of-range grid or bad parameters.
template <class T>
BiasOdeSolution<T> integrate_bias_ode(const BiasOdeParams<T>& p, const std::vector<T>& times,
                                      const BiasOdeOptions& options = {});

// `per_decade` points per decade from t0 to t_end inclusive (both ends), log-spaced.
template <class T>
std::vector<T> log_time_grid(const T& t0, const T& t_end, int per_decade);

}  // namespace lingrok
