// The plot stage: the figures of docs/outputs.md#figures for a run directory and/or a sweep, drawn
// by gnuplot (plots/run_figures.hpp).
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace lingrok::stages {

struct PlotRequest {
  std::string run;    // run directory (figures go to DIR/figures/)
  std::string sweep;  // a sweep's CSV or its directory
  std::string format = "png";
  std::string gnuplot;            // executable; default: gnuplot on PATH
  std::optional<double> epsilon;  // the ε of the sweep rows to draw (default: smallest)
};

// Draws the figures; notes (skipped figures, paths) go to `log`.
void run_plot(const PlotRequest& request, std::ostream& log);

}  // namespace lingrok::stages
