// The distance of the hyperplane from the origin, D(t) = |b(t)| / ||w(t)|| (docs/theory.md#phases):
// GD's logged D and the model trajectory's prediction, with the measured and predicted phase
// boundaries t1, t2 as vertical lines and the phases shaded. Phase 2 is where D rises after
// t1, Phase 3 where it falls.
#include <algorithm>
#include <cmath>

#include "plots/run_figures.hpp"

namespace lingrok {

FigureBuild distance_figure(const RunArtifacts& run, const TrajectoryColumns& c) {
  Figure f;
  f.name = "distance";
  Panel p;
  p.x = {"GD steps t", true, {}, {}, {}};
  p.y = {"D(t) = |b| / ||w||  (input-space units)", true, {}, {}, {}};
  double t_lo = std::numeric_limits<double>::infinity(), t_hi = 0;
  double gd_D_lo = std::numeric_limits<double>::infinity();
  if (run.trajectory && run.trajectory->has(c.t) && run.trajectory->has(c.D)) {
    DataBlock gd = plot_detail::positive_rows(*run.trajectory, "gd", c.t, {c.t, c.D}, {"t", "D"});
    for (double t : gd.col("t")) {
      t_lo = std::min(t_lo, t);
      t_hi = std::max(t_hi, t);
    }
    for (double D : gd.col("D")) {
      if (D > 0) gd_D_lo = std::min(gd_D_lo, D);
    }
    f.data.push_back(gd);
    Series s;
    s.block = "gd";
    s.x = "t";
    s.y = "D";
    s.title = "GD";
    s.line_width = 3.0;
    s.color = "#0072B2";
    p.series.push_back(s);
  }
  PhaseTimes predicted;
  if (run.theory) {
    predicted = predicted_phase_times(*run.theory);
    const auto log_t = run.theory->values_or_empty("phases/model_trajectory/log_t");
    const auto D = run.theory->values_or_empty("phases/model_trajectory/D");
    // Limited to GD's range, or to a decade past t2 without GD (the grid runs to e^{2000}).
    double hi = t_hi > 0 ? t_hi : (predicted.t2 == predicted.t2 ? 10 * predicted.t2 : 1e300);
    double lo = t_hi > 0 ? t_lo : 0;
    if (!log_t.empty() && log_t.size() == D.size()) {
      std::vector<double> ts, Ds;
      for (std::size_t i = 0; i < log_t.size(); ++i) {
        const double t = std::exp(log_t[i]);
        if (!std::isfinite(t) || t < lo || t > hi) continue;
        ts.push_back(t);
        Ds.push_back(D[i]);
      }
      // The model is a late-time one: near t = 1 (log t = 0) its D can pass through 0, which on
      // the log axis would stretch the y range over decades where GD never goes. The axis
      // stops two decades below GD's smallest D.
      const double floor = gd_D_lo / 100;
      if (std::isfinite(floor) &&
          std::any_of(Ds.begin(), Ds.end(), [&](double D) { return D > 0 && D < floor; })) {
        p.y.min = floor;
      }
      if (!ts.empty()) {
        DataBlock m;
        m.name = "model";
        m.add("t", std::move(ts)).add("D", std::move(Ds));
        f.data.push_back(m);
        Series s;
        s.block = "model";
        s.x = "t";
        s.y = "D";
        s.title = "model trajectory w = ŵ log t + w̃, b closed form";
        s.dash = 2;
        s.color = "#000000";
        p.series.push_back(s);
      }
    }
  }
  if (p.series.empty()) {
    return {std::nullopt, "no D(t): needs " + RunLayout::relative().trajectory_csv().string() +
                              " (lingrok simulate) or " +
                              RunLayout::relative().theory_json().string() +
                              " with phases (lingrok theory)"};
  }
  PhaseTimes measured;
  if (run.trajectory) {
    double kappa = 1e-3;
    if (run.theory) {
      const double k = run.theory->value_or_nan("phases/kappa");
      if (k == k) kappa = k;
    }
    measured = measured_phase_times(*run.trajectory, kappa, c);
  }
  using plot_detail::short_number;
  if (measured.t1 == measured.t1) {
    p.vlines.push_back({measured.t1, "t_1 measured = " + short_number(measured.t1), "#CC79A7", 1});
  }
  if (measured.t2 == measured.t2) {
    p.vlines.push_back({measured.t2, "t_2 measured = " + short_number(measured.t2), "#D55E00", 1});
  }
  if (predicted.t1 == predicted.t1) {
    p.vlines.push_back(
        {predicted.t1, "t_1 predicted = " + short_number(predicted.t1), "#CC79A7", 2});
  }
  if (predicted.t2 == predicted.t2) {
    p.vlines.push_back(
        {predicted.t2, "t_2 predicted = " + short_number(predicted.t2), "#D55E00", 2});
  }
  double gamma = std::numeric_limits<double>::quiet_NaN();
  if (run.data_summary) gamma = plot_detail::json_number(*run.data_summary, "/gamma");
  if (gamma != gamma && run.theory) gamma = run.theory->value_or_nan("grokking/gamma");
  if (gamma == gamma)
    p.hlines.push_back({gamma / 2, "γ/2 (margin of the generator)", "#009E73", 4});

  const PhaseTimes shaded = measured.known() ? measured : predicted;
  p.shades = plot_detail::phase_shades(shaded);
  p.title = "Distance of the hyperplane from the origin";
  if (shaded.known()) p.title += " (phases " + shaded.source + ")";
  f.panels.push_back(p);
  return {f, ""};
}

}  // namespace lingrok
