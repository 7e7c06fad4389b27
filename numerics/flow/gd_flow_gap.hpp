// GD against the gradient flow as η shrinks (docs/numerics.md#gradient-flows,
// docs/outputs.md#figures). GD with step η is Euler's method for d(w, b)/dτ = -∇L at τ = η t, so on
// a fixed flow-time horizon [0, τ_end] its distance to the flow is O(η) (first order). This
// measures it on a data set: for each η of a ladder it runs the plain GD (run_reference_gd<double>,
// every point, no shortcut) for τ_end/η steps and the full flow (full_flow.hpp, rosenbrock4) on the
// same GD steps, and reports
//     gap(η) = max over the grid of ||(w, b)_GD(t) - (w, b)_flow(η t)||_inf,
// together with the least-squares slope of log gap against log η (the order, ≈ 1).
//
// The η ladder is the paper's {1e-2, 3e-3, 1e-3, 3e-4} scaled into the stable range: the largest
// is `largest_eta_times_beta`/β with β = λ_max(∇²L(0)) (for the logistic loss exactly
// docs/conventions.md#step-size-regime's smoothness constant Σ x̃x̃ᵀ/4), and the others keep the
// paper's ratios. At the paper's literal η = 1e-2 (ηβ ≈ 50) GD does not follow the flow at all, so
// the literal values would measure nothing. The horizon is τ_end = `horizon_times_inverse_beta`/β:
// the early phase, where GD and flow move most and the gap is largest; ~4e4 GD steps in all, a few
// seconds for N = 2000.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "data/dataset.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

struct GdFlowGapOptions {
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  std::vector<double> paper_etas{1e-2, 3e-3, 1e-3, 3e-4};  // ratios kept, scaled (see above)
  double largest_eta_times_beta = 0.25;
  double horizon_times_inverse_beta = 100.0;
  double flow_tol = 1e-12;  // abs and rel tolerance of the flow (its error is far below the gaps)
  const Deadline* deadline = nullptr;  // passed to the flows (core/deadline.hpp)
  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

struct GdFlowGapPoint {
  double eta = 0;
  long long steps = 0;  // GD steps run (τ_end / η)
  double gap = 0;       // max over the grid of ||(w, b)_GD - (w, b)_flow||_inf
};

struct GdFlowGap {
  std::vector<GdFlowGapPoint> points;  // in the order of paper_etas (largest first)
  double beta = 0;                     // λ_max(∇²L(0))
  double tau_end = 0;                  // flow-time horizon
  double order = 0;                    // least-squares slope of log gap on log eta
  double seconds = 0;
};

// Runs the comparison on `train`. Throws std::invalid_argument for empty data or bad options.
GdFlowGap measure_gd_flow_gap(const Dataset& train, const GdFlowGapOptions& options = {});

// Least-squares slope of log(y) against log(x) (needs >= 2 points, all positive).
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

// Writes `csv` (columns eta,gap,steps; 17 significant digits) and `json` (options, β, τ_end, the
// points, the fitted order; `extra` merged in); the caller names them (results/run_layout.hpp).
void write_gd_flow_gap(const GdFlowGap& gap, const GdFlowGapOptions& options,
                       const std::filesystem::path& csv, const std::filesystem::path& json,
                       const std::string& extra_json);

}  // namespace lingrok
