// The simulate stage: a logged GD run (docs/numerics.md#gd-engine) with grokking detection and
// regime diagnostics, written to OUT/trajectory.csv and OUT/summary.json as one output set, with
// OUT/checkpoint.json while it runs when checkpoints are on.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace lingrok::stages {

struct SimulateRequest {
  std::string config;  // configuration file (its gd section and seed)
  std::string data;    // data directory or CSV; empty: generated from the configuration
  std::string theory;  // theory.json (w_hat, w_tilde, S); optional
  std::string out;     // output directory
  std::optional<long long> checkpoint_every;  // unset: from the configuration
  std::optional<long long> every;
  std::optional<long long> steps;
  int threads = -1;  // -1: from the configuration
  bool resume = false;
  bool quiet = false;
};

// Runs GD and writes its outputs. Progress and warnings go to `log` (a bar redrawn in place when
// `tty`). SIGINT/SIGTERM stop the run at a checkpoint and throw Interrupted.
void run_simulate(const SimulateRequest& request, std::ostream& log, bool tty);

}  // namespace lingrok::stages
