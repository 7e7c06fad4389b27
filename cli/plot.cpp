// `lingrok plot`: the plot stage (pipeline/stages/plot.hpp) from the command line.
#include <iostream>

#include "cli/commands.hpp"
#include "pipeline/stages/plot.hpp"

namespace lingrok::cli {

void add_plot_command(CLI::App& app) {
  auto args = std::make_shared<stages::PlotRequest>();
  auto* cmd = app.add_subcommand("plot",
                                 "draw the figures of a run directory and/or a sweep with gnuplot "
                                 "(docs/outputs.md#figures)");
  cmd->add_option("--run", args->run, "run directory (figures go to DIR/figures/)");
  cmd->add_option("--sweep", args->sweep,
                  "sweep table: a CSV file or a directory holding sweep.csv");
  cmd->add_option("--format", args->format, "png (default), svg or pdf");
  cmd->add_option("--epsilon", args->epsilon,
                  "the ε of the sweep rows to draw (default: smallest)");
  cmd->add_option("--gnuplot", args->gnuplot, "gnuplot executable (default: gnuplot on PATH)");
  cmd->callback([args] { stages::run_plot(*args, std::cout); });
}

}  // namespace lingrok::cli
