// Where a GD run enters the late-time regime of Assumption 4.4, measured on its log: the first
// logged t from which both r(t) <= κ (the non-support points no longer matter) and
// ||ρ(t) - w̃|| <= tol · max(1, ||w̃||) (the weights follow ŵ log t + w̃) hold to the end.
// Shared by A4.4, T4.5 and T4.6.
#pragma once

#include "proofs_check/check_options.hpp"
#include "proofs_check/run_artifacts.hpp"

namespace lingrok::checks {

struct LateTimeStart {
  double t_r = 0;     // first t from which r <= κ holds (NaN: never)
  double t_rho = 0;   // first t from which ||ρ - w̃|| is within tolerance (NaN: never)
  double t0 = 0;      // max of the two (NaN if either never holds)
  double rho_threshold = 0;
  bool available = false;  // the log has the columns
};

LateTimeStart late_time_start(const RunArtifacts& run, const CheckOptions& options);

}  // namespace lingrok::checks
