// The protocol search as one command (pipeline/protocols_run.cpp): run the grid, attribute the
// paper's Table 1 and Figure 4 statements, write protocols.json, attribution.md and figure4.* as
// one output set.
#pragma once

#include <ostream>
#include <string>

#include "pipeline/protocols_plan.hpp"

namespace lingrok {

struct ProtocolsRequest {
  ProtocolsOptions options;
  std::string out;
  int jobs = 2;
  std::string paper_table1 = "configs/paper_table1.json";
  std::string paper_figure4 = "configs/paper_figure4.json";
  std::string format = "png";
  bool no_figure = false;
  bool quiet = false;
};

// Progress lines go to `progress`, the attribution tables to `report`.
void run_protocols(const ProtocolsRequest& request, std::ostream& progress, std::ostream& report);

}  // namespace lingrok
