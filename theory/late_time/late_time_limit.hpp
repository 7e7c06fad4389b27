// Late-time limit (w̃, b̃), docs/theory.md#late-time-limit (the paper's Theorem 4.2, from Soudry et
// al. 2018, Theorem 4, applied to (w, b) on augmented data x̃ = (x, 1)):
//     w(t) = ŵ log t + ρ(t),   (ρ(t), b(t)) → (w̃, b̃) = argmin F,
//     F(ρ, β) = η Σ_{s∈S} exp(-y_s (x_s·ρ + β)) + ŵ·ρ      (support_objective.hpp).
// At the minimiser the induced dual α_s = η exp(-y_s (x_s·w̃ + b̃)) satisfies
//     Σ_s α_s y_s x_s = ŵ   and   Σ_s α_s y_s = 0;
// both residuals are reported.
//
// Assumptions: exponential-tailed loss; S is the support set of the bias-free separator ŵ;
// the max-margin bias is 0 (Assumption 3.1) and every support vector carries a positive
// multiplier — otherwise F has no finite minimiser (it decreases without bound along some
// direction) and the result says so (converged = false).
//
// Flat directions: F depends on (ρ, β) only through x̃_s·(ρ, β), so it is constant along the
// orthogonal complement of V = span{x̃_s : s ∈ S}. lingrok returns the minimiser inside V
// (no component in the flat directions) and reports dim V^⊥ = d + 1 - rank. Inside V the
// iterate is parametrised as (ρ, β) = X̃_Bᵀ c with B a well-conditioned row basis of X̃_S
// (column-pivoted QR in double), and F is strictly convex in c.
//
// Method: damped Newton (Armijo backtracking while the Newton decrement is large, full steps
// after) in the scalar T. Gradients, values and iterates are always in T; the Hessian is
// formed and factorised in T for small problems (|S|(d+1)² below hessian_work_in_T) and in
// double otherwise, which turns the last iterations into iterative refinement (each gains
// ~16 - log10 cond digits) — the result still satisfies the optimality conditions in T.
#pragma once

#include <Eigen/Dense>
#include <string>

#include "theory/late_time/support_objective.hpp"

namespace lingrok {

struct LateTimeOptions {
  int max_iterations = 300;
  double hessian_work_in_T = 5e6;  // |S|(d+1)² below this: Hessian in T, else in double
  double rank_tol = 1e-12;         // relative threshold of the pivoted QR that finds rank V
};

template <class T>
struct LateTimeLimit {
  using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  bool converged = false;
  std::string message;     // why not converged, if so
  Vec w_tilde;             // w̃ (length d)
  T b_tilde = 0;           // b̃
  Vec alpha;               // α_s, one per support row of the objective, same order
  T residual_w = 0;        // ||Σ α_s y_s x_s - ŵ||
  T residual_b = 0;        // |Σ α_s y_s|
  T value = 0;             // F(w̃, b̃)
  int rank = 0;            // dim span{x̃_s}
  int flat_dimension = 0;  // d + 1 - rank
  int iterations = 0;
  bool hessian_in_T = false;
};

template <class T>
LateTimeLimit<T> late_time_limit(const SupportObjective<T>& objective,
                                 const LateTimeOptions& options = {});

}  // namespace lingrok
