// `lingrok check --run DIR [--strict]`: every check of docs/checks.md on one run directory
// (pipeline/stages/check.hpp), written to DIR/report.json and DIR/report.md, with the summary
// table on stdout. Exit 0 unless --strict and a check fails (then 1).
#include <cstdlib>
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "pipeline/stages/check.hpp"
#include "results/run_layout.hpp"

namespace lingrok::cli {

namespace {

struct CheckArgs {
  std::string run;
  bool strict = false;
  std::vector<std::string> only;
};

}  // namespace

void add_check_command(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  auto* cmd = app.add_subcommand("check", "give every claim of the paper a verdict on one run");
  cmd->add_option("--run", args->run, "run directory (data/, theory.json, simulate/, flows/)")
      ->required();
  cmd->add_flag("--strict", args->strict, "exit 1 if any check fails");
  cmd->add_option("--only", args->only, "check ids to run (default: all)");
  cmd->callback([args] {
    const auto reports = stages::run_check(args->run, std::cout, args->only);
    if (args->strict) {
      for (const auto& r : reports) {
        if (r.verdict == Verdict::fails) std::exit(1);
      }
    }
  });
}

}  // namespace lingrok::cli
