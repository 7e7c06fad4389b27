// Reducing one protocol run to the numbers the paper's Table 1 and Figure 4 are compared with
// (protocol_outcome.hpp, docs/checks.md#protocol-attribution).
#include "proofs_check/protocol_outcome.hpp"

#include <cmath>

#include "core/json_number.hpp"
#include "proofs_check/checks/check_support.hpp"
#include "results/measured.hpp"

namespace lingrok {

namespace {

std::vector<double> column_or_empty(const Trajectory& trajectory, const char* name) {
  return trajectory.column(name) >= 0 ? trajectory.series(name) : std::vector<double>{};
}

}  // namespace

void measure_protocol_outcome(ProtocolOutcome& outcome, const Trajectory& trajectory,
                              const DetectionOptions& detection, double kappa) {
  const auto t = column_or_empty(trajectory, "t");
  const auto train = column_or_empty(trajectory, "acc_train");
  const auto standard = column_or_empty(trajectory, "acc_test_standard");
  const auto conc = column_or_empty(trajectory, "acc_test_conc");
  const auto D = column_or_empty(trajectory, "D");
  const auto r = column_or_empty(trajectory, "r");
  if (t.empty()) return;
  if (!train.empty() && !standard.empty()) {
    outcome.standard = detect_grokking(t, train, standard, detection);
  }
  if (!train.empty() && !conc.empty()) {
    outcome.concentrated = detect_grokking(t, train, conc, detection);
  }
  if (!D.empty()) {
    // Rows from t = 1 on: D is 0/0 at the start (w = 0, b = 0).
    std::size_t peak = t.size();
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (t[k] >= 1 && std::isfinite(D[k]) && (peak == t.size() || D[k] > D[peak])) peak = k;
    }
    if (peak < t.size()) outcome.t_D_peak = t[peak];
    if (!r.empty()) {
      // The one definition of the measured boundaries (results/measured.hpp): t2 is NaN when D
      // still rises at the end of the log.
      const MeasuredPhases phases = measure_phases(t, r, D, kappa);
      outcome.t1 = phases.t1;
      outcome.t2 = phases.t2;
    }
  }
  if (!conc.empty()) {
    double best = -1, depth = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (!std::isfinite(conc[k])) continue;
      best = std::max(best, conc[k]);
      if (best - conc[k] > depth) {
        depth = best - conc[k];
        outcome.t_unlearning_end = t[k];
      }
    }
    outcome.unlearning_depth = depth;
  }
}

double outcome_quantity(const ProtocolOutcome& outcome, const std::string& name) {
  if (name == "t1") return outcome.t1;
  if (name == "t2") return outcome.t2;
  if (name == "t_D_peak") return outcome.t_D_peak;
  if (name == "t_unlearning_end") return outcome.t_unlearning_end;
  return std::numeric_limits<double>::quiet_NaN();
}

nlohmann::ordered_json to_json(const ProtocolOutcome& o) {
  return {{"id", o.id},
          {"group", o.group},
          {"choices", o.choices},
          {"d", o.d},
          {"imbalance", o.imbalance},
          {"reduced", o.reduced},
          {"steps", o.steps},
          {"eta", number_or_null(o.eta)},
          {"eta_beta", number_or_null(o.eta_beta)},
          {"t1", number_or_null(o.t1)},
          {"t2", number_or_null(o.t2)},
          {"t_D_peak", number_or_null(o.t_D_peak)},
          {"t_unlearning_end", number_or_null(o.t_unlearning_end)},
          {"unlearning_depth", number_or_null(o.unlearning_depth)},
          {"grokking_standard", to_json(o.standard)},
          {"grokking_concentrated", to_json(o.concentrated)}};
}

}  // namespace lingrok
