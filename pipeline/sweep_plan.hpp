// The sweep plan: observed test-grokking time against Theorem 4.6's predictions over a sweep of
// support-vector imbalance (pipeline/sweep_plan.cpp), committed as one output set.
#pragma once

#include <ostream>
#include <string>

namespace lingrok {

struct SweepRequest {
  std::string config;  // sweep configuration (JSON)
  std::string out;     // output directory
  int jobs = 0;        // points at a time; 0: from the configuration
  std::string format = "png";
  std::string gnuplot;
  bool no_figure = false;
  std::string lingrok;  // the lingrok executable the points run (default: this process's)
};

// Runs the sweep; progress lines go to `progress`, the table and paths to `report`.
// NumericalError when points failed (after the set is committed); Interrupted after
// SIGINT/SIGTERM (nothing is committed).
void run_sweep_plan(const SweepRequest& request, std::ostream& progress, std::ostream& report);

}  // namespace lingrok
