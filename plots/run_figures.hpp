// The figures of docs/outputs.md#figures drawn from a run directory
// (proofs_check/run_artifacts.hpp) and from a sweep table, each built by a short function in its
// own file:
//
//   accuracy            accuracy_figure.cpp    train/standard/concentrated/PGD accuracy vs t,
//                                              phases shaded (docs/theory.md#phases,
// docs/theory.md#grokking-time)
//   bias                bias_figure.cpp        b(t): GD, closed form, bias ODE, coupled flow; b∞
//   distance            distance_figure.cpp    D(t) = |b|/||w||, measured and predicted t1, t2
//   hyperplanes         hyperplane_figure.cpp  d = 2: training data, support vectors, w·x+b = 0
//                                              at chosen times, whole box and a zoom on the origin
//   ode_error           error_figures.cpp      |b_ode - b_closed_form| vs t
// (docs/theory.md#bias-ode)
//   gd_flow_gap         error_figures.cpp      GD vs gradient flow as η shrinks
//   bound_vs_observed   sweep_figure.cpp       observed T_te(ε) vs |log δ| with the paper's
//                                              bounds, its small-γ estimate and the refined one
//
// Column names the figures read are collected in the *Columns structs below: a renamed column
// upstream is a one-line change there. A builder returns the figure, or says which input is
// missing (the caller prints it as a one-line note and goes on).
#pragma once

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "plots/figure.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/run_layout.hpp"
#include "results/table.hpp"

namespace lingrok {

// simulate/trajectory.csv (numerics/gd/trajectory.hpp).
struct TrajectoryColumns {
  std::string t = "t", b = "b", D = "D", r = "r", b_steady = "b_steady";
  std::string w1 = "w1", w2 = "w2";
  std::string acc_train = "acc_train";
  std::string acc_standard = "acc_test_standard";
  std::string acc_conc = "acc_test_conc";
  std::string acc_pgd = "acc_pgd";
};

// flows/*.csv (numerics/flow, pipeline/stages/integrate.cpp). Each role lists the names accepted, first
// match wins.
struct FlowColumns {
  std::vector<std::string> t{"t"};
  std::vector<std::string> b_ode{"b_ode", "b"};
  std::vector<std::string> b_closed_form{"b_closed_form", "b_cf"};
  std::vector<std::string> abs_error{"abs_error", "error"};
  std::vector<std::string> b_coupled{"b", "beta", "b_coupled"};
  std::vector<std::string> eta{"eta"};
  std::vector<std::string> gap{"gap"};
};

// The sweep table (tidy CSV, one row per data set and ε).
struct SweepColumns {
  std::string family = "family", seed = "seed", k_minus = "k_minus", delta = "delta";
  std::string abs_log_delta = "abs_log_delta", epsilon = "epsilon";
  std::string T_te_first = "T_te_first", T_te_settle = "T_te_settle";
  std::string bound_lower_Blim = "bound_lower_Blim", bound_upper_Blim = "bound_upper_Blim";
  std::string bound_lower_Bobs = "bound_lower_Bobs", bound_upper_Bobs = "bound_upper_Bobs";
  std::string estimate_small_gamma = "estimate_small_gamma";
  std::string estimate_refined = "estimate_refined";
};

// Phase boundaries t1, t2 in GD steps (NaN: unknown) and where they come from.
struct PhaseTimes {
  double t1 = std::numeric_limits<double>::quiet_NaN();
  double t2 = std::numeric_limits<double>::quiet_NaN();
  std::string source;  // "measured" | "predicted" | ""
  bool known() const { return t1 == t1; }
};

// Predicted from theory.json (phases.t1, phases.t2).
PhaseTimes predicted_phase_times(const TheoryRecord& theory);
// Measured on a GD log (docs/theory.md#phases): results/measured.hpp's t1 and t2 (NaN when D
// is largest at the last row, still rising at the end of the run).
PhaseTimes measured_phase_times(const Table& trajectory, double kappa,
                                const TrajectoryColumns& columns = {});
// Measured when the run has a GD log with r, else predicted, else unknown.
PhaseTimes phase_times_for(const RunArtifacts& run, const TrajectoryColumns& columns = {});

struct FigureBuild {
  std::optional<Figure> figure;
  std::string missing;  // when !figure: the input that is absent and the step that writes it
};

FigureBuild accuracy_figure(const RunArtifacts& run, const TrajectoryColumns& columns = {});
FigureBuild bias_figure(const RunArtifacts& run, const TrajectoryColumns& columns = {},
                        const FlowColumns& flow_columns = {});
FigureBuild distance_figure(const RunArtifacts& run, const TrajectoryColumns& columns = {});
// `times`: GD steps at which to draw the hyperplane (the nearest logged rows); empty: about
// six log-spaced rows plus the phase boundaries and the last row.
FigureBuild hyperplane_figure(const RunArtifacts& run, const std::vector<double>& times = {},
                              const TrajectoryColumns& columns = {});
FigureBuild ode_error_figure(const RunArtifacts& run, const FlowColumns& columns = {});
// A table with columns eta and gap (e.g. RunLayout::gd_flow_gap_csv).
FigureBuild gd_flow_gap_figure(const Table& eta_gap, const FlowColumns& columns = {});
// `epsilon`: the ε whose rows are drawn; unset: the smallest ε in the table.
FigureBuild sweep_figure(const std::filesystem::path& sweep_csv,
                         std::optional<double> epsilon = std::nullopt,
                         const SweepColumns& columns = {});

// Where a run's figures go: RunLayout's figures_dir.
std::filesystem::path figures_dir(const RunArtifacts& run);

// Draws every figure whose inputs the run has into RUN/figures/ (notes on options.notes for
// those skipped) and returns the images written. Checks for gnuplot first.
std::vector<std::filesystem::path> draw_run_figures(const RunArtifacts& run,
                                                    const PlotOptions& options);

// Draws bound_vs_observed from a sweep directory (SweepLayout) or from a CSV file, into
// `out_dir` (default: the figures/ of the sweep directory that holds the CSV). Returns the image
// written.
std::filesystem::path draw_sweep_figure(const std::filesystem::path& dir_or_csv,
                                        const PlotOptions& options,
                                        std::optional<double> epsilon = std::nullopt,
                                        const std::filesystem::path& out_dir = {});

// Helpers shared by the figure files.
namespace plot_detail {
// Column `name` of `table`, or nullptr.
const std::vector<double>* find_col(const Table& table, const std::vector<std::string>& names);
// A number of data.json or a flow's summary at a JSON pointer: bare, {"value": x} or
// {"t": {"value": x}}; NaN if absent (theory.json is read through results/theory_record.hpp).
double json_number(const nlohmann::json& j, const std::string& pointer);
// Three shaded phases (labels above the plot) from phase boundaries.
std::vector<Shade> phase_shades(const PhaseTimes& phases);
// A block with the given columns of `table` (those it has; `rename` gives the block's names,
// same length or empty), keeping the rows where column `x` is finite and > 0 (log axes).
DataBlock positive_rows(const Table& table, const std::string& name, const std::string& x,
                        const std::vector<std::string>& columns,
                        const std::vector<std::string>& rename = {});
// "t_1 = 1.2·10^{3}" style short number for titles.
std::string short_number(double x);
}  // namespace plot_detail

}  // namespace lingrok
