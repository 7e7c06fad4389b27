// `lingrok reproduce [--full] [--out DIR]`: the reproduce plan (pipeline/reproduce_plan.hpp)
// from the command line; progress and the summary table on stderr.
#include <iostream>
#include <limits>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "pipeline/child_process.hpp"
#include "pipeline/reproduce_plan.hpp"

namespace lingrok::cli {

namespace {

std::filesystem::path find_configs_dir(const std::string& given) {
  if (!given.empty()) return given;
  // The source tree's configs/: next to the build directory (build/cli/lingrok) or the cwd.
  for (const auto& p :
       {std::filesystem::path("configs"),
        std::filesystem::path(self_exe()).parent_path() / ".." / ".." / "configs"}) {
    if (std::filesystem::exists(p / "d2_S350_50.json")) return p;
  }
  throw InputError(
      "cannot find the configs/ directory; run from the repository root or pass --configs DIR");
}

}  // namespace

void add_reproduce_command(CLI::App& app) {
  auto args = std::make_shared<ReproduceRequest>();
  auto* cmd = app.add_subcommand(
      "reproduce", "run the paper's experiments end to end: data, theory, GD, checks, figures");
  cmd->add_option("--out", args->out, "output directory")->capture_default_str();
  cmd->add_flag("--full", args->full,
                "run the d = 1024 configuration at the paper's scale (N = 10^6, 10^7 steps)");
  cmd->add_option("--steps", args->steps, "GD steps for the d = 2 runs (the paper: 10000000)")
      ->check(CLI::Range(1LL, std::numeric_limits<long long>::max()))
      ->capture_default_str();
  cmd->add_option("--jobs", args->jobs, "runs at a time")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--families", args->families, "literal, stable and/or paper-stable")
      ->capture_default_str();
  cmd->add_option("--only", args->only, "configuration names to run (default: all)");
  cmd->add_flag("--recheck", args->recheck,
                "keep the runs already in --out (data, GD, flows) and only run check and plot "
                "again, then the summary");
  cmd->add_flag("--no-sweep", args->no_sweep,
                "skip the bound-versus-observed sweep (configs/sweep_reproduce.json)");
  cmd->add_option("--configs", args->configs_dir,
                  "directory of the configuration files (default: ./configs)");
  cmd->callback([args, cmd] {
    args->steps_given = cmd->count("--steps") > 0;
    ReproduceRequest request = *args;
    request.configs_dir = find_configs_dir(args->configs_dir).string();
    request.lingrok = self_exe();
    run_reproduce_plan(request, std::cerr, std::cout);
  });
}

}  // namespace lingrok::cli
