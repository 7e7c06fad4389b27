// Drawing every figure of a run directory and of a sweep (run_figures.hpp,
// docs/outputs.md#figures).
#include "plots/run_figures.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

#include "core/error.hpp"
#include "core/output_set.hpp"
#include "results/measured.hpp"

namespace lingrok {

namespace plot_detail {

const std::vector<double>* find_col(const Table& table, const std::vector<std::string>& names) {
  for (const auto& n : names) {
    if (table.has(n)) return &table.col(n);
  }
  return nullptr;
}

double json_number(const nlohmann::json& j, const std::string& pointer) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const nlohmann::json::json_pointer ptr(pointer);
  if (!j.contains(ptr)) return nan;
  const nlohmann::json* v = &j.at(ptr);
  if (v->is_object() && v->contains("t")) v = &v->at("t");
  if (v->is_object() && v->contains("value")) v = &v->at("value");
  if (v->is_string()) {  // full-precision digits, e.g. flows/flow_bias.json's "b_inf"
    const std::string text = v->get<std::string>();
    char* end = nullptr;
    const double x = std::strtod(text.c_str(), &end);
    return end != text.c_str() ? x : nan;
  }
  return v->is_number() ? v->get<double>() : nan;
}

std::vector<Shade> phase_shades(const PhaseTimes& phases) {
  std::vector<Shade> s;
  if (!phases.known()) return s;
  const double inf = std::numeric_limits<double>::infinity();
  s.push_back({-inf, phases.t1, "Phase 1: fit", "#56B4E9"});
  const double t2 = phases.t2 == phases.t2 ? phases.t2 : inf;
  s.push_back({phases.t1, t2, "Phase 2: unlearning", "#E69F00"});
  if (t2 < inf) s.push_back({t2, inf, "Phase 3: generalisation", "#009E73"});
  return s;
}

DataBlock positive_rows(const Table& table, const std::string& name, const std::string& x,
                        const std::vector<std::string>& columns,
                        const std::vector<std::string>& rename) {
  DataBlock block;
  block.name = name;
  const auto& xs = table.col(x);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (!table.has(columns[c])) continue;
    const auto& v = table.col(columns[c]);
    std::vector<double> kept;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (std::isfinite(xs[i]) && xs[i] > 0) kept.push_back(v[i]);
    }
    block.add(rename.empty() ? columns[c] : rename[c], std::move(kept));
  }
  return block;
}

std::string short_number(double x) {
  if (!std::isfinite(x)) return "n/a";
  char buf[64];
  const double a = std::fabs(x);
  if (a != 0 && (a >= 1e4 || a < 1e-3)) {
    const int e = static_cast<int>(std::floor(std::log10(a)));
    const double m = x / std::pow(10.0, e);
    std::snprintf(buf, sizeof buf, "%.3g·10^{%d}", m, e);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", x);
  }
  return buf;
}

}  // namespace plot_detail

PhaseTimes predicted_phase_times(const TheoryRecord& theory) {
  PhaseTimes p;
  if (!theory.has("phases")) return p;
  if (!theory.flag_or("phases/t1_found", true)) return p;
  p.t1 = theory.value_or_nan("phases/t1/t");
  p.t2 = theory.value_or_nan("phases/t2/t");
  if (!theory.flag_or("phases/phase2_present", true)) p.t2 = p.t1;
  if (p.known()) p.source = "predicted";
  return p;
}

PhaseTimes measured_phase_times(const Table& trajectory, double kappa, const TrajectoryColumns& c) {
  PhaseTimes p;
  if (!trajectory.has(c.t) || !trajectory.has(c.r) || !trajectory.has(c.D)) return p;
  const MeasuredPhases m =
      measure_phases(trajectory.col(c.t), trajectory.col(c.r), trajectory.col(c.D), kappa);
  if (!m.phase1_ends()) return p;
  p.t1 = m.t1;
  p.t2 = m.t2;
  p.source = "measured";
  return p;
}

PhaseTimes phase_times_for(const RunArtifacts& run, const TrajectoryColumns& columns) {
  double kappa = 1e-3;
  if (run.theory) {
    const double k = run.theory->value_or_nan("phases/kappa");
    if (k == k) kappa = k;
  }
  if (run.trajectory) {
    const PhaseTimes m = measured_phase_times(*run.trajectory, kappa, columns);
    if (m.known()) return m;
  }
  if (run.theory) return predicted_phase_times(*run.theory);
  return {};
}

std::filesystem::path figures_dir(const RunArtifacts& run) {
  return RunLayout(run.dir).figures_dir();
}

std::vector<std::filesystem::path> draw_run_figures(const RunArtifacts& run,
                                                    const PlotOptions& options) {
  find_gnuplot(options);  // a clear error before anything is computed
  std::vector<std::pair<std::string, std::function<FigureBuild()>>> builders{
      {"accuracy", [&] { return accuracy_figure(run); }},
      {"bias", [&] { return bias_figure(run); }},
      {"distance", [&] { return distance_figure(run); }},
      {"hyperplanes", [&] { return hyperplane_figure(run); }},
      {"ode_error", [&] { return ode_error_figure(run); }},
      {"gd_flow_gap",
       [&] {
         const auto p = RunLayout(run.dir).gd_flow_gap_csv();
         if (!std::filesystem::exists(p)) {
           return FigureBuild{std::nullopt, RunLayout::relative().gd_flow_gap_csv().string() +
                                                " is absent (columns eta, gap; written by the "
                                                "GD-vs-flow convergence study)"};
         }
         return gd_flow_gap_figure(Table::read(p));
       }},
  };
  // figures/ is this command's alone and one set (docs/DEVELOPING.md#output-sets): a figure of
  // an earlier run never stays beside the new ones, and a failure keeps the earlier figures.
  OutputSet out_set(figures_dir(run), [](const std::string&) { return true; });
  std::vector<std::filesystem::path> staged;
  for (const auto& [name, build] : builders) {
    const FigureBuild b = build();
    if (!b.figure) {
      if (options.notes) *options.notes << "  skipped " << name << ": " << b.missing << "\n";
      continue;
    }
    staged.push_back(render_figure(*b.figure, out_set.staging_dir(), options));
  }
  out_set.commit();
  std::vector<std::filesystem::path> written;
  for (const auto& p : staged) {
    written.push_back(std::filesystem::absolute(out_set.target()) / p.filename());
    if (options.notes) *options.notes << "  wrote " << written.back().string() << "\n";
  }
  return written;
}

std::filesystem::path draw_sweep_figure(const std::filesystem::path& dir_or_csv,
                                        const PlotOptions& options, std::optional<double> epsilon,
                                        const std::filesystem::path& out_dir) {
  find_gnuplot(options);
  std::filesystem::path csv = dir_or_csv;
  if (std::filesystem::is_directory(dir_or_csv)) csv = SweepLayout(dir_or_csv).table_csv();
  if (!std::filesystem::exists(csv)) {
    throw InputError("no sweep table at " + csv.string() +
                     ": pass the sweep's CSV file or the directory that holds sweep.csv");
  }
  const FigureBuild b = sweep_figure(csv, epsilon);
  if (!b.figure) throw InputError(csv.string() + ": " + b.missing);
  const auto out = out_dir.empty() ? SweepLayout::of_table(csv).figures_dir() : out_dir;
  const auto image = render_figure(*b.figure, out, options);
  if (options.notes) *options.notes << "  wrote " << image.string() << "\n";
  return image;
}

}  // namespace lingrok
