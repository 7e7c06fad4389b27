// `lingrok protocols --out DIR`: the protocol search (pipeline/protocols_run.hpp) from the command
// line; progress on stderr, the attribution tables on stdout.
#include <iostream>

#include "cli/commands.hpp"
#include "pipeline/protocols_run.hpp"

namespace lingrok::cli {

void add_protocols_command(CLI::App& app) {
  auto args = std::make_shared<ProtocolsRequest>();
  auto* cmd = app.add_subcommand(
      "protocols",
      "search the protocol choices the paper leaves open (planting, S/D sets, family, "
      "reduction, Def. 3.4 variant, eps, seeds, rounding) and attribute its Table 1 and Figure 4 "
      "(docs/checks.md#protocol-attribution)");
  cmd->add_option("--out", args->out, "output directory")->required();
  cmd->add_option("--preset", args->options.preset, "default (the grid) or tiny (seconds)")
      ->capture_default_str();
  cmd->add_option("--steps", args->options.steps, "GD steps of the d = 2 runs (0: the preset's)");
  cmd->add_option("--seeds", args->options.seeds, "data seeds (default 1 2 3)");
  cmd->add_option("--jobs", args->jobs, "runs at a time")->capture_default_str();
  cmd->add_option("--cluster-lambda", args->options.cluster_lambda,
                  "cluster planting: shrink factor of the planted points towards the slice centre")
      ->capture_default_str();
  cmd->add_flag("!--no-d1024", args->options.d1024, "skip the reduced d = 1024 runs");
  cmd->add_option("--paper-table1", args->paper_table1, "the paper's Table 1 as data")
      ->capture_default_str();
  cmd->add_option("--paper-figure4", args->paper_figure4, "the paper's Figure 4 statements")
      ->capture_default_str();
  cmd->add_option("--format", args->format, "figure format: png, svg or pdf")
      ->capture_default_str();
  cmd->add_flag("--no-figure", args->no_figure, "do not draw figure4");
  cmd->add_flag("--quiet", args->quiet, "no progress lines");
  cmd->callback([args] { run_protocols(*args, std::cerr, std::cout); });
}

}  // namespace lingrok::cli
