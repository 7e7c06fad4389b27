// Options every check reads (docs/checks.md): tolerances, the ε grid, κ, ζ_min. Defaults are those
// of docs/checks.md#options; each is documented where a check uses it.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

namespace lingrok {

struct CheckOptions {
  // ε grid for T_te(ε) (docs/theory.md#grokking-time; ε ∈ (0,1))
  std::vector<double> epsilons{1e-3, 1e-2, 5e-2};
  double kappa = 1e-3;          // end of Phase 1: r(t) <= κ (docs/theory.md#phases)
  double zeta_min = 100;        // grokking delay ζ (the paper's Remark 2)
  double exact_tol = 1e-30;     // identities computed at 50 digits (A3.1, T4.3, dual residuals)
  double ode_tol = 1e-30;       // bias ODE against the closed form at 50 digits (T4.5)
  double rho_growth_tol = 0.01; // T4.1: growth of ||ρ|| over the last decade / (||ŵ|| log 10)
  double rho_limit_tol = 0.05;  // T4.2 / A4.4: ||ρ - w̃|| <= tol · max(1, ||w̃||)
  double bias_tol = 0.05;       // T4.5 / S4.3: |b_GD - b_model| <= tol · max(1, |b∞|)
  double phase_factor = 10;     // S4.5 / S6: predicted and measured boundaries within this factor
  double eta_beta_max = 2;      // T4.1 premise / GD: ηβ < 2
  double oscillation_max = 0.01;  // GD: fraction of logged steps with cos(update) < -0.99
};

nlohmann::json to_json(const CheckOptions& options);

}  // namespace lingrok
