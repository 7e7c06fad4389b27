// Numerical integration of the late-time bias ODE of SPEC §3.4 (Theorem 4.5 of Das, Vedantam,
// Lakshminarayanan 2026),
//     db/dt = (c/t) (A+ e^{-b} - A- e^{b}),   t >= t0,  b(t0) = b0,
// with c = η (t in GD steps, lingrok's default) or c = 1 (the paper's flow time), to check
// the closed form of theory/bias/closed_form.hpp against an independent computation.
//
// Method. In s = log(t/t0) the equation is autonomous, db/ds = c (A+ e^{-b} - A- e^{b}), and a
// grid that spans twelve decades of t is uniform in s; the solution relaxes to b∞ = -log δ at
// rate 2ck in s, which is not stiff for the c k of interest. Bulirsch–Stoer extrapolation with
// dense output (odeint's bulirsch_stoer_dense_out, interpolation error controlled too) reaches
// 1e-40 at 50 digits in well under a second, where rkf78 needs ~7 s and dopri5 tens of minutes
// (shared/TOOLCHAIN.md). The grid is served from the dense output, so a fine output grid does
// not shorten the steps.
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

#include "theory/bias/closed_form.hpp"

namespace lingrok {

struct BiasOdeOptions {
  double abs_tol = 1e-40;  // odeint's eps_abs on b
  double rel_tol = 1e-40;  // odeint's eps_rel on b
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
  std::string method = "bulirsch_stoer_dense_out in s = log(t/t0)";
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
