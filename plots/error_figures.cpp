// Error plots (docs/outputs.md#figures, docs/numerics.md#gradient-flows): the integrated bias ODE
// against its closed form over t, and GD against the gradient flow as the step η shrinks (with a
// slope-1 reference: GD is a first-order discretisation of the flow, so the gap should fall like
// η).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "plots/run_figures.hpp"

namespace lingrok {

FigureBuild ode_error_figure(const RunArtifacts& run, const FlowColumns& fc) {
  if (!run.flow_bias)
    return {std::nullopt,
            "the bias-ODE table in flows/ is absent (lingrok integrate --which bias)"};
  const Table& table = *run.flow_bias;
  const auto* t = plot_detail::find_col(table, fc.t);
  const auto* err = plot_detail::find_col(table, fc.abs_error);
  const auto* b = plot_detail::find_col(table, fc.b_ode);
  const auto* cf = plot_detail::find_col(table, fc.b_closed_form);
  if (!t || (!err && !(b && cf))) {
    return {std::nullopt, RunLayout::relative().flow_csv("bias").string() +
                              " has neither an error column nor b and the closed form"};
  }
  std::vector<double> ts, es;
  for (std::size_t i = 0; i < t->size(); ++i) {
    if (!((*t)[i] > 0)) continue;
    ts.push_back((*t)[i]);
    es.push_back(err ? (*err)[i] : std::fabs((*b)[i] - (*cf)[i]));
  }
  Figure f;
  f.name = "ode_error";
  DataBlock d;
  d.add("t", ts).add("abs_error", es);
  f.data.push_back(d);
  Panel p;
  p.title = "Bias ODE integrated against its closed form (Theorem 4.5)";
  p.x = {"GD steps t", true, {}, {}, {}};
  p.y = {"|b_{ODE}(t) - b_{closed form}(t)|", true, {}, {}, {}};
  Series s;
  s.x = "t";
  s.y = "abs_error";
  s.style = SeriesStyle::linespoints;
  s.point_size = 0.6;
  s.title = "integration error";
  p.series.push_back(s);
  if (run.flow_bias_summary) {
    for (const char* key : {"/abs_tol", "/options/abs_tol", "/tolerance/abs"}) {
      const double tol = plot_detail::json_number(*run.flow_bias_summary, key);
      if (tol == tol && tol > 0) {
        p.hlines.push_back({tol, "requested absolute tolerance", "#D55E00", 2});
        break;
      }
    }
  }
  const auto zeros = std::count_if(es.begin(), es.end(), [](double e) { return e == 0; });
  if (zeros == static_cast<std::ptrdiff_t>(es.size())) {
    p.title += " (error exactly 0 everywhere)";
    p.y.log = false;
  } else if (zeros > 0) {
    // A log axis cannot show 0: say how many grid times have no visible point, and why (with
    // a large k the closed form reaches b∞ within a step, and both computations give it exactly).
    p.series.front().title += " (exactly 0 at " + std::to_string(zeros) + " of " +
                              std::to_string(es.size()) + " times: not drawn on a log axis)";
  }
  f.panels.push_back(p);
  return {f, ""};
}

FigureBuild gd_flow_gap_figure(const Table& table, const FlowColumns& fc) {
  const auto* eta = plot_detail::find_col(table, fc.eta);
  const auto* gap = plot_detail::find_col(table, fc.gap);
  if (!eta || !gap) return {std::nullopt, "the GD-vs-flow table needs columns eta and gap"};
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < eta->size(); ++i) {
    if ((*eta)[i] > 0 && (*gap)[i] > 0) order.push_back(i);
  }
  if (order.empty()) return {std::nullopt, "the GD-vs-flow table has no row with eta, gap > 0"};
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return (*eta)[a] < (*eta)[b]; });
  std::vector<double> es, gs, ref;
  const double e0 = (*eta)[order.front()], g0 = (*gap)[order.front()];
  for (std::size_t i : order) {
    es.push_back((*eta)[i]);
    gs.push_back((*gap)[i]);
    ref.push_back(g0 * (*eta)[i] / e0);
  }
  Figure f;
  f.name = "gd_flow_gap";
  DataBlock d;
  d.add("eta", es).add("gap", gs).add("slope_1_reference", ref);
  f.data.push_back(d);
  Panel p;
  p.title = "GD against gradient flow as the step size shrinks";
  p.x = {"step size η", true, {}, {}, {}};
  p.y = {"gap = max_t ‖(w, b)_{GD}(t) − (w, b)_{flow}(η t)‖_∞  (units of w, b)", true, {}, {}, {}};
  Series s;
  s.x = "eta";
  s.y = "gap";
  s.style = SeriesStyle::linespoints;
  s.title = "observed gap";
  p.series.push_back(s);
  Series r = s;
  r.y = "slope_1_reference";
  r.style = SeriesStyle::lines;
  r.dash = 2;
  r.line_width = 1.5;
  r.color = "#666666";
  r.title = "slope 1 (first order in η)";
  p.series.push_back(r);
  p.key = "inside left top Left reverse";
  f.panels.push_back(p);
  return {f, ""};
}

}  // namespace lingrok
