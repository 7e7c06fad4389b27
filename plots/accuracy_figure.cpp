// Accuracy curves during GD (docs/outputs.md#figures; the paper's Figure 1 / Table 1): train,
// standard test, concentrated test P_conc(α) and, when the run attacked it, the PGD test set,
// against GD steps on a log axis, with the three phases of docs/theory.md#phases shaded.
#include <algorithm>

#include "plots/run_figures.hpp"

namespace lingrok {

FigureBuild accuracy_figure(const RunArtifacts& run, const TrajectoryColumns& c) {
  if (!run.trajectory)
    return {std::nullopt,
            RunLayout::relative().trajectory_csv().string() + " is absent (lingrok simulate)"};
  const Table& traj = *run.trajectory;
  const std::vector<std::pair<std::string, std::string>> curves{
      {c.acc_train, "train"},
      {c.acc_standard, "standard test"},
      {c.acc_conc, "concentrated test P_{conc}(α)"},
      {c.acc_pgd, "PGD-attacked standard test"}};
  std::vector<std::string> columns{c.t};
  for (const auto& [col, title] : curves) {
    if (traj.has(col)) columns.push_back(col);
  }
  if (columns.size() == 1 || !traj.has(c.t)) {
    return {std::nullopt, RunLayout::relative().trajectory_csv().string() +
                              " has no accuracy columns (" + c.acc_train + ", " + c.acc_standard +
                              ", ...)"};
  }
  Figure f;
  f.name = "accuracy";
  f.data.push_back(plot_detail::positive_rows(traj, "", c.t, columns));
  Panel p;
  const PhaseTimes phases = phase_times_for(run, c);
  p.title = "Accuracy during gradient descent";
  if (phases.known()) {
    p.title += " (phases " + phases.source + ": t_1 = " + plot_detail::short_number(phases.t1) +
               ", t_2 = " + plot_detail::short_number(phases.t2) + ")";
  }
  p.x = {"GD steps t", true, {}, {}, {}};
  // Fixed ends a little outside the data, so that a curve at 0 or 1 is not hidden by the frame.
  double lowest = 1;
  for (std::size_t i = 1; i < columns.size(); ++i) {
    for (double a : f.data.front().col(columns[i])) {
      if (a == a) lowest = std::min(lowest, a);
    }
  }
  p.y = {"accuracy (fraction classified correctly)", false, std::max(lowest, 0.0) - 0.02, 1.02, {}};
  p.shades = plot_detail::phase_shades(phases);
  for (const auto& [col, title] : curves) {
    if (!traj.has(col)) continue;
    Series s;
    s.x = c.t;
    s.y = col;
    s.title = title;
    p.series.push_back(s);
  }
  f.panels.push_back(p);
  return {f, ""};
}

}  // namespace lingrok
