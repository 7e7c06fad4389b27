// The support-vector objective of the late-time limit, docs/theory.md#late-time-limit (Soudry et
// al. 2018, Thm. 4, applied to the augmented parameter (w, b) on augmented data x̃ = (x, 1); the
// paper's Theorem 4.2 / eq. (8)):
//
//     F(ρ, β) = η Σ_{s∈S} exp(-y_s (x_s·ρ + β)) + ŵ·ρ ,
//
//     ∂F/∂ρ = -η Σ_s e_s y_s x_s + ŵ ,      ∂F/∂β = -η Σ_s e_s y_s ,
//     ∇²F   =  η Σ_s e_s x̃_s x̃_sᵀ           (y_s² = 1),   e_s = exp(-y_s (x_s·ρ + β)).
//
// Its minimiser is the late-time limit (w̃, b̃): w(t) = ŵ log t + ρ(t), (ρ(t), b(t)) → (w̃, b̃).
// The same gradient drives the coupled support-vector flow of docs/theory.md#coupled-flow,
// d(ρ, β)/ds = -∇F(ρ, β) with s = log t.
//
// Assumptions: S is the support set of the bias-free max-margin separator ŵ (so that
// ŵ = Σ α_s y_s x_s has a solution with α_s > 0 and F is bounded below), η > 0.
// F is convex; it is flat along directions orthogonal to span{x̃_s} (see late_time_limit.hpp).
//
// Generic over the scalar T (double, long double, lingrok::Real50). Gradients and Hessians are
// (d+1)-dimensional with the ρ block first and β last.
#pragma once

#include <Eigen/Dense>
#include <cmath>
#include <stdexcept>

namespace lingrok {

template <class T>
class SupportObjective {
 public:
  using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

  // X_S: |S| x d support points (one per row), y_S: their labels in {-1, +1}, w_hat: the
  // bias-free max-margin separator (length d), eta > 0: the GD step size.
  SupportObjective(Mat X_S, Vec y_S, Vec w_hat, T eta)
      : X_(std::move(X_S)), y_(std::move(y_S)), w_hat_(std::move(w_hat)), eta_(std::move(eta)) {
    if (X_.rows() != y_.size())
      throw std::invalid_argument("SupportObjective: X_S and y_S have different numbers of rows");
    if (X_.cols() != w_hat_.size())
      throw std::invalid_argument("SupportObjective: X_S and w_hat have different dimensions");
    if (!(eta_ > T(0))) throw std::invalid_argument("SupportObjective: eta must be > 0");
  }

  Eigen::Index dim() const { return X_.cols(); }          // d
  Eigen::Index num_support() const { return X_.rows(); }  // |S|
  const Mat& X() const { return X_; }
  const Vec& y() const { return y_; }
  const Vec& w_hat() const { return w_hat_; }
  const T& eta() const { return eta_; }

  // e_s = exp(-y_s (x_s·ρ + β)), one per support point.
  Vec exponentials(const Vec& rho, const T& beta) const {
    using std::exp;
    check_rho(rho);
    Vec e(X_.rows());
    for (Eigen::Index s = 0; s < X_.rows(); ++s) {
      T f = beta;
      for (Eigen::Index j = 0; j < X_.cols(); ++j) f += X_(s, j) * rho(j);
      e(s) = exp(-y_(s) * f);
    }
    return e;
  }

  // The induced dual α_s = η e_s (at the minimiser Σ α_s y_s x_s = ŵ and Σ α_s y_s = 0).
  Vec dual(const Vec& rho, const T& beta) const { return eta_ * exponentials(rho, beta); }

  T value(const Vec& rho, const T& beta) const {
    T v = eta_ * exponentials(rho, beta).sum();
    for (Eigen::Index j = 0; j < X_.cols(); ++j) v += w_hat_(j) * rho(j);
    return v;
  }

  // (d+1)-vector: ∂F/∂ρ (d entries), then ∂F/∂β.
  Vec gradient(const Vec& rho, const T& beta) const {
    const Vec e = exponentials(rho, beta);
    const Eigen::Index d = X_.cols();
    Vec g(d + 1);
    for (Eigen::Index j = 0; j < d; ++j) g(j) = w_hat_(j);
    g(d) = T(0);
    for (Eigen::Index s = 0; s < X_.rows(); ++s) {
      const T a = eta_ * e(s) * y_(s);
      for (Eigen::Index j = 0; j < d; ++j) g(j) -= a * X_(s, j);
      g(d) -= a;
    }
    return g;
  }

  // (d+1) x (d+1) Hessian η Σ_s e_s x̃_s x̃_sᵀ, x̃_s = (x_s, 1).
  Mat hessian(const Vec& rho, const T& beta) const {
    const Vec e = exponentials(rho, beta);
    const Eigen::Index d = X_.cols();
    Mat h = Mat::Zero(d + 1, d + 1);
    Vec xt(d + 1);
    for (Eigen::Index s = 0; s < X_.rows(); ++s) {
      for (Eigen::Index j = 0; j < d; ++j) xt(j) = X_(s, j);
      xt(d) = T(1);
      const T a = eta_ * e(s);
      for (Eigen::Index i = 0; i <= d; ++i) {
        const T ai = a * xt(i);
        for (Eigen::Index j = 0; j <= i; ++j) h(i, j) += ai * xt(j);
      }
    }
    for (Eigen::Index i = 0; i <= d; ++i)
      for (Eigen::Index j = 0; j < i; ++j) h(j, i) = h(i, j);
    return h;
  }

  // Stacked-state overloads for integrators: theta = (ρ, β), length d+1.
  T value(const Vec& theta) const { return value(theta.head(dim()), theta(dim())); }
  Vec gradient(const Vec& theta) const { return gradient(theta.head(dim()), theta(dim())); }
  Mat hessian(const Vec& theta) const { return hessian(theta.head(dim()), theta(dim())); }

 private:
  void check_rho(const Vec& rho) const {
    if (rho.size() != X_.cols())
      throw std::invalid_argument("SupportObjective: rho has the wrong dimension");
  }

  Mat X_;
  Vec y_;
  Vec w_hat_;
  T eta_;
};

}  // namespace lingrok
