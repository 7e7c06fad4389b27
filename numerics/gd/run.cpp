// The logged GD run of `lingrok simulate` (simulation.hpp, docs/numerics.md#gd-engine): the fast
// engine (gd_engine.cpp) stepped from log point to log point of the grid, a trajectory row
// (trajectory.hpp) at each, checkpoints every `checkpoint_every` steps, resume, stop requests at
// chunk boundaries, and the divergence stop.
#include <algorithm>
#include <chrono>
#include <limits>

#include "core/error.hpp"
#include "core/version.hpp"
#include "numerics/gd/simulation.hpp"
#include "numerics/pgd/pgd.hpp"

namespace lingrok {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

SimulationResult run_gd_simulation(const SimulationSetup& setup) {
  const auto start = std::chrono::steady_clock::now();
  const GdConfig& cfg = setup.config;
  const DataBundle& data = *setup.data;
  const GdOptions opt = gd_options(cfg, setup.eta);
  GdEngine engine(data.train, opt);

  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = setup.geometry;
  ctx.loss = cfg.loss;
  ctx.reduction = cfg.reduction;
  if (cfg.adversarial) {
    const Dataset* standard = data.find_test("test_standard");
    if (standard == nullptr) {
      throw InputError("gd.adversarial needs the standard test set (test_standard.csv)");
    }
    ctx.adversarial = adversarial_accuracies(*standard, setup.seed);
  }

  SimulationResult result;
  result.trajectory.columns = trajectory_columns(ctx);
  if (setup.resume != nullptr) {
    if (setup.resume->trajectory.columns != result.trajectory.columns) {
      throw InputError(
          "checkpoint was written with other trajectory columns; run without --resume");
    }
    engine.restore(setup.resume->state);
    result.trajectory.rows = setup.resume->trajectory.rows;
  }
  const std::vector<long long> grid = log_grid(cfg.steps, cfg.log_per_decade, cfg.every);
  auto next_log = std::upper_bound(grid.begin(), grid.end(), engine.t());
  if (setup.resume == nullptr) {
    // t = 0 is the first grid point.
    result.trajectory.rows.push_back(measure_row(ctx, 0, engine.w(), engine.b(), kNan));
    next_log = std::upper_bound(grid.begin(), grid.end(), 0LL);
  }
  const long long t_begin = engine.t();
  const long long progress_chunk = std::max(1LL, cfg.steps / 1000);
  long long last_checkpoint_t = -1;
  const auto checkpoint = [&] {
    Checkpoint c;
    c.state = engine.state();
    c.trajectory = result.trajectory;
    c.config = nlohmann::json::parse(checkpoint_identity_config(cfg));
    c.data_fingerprint = data_fingerprint(data.train);
    c.eta = setup.eta;
    c.lingrok_version = kVersion;
    write_checkpoint(setup.checkpoint_path, c);
    last_checkpoint_t = engine.t();
  };
  while (engine.t() < cfg.steps) {
    long long target = next_log != grid.end() ? *next_log : cfg.steps;
    if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty()) {
      target = std::min(target, (engine.t() / cfg.checkpoint_every + 1) * cfg.checkpoint_every);
    }
    target = std::min(target, (engine.t() / progress_chunk + 1) * progress_chunk);
    engine.run_to(target);
    if (engine.diverged()) break;
    if (next_log != grid.end() && engine.t() == *next_log) {
      result.trajectory.rows.push_back(
          measure_row(ctx, engine.t(), engine.w(), engine.b(), engine.update_cosine()));
      ++next_log;
    }
    if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty() &&
        engine.t() % cfg.checkpoint_every == 0 && engine.t() < cfg.steps) {
      checkpoint();
    }
    if (setup.progress && engine.t() % progress_chunk == 0) setup.progress(engine.t(), cfg.steps);
    // A stop request is honoured at a chunk boundary or right after a checkpoint, points
    // where the uninterrupted run also splits its steps, so that the checkpoint resumes to the
    // same bits.
    if (setup.stop_requested && engine.t() < cfg.steps &&
        (engine.t() % progress_chunk == 0 || last_checkpoint_t == engine.t()) &&
        setup.stop_requested(engine.t())) {
      if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty() &&
          last_checkpoint_t != engine.t()) {
        checkpoint();
      }
      result.complete = false;
      result.interrupted = true;
      result.stop_reason = "interrupted at step " + std::to_string(engine.t());
      break;
    }
  }
  if (engine.diverged()) {
    result.complete = false;
    result.stop_reason = "diverged: the parameters became NaN or Inf at step " +
                         std::to_string(engine.t() + 1) +
                         "; the trajectory ends at the last finite step " +
                         std::to_string(engine.t()) + " (reduce eta, e.g. eta = \"stable\")";
    const bool logged = !result.trajectory.rows.empty() &&
                        result.trajectory.rows.back()[0] == static_cast<double>(engine.t());
    if (!logged) {
      result.trajectory.rows.push_back(
          measure_row(ctx, engine.t(), engine.w(), engine.b(), engine.update_cosine()));
    }
  }
  result.final_state = engine.state();
  result.final_state.active.clear();   // large and of no interest in a summary
  result.final_state.ref_z.resize(0);  // the kernel's cache, likewise
  result.final_state.ref_e.resize(0);
  result.steps_run = engine.t() - t_begin;
  result.active_points = engine.active_points();
  result.rescreenings = engine.rescreenings();
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace lingrok
