// `lingrok simulate`: the simulate stage (pipeline/stages/simulate.hpp) from the command line;
// progress on stderr.
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "pipeline/stages/simulate.hpp"

namespace lingrok::cli {

void add_simulate_command(CLI::App& app) {
  auto args = std::make_shared<stages::SimulateRequest>();
  auto* cmd = app.add_subcommand(
      "simulate",
      "run logged gradient descent (docs/numerics.md#gd-engine) with grokking detection and "
      "regime checks");
  cmd->add_option("--config", args->config, "configuration JSON (its gd section and seed)")
      ->required();
  cmd->add_option("--data", args->data,
                  "data directory from `lingrok generate` (or one CSV); default: generate from "
                  "the configuration's data section");
  cmd->add_option("--theory", args->theory,
                  "theory.json from `lingrok theory` (w_hat, w_tilde, S)");
  cmd->add_option("--out", args->out, "output directory")->required();
  cmd->add_option("--checkpoint-every", args->checkpoint_every,
                  "write checkpoint.json every N steps (overrides gd.checkpoint_every)");
  cmd->add_option("--every", args->every, "also log every K steps (overrides gd.every)");
  cmd->add_option("--steps", args->steps, "number of steps (overrides gd.steps)");
  cmd->add_option("--threads", args->threads,
                  "threads for the GD kernel (overrides gd.threads; a resumed run needs the "
                  "same count)");
  cmd->add_flag("--resume", args->resume, "continue from OUT/checkpoint.json");
  cmd->add_flag("--quiet", args->quiet, "no progress output");
  cmd->callback([args] { stages::run_simulate(*args, std::cerr, ::isatty(STDERR_FILENO) != 0); });
}

}  // namespace lingrok::cli
