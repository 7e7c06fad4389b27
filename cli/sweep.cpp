// `lingrok sweep --config FILE --out DIR`: the sweep plan (pipeline/sweep_plan.hpp) from the
// command line; progress on stderr, the table on stdout.
#include <iostream>

#include "cli/commands.hpp"
#include "pipeline/sweep_plan.hpp"

namespace lingrok::cli {

void add_sweep_command(CLI::App& app) {
  auto args = std::make_shared<SweepRequest>();
  auto* cmd = app.add_subcommand(
      "sweep",
      "observed T_te against the predictions of Theorem 4.6 over a sweep of support-vector "
      "imbalance k_minus: sweep.csv, sweep.json and the bound-versus-observed figure");
  cmd->add_option("--config", args->config, "sweep configuration (JSON), e.g. configs/sweep.json")
      ->required();
  cmd->add_option("--out", args->out, "output directory")->required();
  cmd->add_option("--jobs", args->jobs, "points run at a time (default: sweep.jobs)");
  cmd->add_option("--format", args->format, "figure format: png (default), svg or pdf");
  cmd->add_option("--gnuplot", args->gnuplot, "gnuplot executable (default: gnuplot on PATH)");
  cmd->add_flag("--no-figure", args->no_figure, "write sweep.csv and sweep.json only");
  cmd->callback([args] { run_sweep_plan(*args, std::cerr, std::cout); });
}

}  // namespace lingrok::cli
