// `lingrok reproduce [--full] [--out DIR]`: the paper's experiments end to end (the README's
// main job). For each configuration of configs/ and each family of pipeline/family.hpp
// (literal, stable, paper-stable; docs/conventions.md#families) it runs generate →
// theory → simulate → integrate → check → plot as child processes of this same binary, two
// runs at a time (the machine has 2 cores), each into OUT/<family>/<config>/ with its log in
// log.txt; then writes OUT/summary.md / summary.json (claim × run verdicts with their key
// numbers, and the grokking table in the shape of the paper's Table 1) and prints the summary
// table. GD steps: the paper's 10^7 for the d = 2 runs of the literal and stable families; in
// the paper-stable family enough to pass the predicted t2 (see gd_steps_for()). `--steps`
// sets one count for all d = 2 runs. The d = 1024 configuration runs at a reduced N and step
// count unless `--full` (both stated in the summary). In the stable and paper-stable families
// the full gradient flow in log time carries each d <= 16 run on from GD's last state, and
// from t = 0, until the late-time conditions settle (`integrate --which logtime`): the
// late-time checks are decided there when GD's log ends too early (docs/checks.md).
#include <chrono>
#include <iomanip>
#include <iostream>
#include <limits>

#include "cli/child_process.hpp"
#include "cli/commands.hpp"
#include "cli/reproduction_summary.hpp"
#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "pipeline/family.hpp"
#include "results/run_layout.hpp"
#include "results/theory_record.hpp"

namespace lingrok::cli {

namespace {

struct ReproduceArgs {
  std::string out = "out";
  std::string configs_dir;
  bool full = false;
  long long steps = 10000000;  // the paper's 10^7
  bool steps_given = false;    // --steps on the command line: one count for every d = 2 run
  long long steps_d1024 = 20000;
  int jobs = 2;
  std::vector<std::string> families{kFamilies.begin(), kFamilies.end()};
  std::vector<std::string> only;
  bool no_sweep = false;
  bool recheck = false;  // only `check` on the runs already in OUT, then the summary
};

struct RunSpec {
  std::string family;
  std::string name;
  std::filesystem::path dir;
  nlohmann::json config;  // the derived configuration written to DIR/config.json
};

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

std::vector<RunSpec> plan_runs(const ReproduceArgs& args, const std::filesystem::path& configs) {
  std::vector<std::string> names = {"d2_S350_350", "d2_S350_50",           "d2_S50_350",
                                    "d2_S350_10",  "d2_D1500_500_S350_50", "d1024_N1e6"};
  std::vector<RunSpec> runs;
  for (const auto& family : args.families) {
    if (!is_family(family)) {
      throw InputError("--families: unknown family \"" + family +
                       "\"; use literal, stable and/or paper-stable");
    }
    for (const auto& name : names) {
      if (!args.only.empty() &&
          std::find(args.only.begin(), args.only.end(), name) == args.only.end())
        continue;
      nlohmann::json c = read_config_file((configs / (name + ".json")).string());
      const bool big = c["data"].value("d", 2) > 16;
      c["data"]["gamma"] = family_gamma(family);
      long long steps = args.steps;
      // The rounding check reruns GD in long double (x87, every point): 2·10^4 steps at
      // d = 1024 took 5 of the run's 7 minutes, so the reduced d = 1024 runs check 2·10^3.
      long long rounding_steps = 20000;
      if (big && !args.full) {
        rounding_steps = 2000;
        // Reduced scale by default: the paper's N = 10^6, 10^7 steps take days here.
        c["data"]["n_plus"] = 1000;
        c["data"]["n_minus"] = 1000;
        c["data"]["n_test_standard"] = 1000;
        c["data"]["n_test_conc"] = 1000;
        steps = args.steps_d1024;
        c["description"] = c.value("description", "") +
                           " [reduced by `lingrok reproduce`: N = 2000, " + std::to_string(steps) +
                           " steps, rounding check over " + std::to_string(rounding_steps) +
                           " steps; --full for the paper's scale]";
      }
      c["gd"] = {
          {"eta", family_eta_is_stable(family) ? nlohmann::json("stable") : nlohmann::json(1e-2)},
          {"steps", steps},
          {"reduction", "sum"},
          {"progress", false},
          {"adversarial", true},
          {"rounding_check", true},
          {"rounding_check_steps", rounding_steps}};
      c["name"] = family + "/" + name;
      runs.push_back({family, name, ReproductionLayout(args.out).run(family, name).dir(), c});
    }
  }
  return runs;
}

// A log-time flow that has not settled by then is stopped: its report says so.
constexpr int kLogTimeSeconds = 300;

// GD steps of a paper-stable d = 2 run: the smallest power of 10 at least twice the predicted
// t2 (docs/theory.md#phases), within [10^7, 10^9] (10^9 steps cost ~7 min here); the flow in
// log time carries the run beyond.
long long gd_steps_for(const TheoryRecord& theory) {
  const double t2 = theory.value_or_nan("phases/t2/t");
  long long steps = 10000000;
  while (steps < 1000000000 && !(static_cast<double>(steps) >= 2 * t2)) steps *= 10;
  return steps;
}

// The pipeline of one run; returns the steps that failed (empty: all succeeded).
std::vector<std::string> run_pipeline(const std::string& exe, const RunSpec& run,
                                      bool steps_given) {
  const RunDirectory run_dir = prepare_run_directory(run.dir, run.config);
  const RunLayout files(run.dir);
  const auto q = [](const std::filesystem::path& p) { return shell_quote(p.string()); };
  const auto& log = run_dir.log;
  const std::string& d = run_dir.dir;
  const std::string& cfg = run_dir.config;
  const std::string data = q(files.data_dir()), theory = q(files.theory_json());
  const std::string grid = q(files.trajectory_csv()), flows = q(files.flows_dir());
  std::vector<std::string> failed;
  if (!run_logged(exe + " generate --config " + cfg + " --out " + data, log)) {
    failed.push_back("generate");
    return failed;
  }
  // The stable family's η = 1/β is computed by the theory; the GD run then reads it back.
  std::string eta = "0.01";
  if (family_eta_is_stable(run.family)) {
    if (!run_logged(exe + " theory --data " + data + " --out " + d, log)) {
      failed.push_back("theory");
      return failed;
    }
    eta = TheoryRecord::read(files.theory_json()).stable_eta_text();
  }
  if (!run_logged(exe + " theory --data " + data + " --eta " + eta + " --out " + d, log))
    failed.push_back("theory");
  // Without a late-time limit (Assumption 3.1 fails, e.g. d = 1024) GD still logs ρ, r and the
  // angle against eq. (7)'s ŵ and support set (read_reference_geometry); ρ - w̃ stays empty.
  const bool small = run.config["data"].value("d", 2) <= 16;
  bool late_time_limit = true;
  if (std::filesystem::exists(files.theory_json())) {
    late_time_limit = TheoryRecord::read(files.theory_json()).assumption_3_1_holds();
  }
  // The paper-stable family's GD runs past the predicted t2 where that is affordable.
  std::string steps_flag;
  if (run.family == "paper-stable" && !steps_given && small &&
      std::filesystem::exists(files.theory_json())) {
    const long long steps = gd_steps_for(TheoryRecord::read(files.theory_json()));
    steps_flag = " --steps " + std::to_string(steps);
    run_logged("echo 'paper-stable: " + std::to_string(steps) +
                   " GD steps (the smallest power of 10 at least 2 t2_predicted, within "
                   "[10^7, 10^9])'",
               log);
  }
  if (!run_logged(exe + " simulate --config " + cfg + " --data " + data + " --theory " + theory +
                      " --out " + q(files.simulate_dir()) + steps_flag + " --quiet",
                  log)) {
    failed.push_back("simulate");
  }
  // The 50-digit bias ODE takes well under a second for any k (numerics/flow/bias_ode.hpp);
  // the timeout only keeps a hung step from holding up the other runs.
  if (!late_time_limit) {
    // The bias ODE needs A+ and A- of the late-time limit, which does not exist here.
    run_logged(
        "echo 'integrate --which bias skipped: theory.json has no late-time limit "
        "(Assumption 3.1 fails), so the bias ODE has no A+, A-'",
        log);
  } else if (!run_logged("timeout 120 " + exe + " integrate --which bias --data " + data +
                             " --theory " + theory + " --grid " + grid + " --out " + flows,
                         log)) {
    failed.push_back("integrate");
  }
  // The coupled support-vector flow (docs/theory.md#coupled-flow, in the bias figure) from GD's
  // state at the first logged step: ~5 s in the stable family. In the literal one (ηβ ≈ 50)
  // GD's state is far from the flow's slow manifold and the stiff transient took more than 10
  // minutes, so it gets 30 s and the log says when it was stopped.
  if (late_time_limit && small &&
      !run_logged("timeout 30 " + exe + " integrate --which coupled --data " + data + " --theory " +
                      theory + " --grid " + grid + " --out " + flows,
                  log)) {
    run_logged(
        "echo 'integrate --which coupled did not finish (stopped at 30 s, or failed as above); "
        "the bias figure shows no coupled flow for this run'",
        log);
  }
  // GD against the flow as η shrinks (the gd_flow_gap figure): a few seconds on the run's
  // training data for d <= 16 (the flow's Jacobian is (d+1)^2; d = 1024 would take hours, and
  // its figure is not part of the reproduction).
  if (small && !run_logged("timeout 120 " + exe + " integrate --which gd-gap --data " + data +
                               " --theory " + theory + " --out " + flows,
                           log)) {
    failed.push_back("integrate gd-gap");
  }
  // The late-time claims where they live (docs/checks.md#decided-on-the-flow): the full flow in
  // log time, continued from GD's last state and from t = 0, until the late-time conditions
  // have settled (or t = 1e60). Not in the literal family: there GD runs at ηβ ≈ 50, and a flow
  // verdict would not speak for it.
  if (late_time_limit && small && run.family != "literal") {
    for (const std::string& from : {" --from-gd " + grid, std::string()}) {
      if (!run_logged("timeout " + std::to_string(kLogTimeSeconds) + " " + exe +
                          " integrate --which logtime --data " + data + " --theory " + theory +
                          from + " --out " + flows,
                      log)) {
        failed.push_back(from.empty() ? "integrate logtime" : "integrate logtime --from-gd");
      }
    }
  }
  if (!run_logged(exe + " check --run " + d, log)) failed.push_back("check");
  if (!run_logged(exe + " plot --run " + d, log)) failed.push_back("plot");
  return failed;
}

void run_reproduce(const ReproduceArgs& args) {
  if (args.jobs < 1) throw InputError("--jobs must be at least 1");
  const auto configs = find_configs_dir(args.configs_dir);
  const auto runs = plan_runs(args, configs);
  ensure_directory(args.out);
  const std::string exe = shell_quote(self_exe());
  const auto start = std::chrono::steady_clock::now();
  std::cerr << "lingrok reproduce: " << runs.size() << " runs, " << args.jobs << " at a time, into "
            << args.out << "\n";
  std::vector<std::vector<std::string>> failures(runs.size());
  ParallelProgress progress;
  progress.started = [&](std::size_t i) {
    std::cerr << "  start " << runs[i].family << "/" << runs[i].name << "\n";
  };
  progress.finished = [&](std::size_t i, std::size_t done) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "  [" << done << "/" << runs.size() << "] " << runs[i].family << "/"
              << runs[i].name
              << (failures[i].empty() ? " done" : " FAILED in " + failures[i].front()) << " ("
              << std::fixed << std::setprecision(0) << s << " s)\n";
  };
  // --recheck: the checks evolve faster than a 10^9-step run is worth repeating; the runs' data,
  // GD logs and flows are kept and only `check` (and `plot`) run again.
  const auto recheck = [&](const RunSpec& run) {
    std::vector<std::string> failed;
    const RunLayout files(run.dir);
    if (!std::filesystem::exists(files.config_json())) return std::vector<std::string>{"missing"};
    const std::string d = shell_quote(run.dir.string());
    if (!run_logged(exe + " check --run " + d, files.log_txt())) failed.push_back("check");
    if (!run_logged(exe + " plot --run " + d, files.log_txt())) failed.push_back("plot");
    return failed;
  };
  run_in_parallel(
      runs.size(), args.jobs,
      [&](std::size_t i) {
        failures[i] =
            args.recheck ? recheck(runs[i]) : run_pipeline(exe, runs[i], args.steps_given);
      },
      progress);
  // The bound-versus-observed figure needs runs over the support-vector imbalance: a reduced
  // `lingrok sweep` (configs/sweep_reproduce.json; configs/sweep.json is the full one).
  if (!args.no_sweep && !args.recheck) {
    const auto sweep_config = configs / "sweep_reproduce.json";
    const SweepLayout sweep_out = ReproductionLayout(args.out).sweep();
    if (!std::filesystem::exists(sweep_config)) {
      std::cerr << "  sweep skipped: " << sweep_config.string() << " is missing\n";
    } else {
      std::cerr << "  start sweep (bound versus observed, " << sweep_config.filename().string()
                << ")\n";
      ensure_directory(sweep_out.dir());
      const bool ok = run_logged(exe + " sweep --config " + shell_quote(sweep_config.string()) +
                                     " --out " + shell_quote(sweep_out.dir().string()) +
                                     " --jobs " + std::to_string(args.jobs),
                                 sweep_out.log_txt());
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::cerr << "  sweep " << (ok ? "done" : "FAILED (see sweep/log.txt)") << " (" << std::fixed
                << std::setprecision(0) << s
                << " s): " << (sweep_out.figures_dir() / "bound_vs_observed.png").string() << "\n";
    }
  }
  write_reproduction_summary(args.out, configs);
}

}  // namespace

void add_reproduce_command(CLI::App& app) {
  auto args = std::make_shared<ReproduceArgs>();
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
    run_reproduce(*args);
  });
}

}  // namespace lingrok::cli
