#include "cli/commands.hpp"
#include "core/error.hpp"

namespace lingrok::cli {
void add_generate_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("generate", "write the paper's data sets as CSV");
  cmd->callback([] { throw InputError("generate: not implemented yet"); });
}
}  // namespace lingrok::cli
