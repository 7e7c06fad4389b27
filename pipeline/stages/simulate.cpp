// The simulate stage (`lingrok simulate --config FILE [--data DIR] [--theory FILE] --out DIR`): a
// logged GD run
// (docs/numerics.md#gd-engine) with grokking detection (docs/theory.md#grokking-definition) and
// regime diagnostics (docs/checks.md#gd).
// Writes DIR/trajectory.csv (columns in numerics/gd/trajectory.hpp) and DIR/summary.json;
// with --checkpoint-every N also DIR/checkpoint.json, from which --resume continues a killed
// run to the same trajectory, bit for bit.
#include "pipeline/stages/simulate.hpp"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <ostream>
#include <thread>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "pipeline/interrupt.hpp"
#include "core/output_set.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/csv.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulate_stage.hpp"
#include "results/reference_geometry.hpp"
#include "results/run_layout.hpp"

namespace lingrok::stages {
namespace {

// Progress on `out`: a bar redrawn in place on a terminal, else one line every 10 s.
class Progress {
 public:
  Progress(bool enabled, std::ostream& out, bool tty) : enabled_(enabled), tty_(tty), out_(out) {}
  void operator()(long long t, long long steps) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    const double since = std::chrono::duration<double>(now - last_).count();
    if (since < (tty_ ? 0.2 : 10.0) && t < steps) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double frac = static_cast<double>(t) / static_cast<double>(steps);
    const double rate = elapsed > 0 ? static_cast<double>(t - t0_) / elapsed : 0.0;
    const double eta_s = rate > 0 ? static_cast<double>(steps - t) / rate : 0.0;
    char line[160];
    if (tty_) {
      const int width = 30, filled = static_cast<int>(frac * width);
      std::string bar(static_cast<std::size_t>(filled), '#');
      bar.resize(width, '.');
      std::snprintf(line, sizeof line,
                    "\rsimulate [%s] %5.1f%%  t=%lld  %.3g steps/s  %.0f s left ", bar.c_str(),
                    100 * frac, t, rate, eta_s);
      out_ << line << (t >= steps ? "\n" : "") << std::flush;
    } else {
      std::snprintf(line, sizeof line, "simulate: t=%lld/%lld (%.1f%%), %.3g steps/s, %.0f s left",
                    t, steps, 100 * frac, rate, eta_s);
      out_ << line << '\n';
    }
  }
  void set_start(long long t0) { t0_ = t0; }

 private:
  bool enabled_;
  bool tty_;
  std::ostream& out_;
  long long t0_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// LINGROK_STOP_AT_STEP: a non-negative step, else -1 (unset).
long long stop_at_step_from_environment() {
  const char* text = std::getenv("LINGROK_STOP_AT_STEP");
  if (text == nullptr || *text == '\0') return -1;
  char* end = nullptr;
  const long long t = std::strtoll(text, &end, 10);
  if (*end != '\0' || t < 0) {
    throw InputError(std::string("LINGROK_STOP_AT_STEP=") + text +
                     " is not a step; unset it or give a non-negative integer");
  }
  return t;
}

}  // namespace

void run_simulate(const SimulateRequest& args, std::ostream& log, bool tty) {
  const nlohmann::json config = read_config_file(args.config);
  GdConfig gd = parse_gd_config(config, args.config);
  if (args.checkpoint_every) {
    if (*args.checkpoint_every < 0) {
      throw InputError("--checkpoint-every " + std::to_string(*args.checkpoint_every) +
                       " must be >= 0 (0: no checkpoints)");
    }
    gd.checkpoint_every = *args.checkpoint_every;
  }
  if (args.every) {
    if (*args.every < 0) {
      throw InputError("--every " + std::to_string(*args.every) + " must be >= 0 (0: off)");
    }
    gd.every = *args.every;
  }
  if (args.steps) {
    if (*args.steps < 1) {
      throw InputError("--steps " + std::to_string(*args.steps) + " must be at least 1");
    }
    gd.steps = *args.steps;
  }
  if (args.quiet) gd.progress = false;
  if (args.threads != -1) {
    validate_gd_threads(args.threads, "--threads");
    gd.threads = args.threads;
  }
  const unsigned cores = std::thread::hardware_concurrency();
  if (cores > 0 && gd.threads > static_cast<int>(cores)) {
    log << "simulate: warning: " << gd.threads << " threads on a machine with " << cores
        << " cores wait on each other every step (slow; the results are the same)\n";
  }
  std::uint64_t seed = 1;
  if (config.contains("seed") && config.at("seed").is_number_unsigned()) {
    seed = config.at("seed").get<std::uint64_t>();
  }

  // Data: a directory from `lingrok generate` (or one CSV), else generated in-process.
  DataBundle data;
  std::string data_source;
  if (!args.data.empty()) {
    data = load_data(args.data);
    data_source = args.data;
  } else {
    data = generate_data(parse_data_config(config, args.config));
    data_source = "generated in-process from the configuration's data section";
  }

  // Theory (optional): ŵ, w̃, b̃, S, β.
  ReferenceGeometry geometry;
  const ReferenceGeometry* geometry_ptr = nullptr;
  double theory_beta = std::nan("");
  if (!args.theory.empty()) {
    geometry =
        read_reference_geometry(args.theory, data.train.dim(), data.train.size(), &theory_beta);
    geometry_ptr = &geometry;
  }
  const StepSize step = resolve_step_size(gd, data.train, theory_beta);
  const double eta = step.eta;

  // trajectory.csv and summary.json are committed together (core/output_set.hpp); the
  // checkpoint lives in the output directory itself, beside the earlier complete set.
  OutputSet out_set(args.out, [](const std::string& name) {
    return name == RunLayout::kTrajectoryFile || name == RunLayout::kGdSummaryFile;
  });
  const std::filesystem::path out(out_set.target());
  ensure_directory(out);
  const std::filesystem::path checkpoint_path = out / RunLayout::kCheckpointFile;

  SimulationSetup setup;
  setup.data = &data;
  setup.geometry = geometry_ptr;
  setup.config = gd;
  setup.eta = eta;
  setup.seed = seed;
  if (gd.checkpoint_every > 0) setup.checkpoint_path = checkpoint_path;
  Checkpoint resume;
  if (args.resume) {
    if (!std::filesystem::exists(checkpoint_path)) {
      throw InputError("--resume: " + checkpoint_path.string() +
                       " does not exist; run with --checkpoint-every N first, or drop --resume");
    }
    resume = read_checkpoint(checkpoint_path);
    const std::string differs =
        checkpoint_mismatch(resume, gd, eta, data_fingerprint(data.train), kVersion);
    if (!differs.empty()) {
      throw InputError("--resume: " + checkpoint_path.string() + " continues another run (" +
                       differs +
                       "); resume with the same --config, --data and options, or "
                       "drop --resume");
    }
    setup.resume = &resume;
  }
  Progress progress(gd.progress, log, tty);
  progress.set_start(args.resume ? resume.state.t : 0);
  setup.progress = [&progress](long long t, long long steps) { progress(t, steps); };

  // SIGINT/SIGTERM stop the run at the next chunk boundary (pipeline/interrupt.hpp);
  // LINGROK_STOP_AT_STEP=N stops it there as if a signal had come right after step N's
  // checkpoint (the kill/resume tests, tests/cli/interrupt_test.cpp).
  install_interrupt_handlers();
  const long long stop_at = stop_at_step_from_environment();
  setup.stop_requested = [stop_at](long long t) {
    if (stop_at >= 0 && t >= stop_at) request_stop(SIGTERM);
    return stop_requested() != 0;
  };

  const auto [result, stage_summary] = run_simulate_stage(setup, step);
  if (result.interrupted) {
    const bool saved = gd.checkpoint_every > 0 && std::filesystem::exists(checkpoint_path);
    throw Interrupted(
        stop_requested(),
        "simulate " + result.stop_reason + "; " +
            (saved ? checkpoint_path.string() + " is valid: rerun the same command with --resume "
                                                "to continue"
                   : std::string("no checkpoint was written (checkpoint_every is 0): rerun with "
                                 "--checkpoint-every N to make the run resumable")) +
            "; " + out.string() + " keeps its earlier outputs");
  }
  write_trajectory_csv(out_set.path(RunLayout::kTrajectoryFile), result.trajectory);

  nlohmann::json summary = stage_summary;
  summary["lingrok_version"] = kVersion;
  summary["git"] = kGitDescribe;
  summary["command"] = "simulate";
  summary["config_file"] = args.config;
  summary["config"] = config;
  summary["data_source"] = data_source;
  summary["theory_file"] =
      args.theory.empty() ? nlohmann::json(nullptr) : nlohmann::json(args.theory);
  summary["resumed"] = args.resume;
  write_text_atomically(out_set.path(RunLayout::kGdSummaryFile), summary.dump(2) + "\n");
  out_set.commit();
  // A finished run needs no checkpoint; an interrupted one keeps it for --resume.
  if (result.complete) {
    std::error_code ec;
    std::filesystem::remove(checkpoint_path, ec);
  } else {
    throw NumericalError(result.stop_reason + "; " + (out / RunLayout::kTrajectoryFile).string() +
                         " holds the trajectory so far and summary.json says complete: false");
  }
}

}  // namespace lingrok::stages
