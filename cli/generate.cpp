// `lingrok generate --config FILE --out DIR`: the generate stage (pipeline/stages/generate.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "pipeline/stages/generate.hpp"

namespace lingrok::cli {

void add_generate_command(CLI::App& app) {
  auto args = std::make_shared<stages::GenerateRequest>();
  auto* cmd = app.add_subcommand("generate", "write the paper's data sets (docs/data.md) as CSV");
  cmd->add_option("--config", args->config,
                  "configuration file (JSON), e.g. configs/d2_S350_350.json")
      ->required();
  cmd->add_option("--out", args->out, "output directory")->required();
  cmd->callback([args] { stages::run_generate(*args, std::cout); });
}

}  // namespace lingrok::cli
