// What the protocol search (docs/checks.md#protocol-attribution) keeps of one GD run: the
// protocol's choices and the run's measured numbers that the paper's Table 1 and its Figure 4 /
// Section 5.2 statements are compared with.
//   - Definition 3.4 on the standard and concentrated test sets, all four variants (first/settle
//     × relative/absolute) at each ε, by numerics/gd/grokking_detection.hpp (the one definition);
//   - the phase boundaries measured on the log (docs/theory.md#phases): t1 = first logged t ≥ 1
//     with r ≤ κ, t2 = argmax_{t ≥ t1} D (as check S4.5 measures them);
//   - t_D_peak = argmax_t D(t) over the whole run (the paper's "distance peaks around …");
//   - unlearning on P_conc: the logged step where the concentrated accuracy is furthest below
//     its best so far (the end of its deepest fall), and that depth.
#pragma once

#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "numerics/gd/grokking_detection.hpp"
#include "numerics/gd/trajectory.hpp"

namespace lingrok {

struct ProtocolOutcome {
  std::string id;                  // e.g. "margin/D1000_1000_S350_10/literal/sum/seed1/shortcuts"
  std::string group;               // id without the seed: the runs whose spread is reported
  nlohmann::ordered_json choices;  // planting, data, family, reduction, seed, rounding
  int d = 2;
  std::string imbalance;  // "balanced" | "positive" | "negative" (planted k+ vs k-, else n+ vs n-)
  bool reduced = false;   // a reduced-scale stand-in for the paper's run (d = 1024)
  long long steps = 0;
  double eta = 0, eta_beta = 0;
  GrokkingReport standard, concentrated;
  double t1 = std::numeric_limits<double>::quiet_NaN();
  double t2 = std::numeric_limits<double>::quiet_NaN();
  double t_D_peak = std::numeric_limits<double>::quiet_NaN();
  double t_unlearning_end = std::numeric_limits<double>::quiet_NaN();
  double unlearning_depth = 0;  // accuracy points (fraction) lost at t_unlearning_end
};

// Fills the measured fields of `outcome` from a trajectory with columns t, D, acc_train,
// acc_test_standard, acc_test_conc and (for t1, t2) r. A missing column leaves its numbers NaN.
void measure_protocol_outcome(ProtocolOutcome& outcome, const Trajectory& trajectory,
                              const DetectionOptions& detection, double kappa);

// The value of a named measured quantity ("t1", "t2", "t_D_peak", "t_unlearning_end"); NaN for
// an unknown name.
double outcome_quantity(const ProtocolOutcome& outcome, const std::string& name);

nlohmann::ordered_json to_json(const ProtocolOutcome& outcome);

}  // namespace lingrok
