// The `simulate` stage shared by the CLI and the Python module: step size, GD run, regime
// diagnostics, summary (simulate_stage.hpp, docs/numerics.md#gd-engine).
#include "numerics/gd/simulate_stage.hpp"

#include <algorithm>
#include <cmath>

#include "theory/smoothness.hpp"

namespace lingrok {

StepSize resolve_step_size(const GdConfig& config, const Dataset& train, double theory_beta) {
  StepSize s;
  // theory.json's β is that of the summed loss (its own reduction aside): only then reusable.
  if (std::isfinite(theory_beta) && config.reduction == Reduction::sum) {
    s.beta = theory_beta;
    s.beta_source = "theory.json beta_smoothness";
  } else {
    s.beta = smoothness<double>(train, config.reduction, Loss::logistic, 1.0).beta;
    s.beta_source = "computed by simulate (double)";
  }
  s.eta = config.eta_stable ? 1.0 / s.beta : config.eta;
  return s;
}

SimulateStageResult run_simulate_stage(const SimulationSetup& setup, const StepSize& step) {
  const GdConfig& gd = setup.config;
  const DataBundle& data = *setup.data;
  SimulateStageResult out;
  out.result = run_gd_simulation(setup);
  const SimulationResult& result = out.result;

  const bool check_rounding = gd.rounding_check && result.complete;
  RoundingCheck rounding;
  if (check_rounding) {
    rounding =
        rounding_check(data, gd_options(gd, setup.eta), std::min(gd.steps, gd.rounding_check_steps),
                       gd.log_per_decade, gd.detection);
  }
  out.summary = simulation_summary(setup, result, step.beta, step.beta_source,
                                   check_rounding ? &rounding : nullptr);
  out.summary["gd_config"] = to_json(gd);
  out.summary["seed"] = setup.seed;
  out.summary["data"] = {{"n_train", data.train.size()},
                         {"d", data.train.dim()},
                         {"n_plus", data.train.count_plus()},
                         {"n_minus", data.train.count_minus()},
                         {"fingerprint", data_fingerprint(data.train)}};
  for (const auto& t : data.tests) out.summary["data"]["tests"][t.name] = t.size();
  return out;
}

}  // namespace lingrok
