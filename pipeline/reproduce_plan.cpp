// The reproduce plan (`lingrok reproduce`, the README's main job; docs/DEVELOPING.md#pipeline).
// For each configuration of configs/ and each family of pipeline/family.hpp (literal, stable,
// paper-stable; docs/conventions.md#families) it runs the stages generate → theory → simulate →
// integrate → check → plot in this process (pipeline/stages/), `jobs` runs at a time, each into
// OUT/<family>/<config>/ with its stages' reports in log.txt; then writes OUT/summary.md /
// summary.json (claim × run verdicts with their key numbers, and the grokking table in the
// shape of the paper's Table 1) and prints the summary table. GD steps: the paper's 10^7 for the
// d = 2 runs of the literal and stable families; in the paper-stable family enough to pass the
// predicted t2 (see gd_steps_for()). `steps` sets one count for all d = 2 runs. The d = 1024
// configuration runs at a reduced N and step count unless `full` (both stated in the summary).
// In the stable and paper-stable families the full gradient flow in log time carries each
// d <= 16 run on from GD's last state, and from t = 0, until the late-time conditions settle:
// the late-time checks are decided there when GD's log ends too early (docs/checks.md).
#include "pipeline/reproduce_plan.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iomanip>
#include <limits>
#include <numeric>
#include <ostream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "pipeline/family.hpp"
#include "pipeline/interrupt.hpp"
#include "pipeline/job_pool.hpp"
#include "pipeline/reproduction_summary.hpp"
#include "pipeline/run_directory.hpp"
#include "pipeline/run_stage.hpp"
#include "pipeline/stages/check.hpp"
#include "pipeline/stages/generate.hpp"
#include "pipeline/stages/integrate.hpp"
#include "pipeline/stages/plot.hpp"
#include "pipeline/stages/simulate.hpp"
#include "pipeline/stages/theory.hpp"
#include "pipeline/sweep_plan.hpp"
#include "results/run_layout.hpp"
#include "results/theory_record.hpp"

namespace lingrok {

namespace {

using ReproduceArgs = ReproduceRequest;

struct RunSpec {
  std::string family;
  std::string name;
  std::filesystem::path dir;
  nlohmann::json config;  // the derived configuration written to DIR/config.json
};

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

// Time limits of the flows (core/deadline.hpp). The 50-digit bias ODE takes well under a second
// for any k (numerics/flow/bias_ode.hpp) and the GD-vs-flow gap a few seconds: their limits only
// keep a hung stage from holding up the other runs. The coupled support-vector flow gets 30 s: in
// the literal family (ηβ ≈ 50) GD's state is far from the flow's slow manifold and its stiff
// transient took more than 10 minutes. A log-time flow that has not settled in 300 s is stopped,
// and its report says so.
constexpr double kBiasSeconds = 120;
constexpr double kCoupledSeconds = 30;
constexpr double kGdGapSeconds = 120;
constexpr double kLogTimeSeconds = 300;

// GD steps of a paper-stable d = 2 run: the smallest power of 10 at least twice the predicted
// t2 (docs/theory.md#phases), within [10^7, 10^9] (10^9 steps cost ~7 min here); the flow in
// log time carries the run beyond.
long long gd_steps_for(const TheoryRecord& theory) {
  const double t2 = theory.value_or_nan("phases/t2/t");
  long long steps = 10000000;
  while (steps < 1000000000 && !(static_cast<double>(steps) >= 2 * t2)) steps *= 10;
  return steps;
}

// A path as one shell word, for the logged commands.
std::string arg(const std::filesystem::path& p) { return shell_quote(p.string()); }

// The last two stages of a run, also all that `recheck` runs again.
void check_and_plot(const std::filesystem::path& dir, std::ostream& log,
                    std::vector<std::string>& failed) {
  if (!run_stage(log, "check --run " + arg(dir),
                 [&](std::ostream& l) { stages::run_check(dir, l); }))
    failed.push_back("check");
  stages::PlotRequest plot;
  plot.run = dir.string();
  if (!run_stage(log, "plot --run " + arg(dir),
                 [&](std::ostream& l) { stages::run_plot(plot, l); }))
    failed.push_back("plot");
}

// The stages of one run, in this process; returns the stages that failed (empty: all succeeded).
std::vector<std::string> run_pipeline(const RunSpec& run, bool steps_given) {
  const RunLayout files(run.dir);
  std::ofstream log(prepare_run_directory(run.dir, run.config), std::ios::app);
  const std::string data = files.data_dir().string(), theory = files.theory_json().string();
  const std::string grid = files.trajectory_csv().string(), flows = files.flows_dir().string();
  const std::string config = files.config_json().string();
  std::vector<std::string> failed;
  const stages::GenerateRequest generate{config, data};
  if (!run_stage(log, "generate --config " + arg(config) + " --out " + arg(data),
                 [&](std::ostream& l) { stages::run_generate(generate, l); })) {
    failed.push_back("generate");
    return failed;
  }
  // The stable family's η = 1/β is computed by the theory; the GD run then reads it back.
  stages::TheoryRequest theory_request;
  theory_request.data = data;
  theory_request.out = run.dir.string();
  const std::string theory_command = "theory --data " + arg(data) + " --out " + arg(run.dir);
  if (family_eta_is_stable(run.family)) {
    if (!run_stage(log, theory_command,
                   [&](std::ostream& l) { stages::run_theory(theory_request, l); })) {
      failed.push_back("theory");
      return failed;
    }
    theory_request.eta = TheoryRecord::read(files.theory_json()).stable_eta_text();
  }
  if (!run_stage(log, theory_command + " --eta " + theory_request.eta,
                 [&](std::ostream& l) { stages::run_theory(theory_request, l); }))
    failed.push_back("theory");
  // Without a late-time limit (Assumption 3.1 fails, e.g. d = 1024) GD still logs ρ, r and the
  // angle against eq. (7)'s ŵ and support set (read_reference_geometry); ρ - w̃ stays empty.
  const bool small = run.config["data"].value("d", 2) <= 16;
  bool late_time_limit = true;
  if (std::filesystem::exists(files.theory_json())) {
    late_time_limit = TheoryRecord::read(files.theory_json()).assumption_3_1_holds();
  }
  stages::SimulateRequest simulate;
  simulate.config = config;
  simulate.data = data;
  simulate.theory = theory;
  simulate.out = files.simulate_dir().string();
  simulate.quiet = true;
  std::string simulate_command = "simulate --config " + arg(config) + " --data " + arg(data) +
                                 " --theory " + arg(theory) + " --out " + arg(files.simulate_dir());
  // The paper-stable family's GD runs past the predicted t2 where that is affordable.
  if (run.family == "paper-stable" && !steps_given && small &&
      std::filesystem::exists(files.theory_json())) {
    simulate.steps = gd_steps_for(TheoryRecord::read(files.theory_json()));
    simulate_command += " --steps " + std::to_string(*simulate.steps);
    log << "paper-stable: " << *simulate.steps
        << " GD steps (the smallest power of 10 at least 2 t2_predicted, within [10^7, 10^9])\n";
  }
  if (!run_stage(log, simulate_command + " --quiet",
                 [&](std::ostream& l) { stages::run_simulate(simulate, l, false); }))
    failed.push_back("simulate");

  auto flow = [&](const std::string& which, double seconds) {
    stages::IntegrateRequest r;
    r.which = which;
    r.data = data;
    r.theory = theory;
    r.out = flows;
    r.time_limit = seconds;
    return r;
  };
  const std::string flow_args = " --data " + arg(data) + " --theory " + arg(theory);
  if (!late_time_limit) {
    // The bias ODE needs A+ and A- of the late-time limit, which does not exist here.
    log << "\nintegrate --which bias skipped: theory.json has no late-time limit (Assumption "
           "3.1 fails), so the bias ODE has no A+, A-\n";
  } else {
    stages::IntegrateRequest bias = flow("bias", kBiasSeconds);
    bias.grid = grid;
    if (!run_stage(
            log,
            "integrate --which bias" + flow_args + " --grid " + arg(grid) + " --out " + arg(flows),
            [&](std::ostream& l) { stages::run_integrate(bias, l); }))
      failed.push_back("integrate");
  }
  // The coupled support-vector flow (docs/theory.md#coupled-flow, in the bias figure) from GD's
  // state at the first logged step: ~5 s in the stable family.
  if (late_time_limit && small) {
    stages::IntegrateRequest coupled = flow("coupled", kCoupledSeconds);
    coupled.grid = grid;
    if (!run_stage(log,
                   "integrate --which coupled" + flow_args + " --grid " + arg(grid) + " --out " +
                       arg(flows),
                   [&](std::ostream& l) { stages::run_integrate(coupled, l); }))
      log << "integrate --which coupled did not finish (stopped at its time limit, or failed as "
             "above); the bias figure shows no coupled flow for this run\n";
  }
  // GD against the flow as η shrinks (the gd_flow_gap figure): a few seconds on the run's
  // training data for d <= 16 (the flow's Jacobian is (d+1)^2; d = 1024 would take hours, and
  // its figure is not part of the reproduction).
  if (small) {
    const stages::IntegrateRequest gap = flow("gd-gap", kGdGapSeconds);
    if (!run_stage(log, "integrate --which gd-gap" + flow_args + " --out " + arg(flows),
                   [&](std::ostream& l) { stages::run_integrate(gap, l); }))
      failed.push_back("integrate gd-gap");
  }
  // The late-time claims where they live (docs/checks.md#decided-on-the-flow): the full flow in
  // log time, continued from GD's last state and from t = 0, until the late-time conditions
  // have settled (or t = 1e60); without a late-time limit (d = 1024) until ||ρ|| has settled,
  // which decides T4.1 (about a minute per flow there). Not in the literal family: there GD runs
  // at ηβ ≈ 50, and a flow verdict would not speak for it.
  if (run.family != "literal") {
    for (const bool from_gd : {true, false}) {
      stages::IntegrateRequest logtime = flow("logtime", kLogTimeSeconds);
      if (from_gd) logtime.from_gd = grid;
      if (!run_stage(log,
                     "integrate --which logtime" + flow_args +
                         (from_gd ? " --from-gd " + arg(grid) : std::string()) + " --out " +
                         arg(flows),
                     [&](std::ostream& l) { stages::run_integrate(logtime, l); })) {
        failed.push_back(from_gd ? "integrate logtime --from-gd" : "integrate logtime");
      }
    }
  }
  check_and_plot(run.dir, log, failed);
  return failed;
}

}  // namespace

void run_reproduce_plan(const ReproduceRequest& args, std::ostream& progress_out,
                        std::ostream& report) {
  if (args.jobs < 1) throw InputError("--jobs must be at least 1");
  const std::filesystem::path& configs = args.configs_dir;
  const auto runs = plan_runs(args, configs);
  ensure_directory(args.out);
  const auto start = std::chrono::steady_clock::now();
  progress_out << "lingrok reproduce: " << runs.size() << " runs, " << args.jobs
               << " at a time, into " << args.out << std::endl;
  std::vector<std::vector<std::string>> failures(runs.size());
  // Longest first: the paper-stable d <= 16 runs make up to 10^9 GD steps (4-7 min each
  // here) against seconds to minutes for the others, which then fill the other workers instead
  // of leaving one 10^9-step run alone at the end. Results go by run index, so the order
  // changes only the progress lines.
  std::vector<std::size_t> order(runs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (!args.steps_given && !args.recheck) {
    std::stable_partition(order.begin(), order.end(), [&](std::size_t i) {
      return runs[i].family == "paper-stable" && runs[i].config["data"].value("d", 2) <= 16;
    });
  }
  JobProgress progress;
  progress.started = [&](std::size_t k) {
    const std::size_t i = order[k];
    progress_out << "  start " << runs[i].family << "/" << runs[i].name << std::endl;
  };
  progress.finished = [&](std::size_t k, std::size_t done) {
    const std::size_t i = order[k];
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress_out << "  [" << done << "/" << runs.size() << "] " << runs[i].family << "/"
                 << runs[i].name
                 << (failures[i].empty() ? " done" : " FAILED in " + failures[i].front()) << " ("
                 << std::fixed << std::setprecision(0) << s << " s)" << std::defaultfloat
                 << std::endl;
  };
  // recheck: the checks evolve faster than a 10^9-step run is worth repeating; the runs' data,
  // GD logs and flows are kept and only check (and plot) run again.
  const auto recheck = [&](const RunSpec& run) {
    std::vector<std::string> failed;
    const RunLayout files(run.dir);
    if (!std::filesystem::exists(files.config_json())) return std::vector<std::string>{"missing"};
    std::ofstream log(files.log_txt(), std::ios::app);
    check_and_plot(run.dir, log, failed);
    return failed;
  };
  // SIGINT/SIGTERM: GD and the flows stop at their next poll, the other stages end, no run
  // starts (pipeline/interrupt.hpp); every stage's output set is then the earlier or the new one.
  install_interrupt_handlers();
  try {
    run_jobs(
        runs.size(), args.jobs,
        [&](std::size_t k) {
          const std::size_t i = order[k];
          failures[i] = args.recheck ? recheck(runs[i]) : run_pipeline(runs[i], args.steps_given);
        },
        progress);
  } catch (const Interrupted& e) {
    throw Interrupted(e.signal(), std::string("reproduce interrupted by ") +
                                      (e.signal() == SIGINT ? "SIGINT" : "SIGTERM") +
                                      "; each stage's outputs are its earlier set or its new one; "
                                      "rerun the same command to start again");
  }
  // The bound-versus-observed figure needs runs over the support-vector imbalance: a reduced
  // sweep (configs/sweep_reproduce.json; configs/sweep.json is the full one).
  if (!args.no_sweep && !args.recheck) {
    const auto sweep_config = configs / "sweep_reproduce.json";
    const SweepLayout sweep_out = ReproductionLayout(args.out).sweep();
    if (!std::filesystem::exists(sweep_config)) {
      progress_out << "  sweep skipped: " << sweep_config.string() << " is missing" << std::endl;
    } else {
      progress_out << "  start sweep (bound versus observed, " << sweep_config.filename().string()
                   << ")" << std::endl;
      ensure_directory(sweep_out.dir());
      SweepRequest sweep;
      sweep.config = sweep_config.string();
      sweep.out = sweep_out.dir().string();
      sweep.jobs = args.jobs;
      sweep.lingrok = args.lingrok;
      std::ofstream log(sweep_out.log_txt());
      const bool ok = run_stage(log,
                                "sweep --config " + arg(sweep_config) + " --out " +
                                    arg(sweep_out.dir()) + " --jobs " + std::to_string(args.jobs),
                                [&](std::ostream& l) { run_sweep_plan(sweep, l, l); });
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      progress_out << "  sweep " << (ok ? "done" : "FAILED (see sweep/log.txt)") << " ("
                   << std::fixed << std::setprecision(0) << s << std::defaultfloat
                   << " s): " << (sweep_out.figures_dir() / "bound_vs_observed.png").string()
                   << std::endl;
    }
  }
  write_reproduction_summary(args.out, configs, report);
}

}  // namespace lingrok
