// The bias b(t) (docs/outputs.md#figures; Theorem 4.5): GD's logged bias, the closed form of
// docs/theory.md#closed-form-bias, the integrated bias ODE and the coupled support-vector flow of
// docs/theory.md#coupled-flow, with the limit b∞ as a horizontal line and the phases of
// docs/theory.md#phases shaded. Every curve is in GD steps.
#include <cmath>

#include "plots/run_figures.hpp"
#include "theory/theory.hpp"

namespace lingrok {

namespace {

// Rows of a flow table as a block (t, b) with t > 0; empty if the columns are missing.
std::optional<DataBlock> flow_block(const Table& table, const std::string& name,
                                    const std::vector<std::string>& t_names,
                                    const std::vector<std::string>& b_names) {
  const auto* t = plot_detail::find_col(table, t_names);
  const auto* b = plot_detail::find_col(table, b_names);
  if (!t || !b) return std::nullopt;
  std::vector<double> ts, bs;
  for (std::size_t i = 0; i < t->size(); ++i) {
    if (std::isfinite((*t)[i]) && (*t)[i] > 0) {
      ts.push_back((*t)[i]);
      bs.push_back((*b)[i]);
    }
  }
  DataBlock block;
  block.name = name;
  block.add("t", std::move(ts)).add("b", std::move(bs));
  return block;
}

}  // namespace

FigureBuild bias_figure(const RunArtifacts& run, const TrajectoryColumns& c,
                        const FlowColumns& fc) {
  Figure f;
  f.name = "bias";
  Panel p;
  p.x = {"GD steps t", true, {}, {}, {}};
  p.y = {"bias b (same units as f(x) = w·x + b)", false, {}, {}, {}};
  double t_lo = std::numeric_limits<double>::infinity(), t_hi = 0;
  auto note_range = [&](const DataBlock& b) {
    for (double t : b.col("t")) {
      t_lo = std::min(t_lo, t);
      t_hi = std::max(t_hi, t);
    }
  };
  auto add_series = [&](const std::string& block, const std::string& y, const std::string& title,
                        int dash, double width, const std::string& color) {
    static const std::string kT = "t";  // not a literal: GCC 12's -Wrestrict false positive
    Series s;
    s.block = block;
    s.x = kT;
    s.y = y;
    s.title = title;
    s.dash = dash;
    s.line_width = width;
    s.color = color;
    p.series.push_back(s);
  };

  if (run.trajectory && run.trajectory->has(c.t) && run.trajectory->has(c.b)) {
    DataBlock gd = plot_detail::positive_rows(*run.trajectory, "gd", c.t, {c.t, c.b, c.b_steady},
                                              {"t", "b", "b_steady"});
    note_range(gd);
    f.data.push_back(gd);
    add_series("gd", "b", "GD", 1, 3.0, "#0072B2");
    if (run.trajectory->has(c.b_steady)) {
      add_series("gd", "b_steady", "Phase-1 steady state ½ log(A_+(t)/A_-(t)) on GD", 4, 1.5,
                 "#56B4E9");
    }
  }
  bool have_closed_form = false;
  if (run.flow_bias) {
    if (auto ode = flow_block(*run.flow_bias, "ode", fc.t, fc.b_ode)) {
      note_range(*ode);
      f.data.push_back(*ode);
      add_series("ode", "b", "bias ODE, integrated", 3, 3.0, "#D55E00");
    }
    if (auto cf = flow_block(*run.flow_bias, "closed_form", fc.t, fc.b_closed_form)) {
      note_range(*cf);
      f.data.push_back(*cf);
      have_closed_form = true;
    }
  }
  if (run.flow_coupled) {
    if (auto cp = flow_block(*run.flow_coupled, "coupled", fc.t, fc.b_coupled)) {
      note_range(*cp);
      f.data.push_back(*cp);
      add_series("coupled", "b", "coupled support-vector flow", 5, 2.5, "#CC79A7");
    }
  }
  if (!have_closed_form && run.theory) {
    const auto log_t = run.theory->values_or_empty("phases/model_trajectory/log_t");
    const auto b = run.theory->values_or_empty("phases/model_trajectory/b");
    if (!log_t.empty() && log_t.size() == b.size()) {
      // Limited to the other curves' range (the model grid runs to t = e^{2000}).
      const bool limit = t_hi > 0;
      std::vector<double> ts, bs;
      for (std::size_t i = 0; i < log_t.size(); ++i) {
        const double t = std::exp(log_t[i]);
        if (!std::isfinite(t) || t <= 0) continue;
        if (limit && (t < t_lo || t > t_hi)) continue;
        ts.push_back(t);
        bs.push_back(b[i]);
      }
      if (!ts.empty()) {
        DataBlock cf;
        cf.name = "closed_form";
        cf.add("t", std::move(ts)).add("b", std::move(bs));
        f.data.push_back(cf);
        have_closed_form = true;
      }
    }
  }
  if (have_closed_form) {
    add_series("closed_form", "b", "closed form (Theorem 4.5)", 2, 2.5, "#000000");
  }
  if (p.series.empty()) {
    return {std::nullopt,
            "no bias curve: needs " + RunLayout::relative().trajectory_csv().string() +
                " (lingrok simulate), " + RunLayout::relative().flow_csv("bias").string() +
                " (lingrok integrate) or " + RunLayout::relative().theory_json().string() +
                " with phases (lingrok theory)"};
  }
  double b_inf = std::numeric_limits<double>::quiet_NaN();
  if (run.theory) b_inf = run.theory->value_or_nan("b_inf");
  if (b_inf != b_inf && run.flow_bias_summary) {
    b_inf = plot_detail::json_number(*run.flow_bias_summary, "/b_inf");
  }
  if (b_inf == b_inf) p.hlines.push_back({b_inf, "b_∞ = -log δ", "#009E73", 2, 2.0});

  const PhaseTimes phases = phase_times_for(run, c);
  p.shades = plot_detail::phase_shades(phases);
  p.title = "Bias b(t): GD, closed form and flows";
  if (phases.known()) p.title += " (phases " + phases.source + ")";
  // Without Assumption 3.1 there is no late-time limit, hence no closed form or flows to draw;
  // the title says so rather than promising curves that are absent.
  if (!have_closed_form && run.theory) {
    if (!run.theory->assumption_3_1_holds()) {
      const double b_hat = run.theory->value_or_nan("b_hat");
      p.title = "Bias b(t) from GD; no closed form: Assumption 3.1 fails (b̂ = " +
                plot_detail::short_number(b_hat) + " ≠ 0)";
    }
  }
  f.panels.push_back(p);
  return {f, ""};
}

}  // namespace lingrok
