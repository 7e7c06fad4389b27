// The `simulate` stage (docs/numerics.md#gd-engine, with the regime diagnostics of docs/checks.md#gd) as
// `lingrok simulate` and the Python module both run it, so that the same data and
// configuration give the same trajectory and summary through either face:
//   1. the step size: η from the configuration, or 1/β for "stable", where β is the smoothness
//      constant of docs/conventions.md (theory.json's beta_smoothness when it has one and the reduction is
//      sum, else computed here in double);
//   2. the logged run (run_gd_simulation);
//   3. when configured and the run completed, the rounding check of check GD;
//   4. summary.json's content (simulation_summary) with the data block; the caller adds its
//      own keys (version, configuration file, data source).
#pragma once

#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "numerics/gd/simulation.hpp"

namespace lingrok {

struct StepSize {
  double beta = 0;          // smoothness constant of L (docs/conventions.md)
  std::string beta_source;  // where β came from, in words
  double eta = 0;           // the step GD makes
};

// `theory_beta`: theory.json's beta_smoothness, NaN when there is none.
StepSize resolve_step_size(const GdConfig& config, const Dataset& train,
                           double theory_beta = std::numeric_limits<double>::quiet_NaN());

struct SimulateStageResult {
  SimulationResult result;
  nlohmann::json summary;
};

// Runs `setup` (whose eta must be step.eta) and what follows it (items 2-4 above).
SimulateStageResult run_simulate_stage(const SimulationSetup& setup, const StepSize& step);

}  // namespace lingrok
