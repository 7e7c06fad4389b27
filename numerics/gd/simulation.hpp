// A logged GD run as `lingrok simulate` performs it (docs/numerics.md#gd-engine,
// docs/theory.md#grokking-time, docs/checks.md#gd): the `gd` configuration section, the run with
// its log grid, checkpoints and resume, the regime diagnostics and the summary. Implemented by
// gd/config.cpp (the section), checkpoint.cpp, run.cpp (the run loop), regime.cpp (period-2
// fraction, rounding check) and summary.cpp (summary.json).
//
// The `gd` section (unknown keys are errors; defaults in brackets):
//   eta               step size η > 0, or "stable" for 1/β                          [0.01]
//   steps             number of GD steps T ≥ 1                                       [1e7]
//   loss              "logistic" | "exponential"                                     ["logistic"]
//   reduction         "sum" | "mean"                                                 ["sum"]
//   w0, b0            start point                                                    [0, 0]
//   log_per_decade    log-spaced rows per decade of t                                 [50]
//   every             also log every K steps (0: off)                                 [0]
//   adversarial       PGD and exact robust accuracy at each logged step               [false]
//   rounding_check    rerun the first rounding_check_steps steps in long double        [false]
//   rounding_check_steps                                                             [100000]
//   checkpoint_every  write checkpoint.json every N steps (0: off)                   [0]
//   progress          progress on stderr                                              [true]
//   shortcuts         fast-path shortcuts (numerics/gd/gd.hpp); false: plain double   [true]
//   threads           threads for the vector kernel, 1..64 (GdOptions::threads)       [1]
//   slices            slices of the kernel's sums, 0..64 (0: one per thread; a rounding
//                     variant, GdOptions::slices)                                     [0]
//   epsilons          ε list for grokking detection                   [[0, 1e-3, 1e-2, 5e-2]]
//   zeta_min          delay ζ that counts as grokking                                 [100]
//   period2_cosine    update cosine below which a step counts as period-2             [-0.99]
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "numerics/gd/gd.hpp"
#include "numerics/gd/grokking_detection.hpp"
#include "numerics/gd/trajectory.hpp"

namespace lingrok {

struct GdConfig {
  bool eta_stable = false;
  double eta = 1e-2;  // when !eta_stable
  long long steps = 10000000;
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  std::vector<double> w0;
  double b0 = 0.0;
  int log_per_decade = 50;
  long long every = 0;
  bool adversarial = false;
  bool rounding_check = false;
  long long rounding_check_steps = 100000;
  long long checkpoint_every = 0;
  bool progress = true;
  bool shortcuts = true;
  int threads = 1;
  int slices = 0;
  DetectionOptions detection;
  double period2_cosine = -0.99;
};

// Reads the `gd` section of a configuration (absent: all defaults). Throws InputError.
GdConfig parse_gd_config(const nlohmann::json& config, const std::string& where);
nlohmann::json to_json(const GdConfig& config);
// The engine's options for a configuration run at step size `eta` (resolved: 1/β for "stable").
GdOptions gd_options(const GdConfig& config, double eta);

// The reference geometry (ŵ, w̃, b̃, S) comes from theory.json through
// results/reference_geometry.hpp, which fills numerics/gd/gd.hpp's ReferenceGeometry.

// What a checkpoint holds besides the engine state: the trajectory so far and the identity of
// the run it continues, which a resume must match. On disk it carries a checksum over all of
// it, so a changed digit or a cut-short file is refused rather than resumed.
struct Checkpoint {
  GdState state;
  Trajectory trajectory;
  nlohmann::json config;         // checkpoint_identity_config of the run's GdConfig
  std::string data_fingerprint;  // data_fingerprint(train)
  double eta = 0;
  std::string lingrok_version;  // kVersion of the writer
};
// FNV-1a over the training data's bytes, as hex.
std::string data_fingerprint(const Dataset& train);
// to_json(config) without the presentation options (progress), as canonical JSON text.
std::string checkpoint_identity_config(const GdConfig& config);
// FNV-1a over the checkpoint's JSON without its "checksum" key, in nlohmann's canonical (sorted)
// dump. It detects corruption (a changed digit, a cut), not deliberate forgery.
std::string checkpoint_checksum(nlohmann::json checkpoint_json);
void write_checkpoint(const std::filesystem::path& path, const Checkpoint& checkpoint);
// Throws InputError when the checksum, the format or any field is wrong (a negative t, rows
// that do not match the columns, unsorted active indices, non-finite parameters).
Checkpoint read_checkpoint(const std::filesystem::path& path);
Checkpoint checkpoint_from_json(const nlohmann::json& j, const std::string& where);
// Empty when `checkpoint` continues the run of (config, eta, data, version), else what differs
// in words ("gd.steps was 1000, now 2000").
std::string checkpoint_mismatch(const Checkpoint& checkpoint, const GdConfig& config, double eta,
                                const std::string& fingerprint, const std::string& version);

struct SimulationSetup {
  const DataBundle* data = nullptr;
  const ReferenceGeometry* geometry = nullptr;  // optional
  GdConfig config;
  double eta = 0;                         // resolved (1/β for "stable")
  std::uint64_t seed = 0;                 // for PGD random starts
  std::filesystem::path checkpoint_path;  // empty: no checkpoints
  const Checkpoint* resume = nullptr;     // continue from here
  // Called now and then with (t, steps); the CLI turns it into a progress line.
  std::function<void(long long, long long)> progress;
  // Polled now and then with t; true stops the run there (after writing a checkpoint when
  // checkpoints are on) with result.interrupted (the CLI's SIGINT/SIGTERM handling).
  std::function<bool(long long)> stop_requested;
};

struct SimulationResult {
  Trajectory trajectory;
  GdState final_state;
  bool complete = true;
  bool interrupted = false;  // stopped by setup.stop_requested
  std::string stop_reason;   // empty when complete
  double wall_s = 0;         // this process's share (a resumed run counts from the resume)
  long long steps_run = 0;   // steps made by this process
  long long active_points = 0;
  long long rescreenings = 0;
};

SimulationResult run_gd_simulation(const SimulationSetup& setup);

// Regime diagnostics (docs/checks.md#gd).
// Fraction of logged rows (t ≥ 2, finite cosine) whose update cosine is below `threshold`.
double period2_fraction(const Trajectory& trajectory, double threshold);

struct RoundingCheck {
  long long steps = 0;
  long long first_b_divergence = -1;  // first step with |b_double - b_long| > 1e-6 |b_long|
  double max_rel_b_diff = 0;
  bool first_reach_agree = true;  // every first-reach time within 10%
  nlohmann::json first_reach;     // the times compared, per set and ε
};
// The same run in double (the fast path) and in long double (the plain computation, exact
// screening of points whose weight underflows to 0 in long double), in lockstep.
RoundingCheck rounding_check(const DataBundle& data, const GdOptions& options, long long steps,
                             int per_decade, const DetectionOptions& detection);

// summary.json (everything but the CLI's own keys).
nlohmann::json simulation_summary(const SimulationSetup& setup, const SimulationResult& result,
                                  double beta, const std::string& beta_source,
                                  const RoundingCheck* rounding);

// GD's last state as summary.json records it ("final": t, w, b; the doubles round-trip
// exactly): the start of a flow continued from GD where the log has no w columns (d > 16).
struct GdFinalState {
  double t = 0;
  Eigen::VectorXd w;
  double b = 0;
};
// Throws InputError naming the file and the missing or malformed key.
GdFinalState read_gd_final_state(const std::filesystem::path& summary_json);

}  // namespace lingrok
