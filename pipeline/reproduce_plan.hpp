// The reproduce plan: the paper's experiments end to end (pipeline/reproduce_plan.cpp; the
// README's main job), run in this process with `jobs` runs at a time.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "pipeline/family.hpp"

namespace lingrok {

struct ReproduceRequest {
  std::string out = "out";
  std::string configs_dir;  // the configuration files (configs/)
  std::string lingrok;      // the lingrok executable, for the sweep's points (sweep_plan.hpp)
  bool full = false;
  long long steps = 10000000;  // the paper's 10^7
  bool steps_given = false;    // `steps` set by the user: one count for every d = 2 run
  long long steps_d1024 = 20000;
  int jobs = 2;
  std::vector<std::string> families{kFamilies.begin(), kFamilies.end()};
  std::vector<std::string> only;
  bool no_sweep = false;
  bool recheck = false;  // only check and plot on the runs already in `out`, then the summary
};

// Runs the plan; progress lines go to `progress`, the summary table to `report`. Throws
// Interrupted (pipeline/interrupt.hpp) after SIGINT/SIGTERM, once the running stages have stopped.
void run_reproduce_plan(const ReproduceRequest& request, std::ostream& progress,
                        std::ostream& report);

}  // namespace lingrok
