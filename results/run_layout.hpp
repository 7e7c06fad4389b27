// Where every stage's output lives: the paths of a run directory (docs/outputs.md#files),
// of a sweep directory (docs/conventions.md#families) and of a reproduction (`lingrok reproduce`).
// Every reader and writer of a run takes its paths from here; no other file spells a run file's
// name.
//
//   RUN/config.json, RUN/log.txt      the configuration and log of a pipeline run
//   RUN/data/                         train.csv, test_standard.csv, test_conc.csv, data.json
//   (generate) RUN/theory.json                   the quantities of docs/theory.md (theory)
//   RUN/simulate/                     trajectory.csv, summary.json, checkpoint.json     (simulate)
//   RUN/flows/                        flow_<which>.csv and .json; gd_vs_flow.csv/.json  (integrate)
//   RUN/symbolic.json                 GiNaC identities of the closed form               (check)
//   RUN/report.json, RUN/report.md    the verdicts                                      (check)
//   RUN/figures/                      the figures                                       (plot)
#pragma once

#include <filesystem>
#include <string>

namespace lingrok {

class RunLayout {
 public:
  explicit RunLayout(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // The same paths relative to the run directory ("simulate/trajectory.csv"), for messages and
  // for the inputs a check report names.
  static RunLayout relative() { return RunLayout(std::filesystem::path()); }

  const std::filesystem::path& dir() const { return dir_; }

  std::filesystem::path config_json() const { return dir_ / "config.json"; }
  std::filesystem::path log_txt() const { return dir_ / "log.txt"; }

  // generate (the names inside a data directory are data/dataset.hpp's, since the data
  // reader below this layer opens them)
  std::filesystem::path data_dir() const { return dir_ / "data"; }
  std::filesystem::path train_csv() const;
  std::filesystem::path test_standard_csv() const;
  std::filesystem::path test_conc_csv() const;
  std::filesystem::path data_json() const;

  // theory
  std::filesystem::path theory_json() const { return dir_ / "theory.json"; }

  // simulate
  std::filesystem::path simulate_dir() const { return dir_ / "simulate"; }
  std::filesystem::path trajectory_csv() const { return simulate_dir() / kTrajectoryFile; }
  std::filesystem::path gd_summary_json() const { return simulate_dir() / kGdSummaryFile; }
  std::filesystem::path checkpoint_json() const { return simulate_dir() / kCheckpointFile; }

  // integrate: flows/flow_<which>.csv and .json (which: bias, coupled, full, logtime,
  // logtime_gd), and the GD-versus-flow study flows/gd_vs_flow.csv and .json.
  std::filesystem::path flows_dir() const { return dir_ / "flows"; }
  std::filesystem::path flow_csv(const std::string& which) const;
  std::filesystem::path flow_json(const std::string& which) const;
  std::filesystem::path gd_flow_gap_csv() const { return flows_dir() / "gd_vs_flow.csv"; }
  std::filesystem::path gd_flow_gap_json() const { return flows_dir() / "gd_vs_flow.json"; }

  // check
  std::filesystem::path symbolic_json() const { return dir_ / "symbolic.json"; }
  std::filesystem::path report_json() const { return dir_ / "report.json"; }
  std::filesystem::path report_md() const { return dir_ / "report.md"; }

  // plot
  std::filesystem::path figures_dir() const { return dir_ / "figures"; }

  // The names inside simulate's output directory (`lingrok simulate --out DIR` writes them
  // into any DIR, not only RUN/simulate).
  static constexpr const char* kTrajectoryFile = "trajectory.csv";
  static constexpr const char* kGdSummaryFile = "summary.json";
  static constexpr const char* kCheckpointFile = "checkpoint.json";
  // The stems of integrate's outputs inside any --out directory: DIR/<stem>.csv and .json.
  static std::string flow_stem(const std::string& which) { return "flow_" + which; }
  static constexpr const char* kGdFlowGapStem = "gd_vs_flow";

 private:
  std::filesystem::path dir_;
};

// A sweep directory (`lingrok sweep --out DIR`): DIR/sweep.csv, DIR/sweep.json,
// DIR/figures/, DIR/log.txt and one run directory per point,
// DIR/runs/<family>/k<k_minus>_seed<seed>/.
class SweepLayout {
 public:
  explicit SweepLayout(std::filesystem::path dir) : dir_(std::move(dir)) {}
  // The sweep directory that holds a table: the table's own folder.
  static SweepLayout of_table(const std::filesystem::path& csv) {
    return SweepLayout(csv.parent_path());
  }

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path table_csv() const { return dir_ / "sweep.csv"; }
  std::filesystem::path summary_json() const { return dir_ / "sweep.json"; }
  std::filesystem::path figures_dir() const { return dir_ / "figures"; }
  std::filesystem::path log_txt() const { return dir_ / "log.txt"; }
  std::filesystem::path runs_dir() const { return dir_ / "runs"; }
  RunLayout point(const std::string& family, long long k_minus, unsigned long long seed) const;

 private:
  std::filesystem::path dir_;
};

// `lingrok reproduce --out DIR`: DIR/<family>/<config>/ (a run directory each),
// DIR/summary.md and DIR/summary.json, and the bound-versus-observed sweep in DIR/sweep/.
class ReproductionLayout {
 public:
  explicit ReproductionLayout(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path family_dir(const std::string& family) const { return dir_ / family; }
  RunLayout run(const std::string& family, const std::string& config) const {
    return RunLayout(family_dir(family) / config);
  }
  std::filesystem::path summary_md() const { return dir_ / "summary.md"; }
  std::filesystem::path summary_json() const { return dir_ / "summary.json"; }
  SweepLayout sweep() const { return SweepLayout(dir_ / "sweep"); }

 private:
  std::filesystem::path dir_;
};

}  // namespace lingrok
