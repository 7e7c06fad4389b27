// A stiff integrator of any order for y' = f(σ, y) over any scalar T (double, Real50): the
// linearly implicit Euler method extrapolated in its step (Deuflhard 1985; Hairer & Wanner,
// Solving ODEs II, §IV.9, the method behind SEULEX). It is Bulirsch–Stoer's idea made stiff:
// one macro-step H from y0 is taken with n_j = 1, 2, ..., k substeps h = H/n_j of
//     y_{m+1} = y_m + (I - h J)^{-1} h f(σ_m, y_m),   J = ∂f/∂y(σ0, y0) (fixed over the step),
// each a one-step method with a smooth increment, so its error expands in powers of h; the
// Aitken–Neville table T_{j,l+1} = T_{j,l} + (T_{j,l} - T_{j-1,l}) / (n_j/n_{j-l} - 1) then
// gives order k at T_{k,k}, and |T_{k,k} - T_{k,k-1}| estimates the local error.
//
// Why not odeint. Bulirsch–Stoer (odeint's only high-order method that runs on Real50) is
// explicit: on the full gradient flow in s = log t its steps are bounded by 1/λ_max of the
// Jacobian, ~1/Σα_s = 1/||ŵ||² (4e6 for γ = 1e-3), i.e. ~1e7 steps per decade of t.
// rosenbrock4 is stiff but of order 4: at 1e-36 it needs ~1e9 steps. Each linearly implicit
// Euler substep damps every stiff mode (its stability function 1/(1 - hλ) is L-stable); the
// extrapolated values are A(α)-stable with α close to 90° for k ≤ 12 (Hairer & Wanner,
// Table IV.9.1), enough for a symmetric negative semidefinite Jacobian (a gradient flow).
// The Jacobian must be exact at y0 for the stiff modes; f's dependence on σ needs no term
// (each T_{j,1} is a W-method for any fixed matrix, and the expansion holds for any J).
//
// Step size: H ← H · clamp(0.9 err^{-1/k}, 0.2, 4), err = max_i |T_kk - T_k,k-1|_i /
// (abs_tol + rel_tol max(|y0_i|, |y1_i|)); rejected (H/4 at least) when err > 1 or anything
// is not finite. Steps are cut to land on each output time exactly (no interpolation).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lingrok {

template <class T>
struct LinearlyImplicitExtrapolation {
  using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  // f(σ, y) into out.
  std::function<void(const T& sigma, const Vec& y, Vec& out)> rhs;
  // f(σ, y) into out and ∂f/∂y(σ, y) into J (one pass: both need the same weights).
  std::function<void(const T& sigma, const Vec& y, Vec& out, Mat& J)> rhs_and_jacobian;
  // Called with H after each accepted step (optional).
  std::function<void(const T& H)> step_accepted;
  int order = 12;  // k (columns of the extrapolation table), 2..20
  double abs_tol = 1e-36;
  double rel_tol = 1e-36;
  std::size_t max_steps = 1000000;  // accepted + rejected, per integrate() call
  // The caller's J is symmetric negative semidefinite (a gradient flow's): every I - h J is then
  // symmetric positive definite and is factored by Cholesky (n³/3 flops against LU's 2n³/3);
  // should rounding make one factorization fail, that one falls back to LU.
  bool symmetric_nsd_jacobian = false;

  std::size_t accepted = 0, rejected = 0, evaluations = 0;

  // Integrates from (σ0, y) through the ascending σ_out (each > σ0), calling observe(k, σ, y)
  // at each; stops early when observe returns false. `h` is the first trial step (updated).
  // Returns the number of output times reached.
  std::size_t integrate(T sigma, Vec& y, const std::vector<T>& sigma_out, T& h,
                        const std::function<bool(std::size_t, const T&, const Vec&)>& observe) {
    using std::abs;
    using std::pow;
    const Eigen::Index n = y.size();
    const int k = order;
    if (k < 2 || k > 20) throw std::invalid_argument("extrapolation order must be in 2..20");
    std::vector<Vec> table(static_cast<std::size_t>(k));
    Vec f0(n), f(n), ystep(n);
    Mat J(n, n);
    std::size_t done = 0, tries = 0;
    while (done < sigma_out.size()) {
      const T target = sigma_out[done];
      if (++tries > max_steps)
        throw std::runtime_error("linearly implicit extrapolation: more than " +
                                 std::to_string(max_steps) + " steps");
      bool last = false;
      T H = h;
      if (sigma + H >= target) {
        H = target - sigma;
        last = true;
      }
      rhs_and_jacobian(sigma, y, f0, J);
      ++evaluations;
      bool finite = true;
      for (int j = 1; j <= k && finite; ++j) {
        const T hj = H / T(j);
        const Mat A = Mat::Identity(n, n) - hj * J;
        factor(A);
        ystep = y + solve(Vec(hj * f0));
        for (int m = 1; m < j; ++m) {
          rhs(sigma + T(m) * hj, ystep, f);
          ++evaluations;
          ystep += solve(Vec(hj * f));
        }
        for (Eigen::Index i = 0; i < n; ++i)
          if (!isfinite_(ystep(i))) finite = false;
        table[static_cast<std::size_t>(j - 1)] = ystep;
      }
      // Aitken–Neville over rows 1..k (col[j] is row j + 1): T_{k,k} in col[k-1].
      std::vector<Vec> col = table;
      for (int l = 1; l < k && finite; ++l) {
        for (int j = k - 1; j >= l; --j) {
          const T ratio = T(j + 1) / T(j + 1 - l) - T(1);
          col[static_cast<std::size_t>(j)] +=
              (col[static_cast<std::size_t>(j)] - col[static_cast<std::size_t>(j - 1)]) / ratio;
        }
      }
      const Vec& best = col[static_cast<std::size_t>(k - 1)];  // T_{k,k}
      T err(0);
      if (finite) {
        const Vec lower = last_row_lower(table, k);
        for (Eigen::Index i = 0; i < n; ++i) {
          const T scale = T(abs_tol) + T(rel_tol) * std::max(T(abs(y(i))), T(abs(best(i))));
          const T e = T(abs(best(i) - lower(i))) / scale;
          if (!isfinite_(e)) finite = false;
          if (e > err) err = e;
        }
      }
      if (!finite || err > T(1)) {
        ++rejected;
        const T fac =
            finite ? T(std::clamp(0.9 * std::pow(static_cast<double>(err), -1.0 / k), 0.05, 0.25))
                   : T(0.25);
        h = H * fac;
        if (!(h > T(0)) || h < T(1e-30) * (abs(sigma) + T(1)))
          throw std::runtime_error(
              "linearly implicit extrapolation: step size underflow at sigma = " +
              std::to_string(static_cast<double>(sigma)));
        continue;
      }
      ++accepted;
      if (step_accepted) step_accepted(H);
      y = best;
      sigma = last ? target : T(sigma + H);
      const double grow =
          err > T(0) ? std::clamp(0.9 * std::pow(static_cast<double>(err), -1.0 / k), 0.2, 4.0)
                     : 4.0;
      // A step cut short to land on an output time does not shrink the next one.
      h = last ? std::max(h, T(H * grow)) : T(H * grow);
      if (last) {
        if (!observe(done, sigma, y)) return done + 1;
        ++done;
      }
    }
    return done;
  }

 private:
  Eigen::LLT<Mat> llt_;
  Eigen::PartialPivLU<Mat> lu_;
  bool by_cholesky_ = false;
  void factor(const Mat& A) {
    by_cholesky_ = symmetric_nsd_jacobian;
    if (by_cholesky_) {
      llt_.compute(A);
      by_cholesky_ = llt_.info() == Eigen::Success;
    }
    if (!by_cholesky_) lu_.compute(A);
  }
  Vec solve(const Vec& v) const { return by_cholesky_ ? Vec(llt_.solve(v)) : Vec(lu_.solve(v)); }

  static bool isfinite_(const T& x) {
    using std::isfinite;
    return isfinite(x);
  }
  // T_{k,k-1}: the extrapolation of rows 2..k of column 0 up to column k-2.
  static Vec last_row_lower(const std::vector<Vec>& table, int k) {
    std::vector<Vec> col(table.begin() + 1, table.end());  // rows 2..k
    for (int l = 1; l < k - 1; ++l) {
      for (int j = k - 2; j >= l; --j) {
        // col[j] is row j+2; its partner l rows above is row j+2-l.
        const T ratio = T(j + 2) / T(j + 2 - l) - T(1);
        col[static_cast<std::size_t>(j)] +=
            (col[static_cast<std::size_t>(j)] - col[static_cast<std::size_t>(j - 1)]) / ratio;
      }
    }
    return col[static_cast<std::size_t>(k - 2)];
  }
};

}  // namespace lingrok
