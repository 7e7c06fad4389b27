// Smoothness of the training loss, docs/conventions.md#step-size-regime (premise of Theorem 4.1,
// from Soudry et al. 2018: GD converges in direction for η < 2/β).
//     logistic loss, reduction = sum:   β = λ_max(Σ_i x̃_i x̃_iᵀ) / 4,   x̃_i = (x_i, 1),
//     reduction = mean:                 β = λ_max(Σ_i x̃_i x̃_iᵀ) / (4N),
// since ℓ_log'' <= 1/4. lingrok reports ηβ (the regime: < 2 needed, the paper's literal
// d = 2 setting has ≈ 50) and the stable step η = 1/β.
// The exponential loss is not globally smooth (ℓ_exp'' = e^{-z} is unbounded); for it the
// same number is reported as the logistic constant, flagged by `globally_smooth = false`.
//
// Precision: for (d+1) <= 64 and N (d+1)² <= 1e8, Σ x̃ x̃ᵀ is accumulated in T and λ_max is
// obtained by Rayleigh-quotient iteration in T (cubic convergence) from the double
// eigenvector; otherwise the Gram matrix and λ_max are double: the rounding of its N-term sums
// and of the eigensolver (~(d + 1) u λ_max, u = 2^-53) leaves about 13 significant digits at
// d = 1024 (theory.json says full_precision: false).
#pragma once

#include "data/dataset.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

template <class T>
struct Smoothness {
  T lambda_max;                 // λ_max(Σ x̃ x̃ᵀ)
  T beta;                       // λ_max/4 (sum) or λ_max/(4N) (mean)
  T eta_beta;                   // ηβ
  T stable_eta;                 // 1/β
  bool globally_smooth = true;  // false for the exponential loss
  bool full_precision = false;  // λ_max computed in T (else double)
};

template <class T>
Smoothness<T> smoothness(const Dataset& data, Reduction reduction, Loss loss, const T& eta);

}  // namespace lingrok
