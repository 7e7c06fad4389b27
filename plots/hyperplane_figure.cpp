// d = 2 (docs/outputs.md#figures): the training data (two classes), the support vectors highlighted
// (the max-margin support set of theory.json, else the planted flags of train.csv), and the GD
// hyperplane w·x + b = 0 at chosen logged times; the max-margin hyperplanes ŵ·x = ±1 dashed.
// Left panel: the whole box. Right panel: a zoom on the origin a few margins wide, where the
// hyperplane's drift (D(t) ~ γ) is visible; with γ = 1e-3 in a [-5,5]² box the whole-box
// panel cannot show it.
#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>

#include "plots/run_figures.hpp"

namespace lingrok {

namespace {

// Viridis without its pale end: early times light, late times dark.
const char* const kTimeColors[] = {"#7AD151", "#35B779", "#1F9E89", "#26828E",
                                   "#31688E", "#3E4989", "#482878", "#440154"};

// Endpoints of the line {x : w·x + b = 0} as ±L from its point nearest the origin.
std::array<double, 4> line_segment(double w1, double w2, double b, double L) {
  const double n2 = w1 * w1 + w2 * w2;
  const double px = -b * w1 / n2, py = -b * w2 / n2;
  const double n = std::sqrt(n2);
  const double ux = -w2 / n, uy = w1 / n;
  return {px - L * ux, py - L * uy, px + L * ux, py + L * uy};
}

std::vector<std::size_t> chosen_rows(const std::vector<double>& t, const std::vector<double>& w1,
                                     const std::vector<double>& w2, std::vector<double> times,
                                     const PhaseTimes& phases) {
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] > 0 && std::isfinite(w1[i]) && std::isfinite(w2[i]) && (w1[i] != 0 || w2[i] != 0)) {
      valid.push_back(i);
    }
  }
  if (valid.empty()) return {};
  if (times.empty()) {
    const double lo = std::log(t[valid.front()]), hi = std::log(t[valid.back()]);
    for (int k = 0; k < 5; ++k) times.push_back(std::exp(lo + (hi - lo) * k / 5.0));
    if (phases.t1 == phases.t1) times.push_back(phases.t1);
    if (phases.t2 == phases.t2) times.push_back(phases.t2);
    times.push_back(t[valid.back()]);
  }
  std::set<std::size_t> rows;
  for (double want : times) {
    if (!(want > 0)) continue;
    std::size_t best = valid.front();
    for (std::size_t i : valid) {
      if (std::fabs(std::log(t[i] / want)) < std::fabs(std::log(t[best] / want))) best = i;
    }
    rows.insert(best);
  }
  return {rows.begin(), rows.end()};
}

}  // namespace

FigureBuild hyperplane_figure(const RunArtifacts& run, const std::vector<double>& times,
                              const TrajectoryColumns& c) {
  const auto train_path = RunLayout(run.dir).train_csv();
  if (!std::filesystem::exists(train_path)) {
    return {std::nullopt,
            RunLayout::relative().train_csv().string() + " is absent (lingrok generate)"};
  }
  const Table train = Table::read(train_path);
  if (!train.has("x1") || !train.has("x2") || train.has("x3") || !train.has("y")) {
    return {std::nullopt, "the data are not 2-dimensional (train.csv needs columns x1, x2, y)"};
  }
  if (!run.trajectory || !run.trajectory->has(c.w1) || !run.trajectory->has(c.w2)) {
    return {std::nullopt, RunLayout::relative().trajectory_csv().string() + " with columns " +
                              c.w1 + ", " + c.w2 + " is absent (lingrok simulate)"};
  }
  const Table& traj = *run.trajectory;

  // Support flags: the max-margin support set, else the planted points.
  std::vector<double> support(train.rows(), 0.0);
  std::string support_source = "none";
  if (run.theory && run.theory->has("support_plus") && run.theory->has("support_minus")) {
    for (const char* key : {"support_plus", "support_minus"}) {
      for (const Eigen::Index i : run.theory->indices(key)) {
        if (i >= 0 && static_cast<std::size_t>(i) < support.size())
          support[static_cast<std::size_t>(i)] = 1.0;
      }
    }
    support_source = "max-margin support set";
  } else if (train.has("planted")) {
    support = train.col("planted");
    support_source = "planted";
  }
  Figure f;
  f.name = "hyperplanes";
  f.width_px = 1600;
  f.height_px = 800;
  f.title = "Training data and the GD hyperplane w·x + b = 0 at chosen times";
  DataBlock data;
  data.name = "train";
  data.add("x1", train.col("x1")).add("x2", train.col("x2")).add("y", train.col("y"));
  data.add("support", support);
  f.data.push_back(data);

  double box = 0;
  for (const char* col : {"x1", "x2"}) {
    for (double v : train.col(col)) box = std::max(box, std::fabs(v));
  }
  if (run.data_summary) {
    const double a = plot_detail::json_number(*run.data_summary, "/box");
    if (a == a && a > 0) box = a;
  }
  const double L = 4 * box + 1;

  const auto& t = traj.col(c.t);
  const auto& w1 = traj.col(c.w1);
  const auto& w2 = traj.col(c.w2);
  const auto& b = traj.col(c.b);
  const auto rows = chosen_rows(t, w1, w2, times, phase_times_for(run, c));
  if (rows.empty()) return {std::nullopt, "the trajectory has no row with t > 0 and w != 0"};
  DataBlock lines;
  lines.name = "hyperplanes";
  std::vector<double> ts, xa, ya, xb, yb, ws1, ws2, bs, Ds;
  for (std::size_t i : rows) {
    const auto s = line_segment(w1[i], w2[i], b[i], L);
    ts.push_back(t[i]);
    ws1.push_back(w1[i]);
    ws2.push_back(w2[i]);
    bs.push_back(b[i]);
    Ds.push_back(std::fabs(b[i]) / std::hypot(w1[i], w2[i]));
    xa.push_back(s[0]);
    ya.push_back(s[1]);
    xb.push_back(s[2]);
    yb.push_back(s[3]);
  }
  lines.add("t", ts).add("w1", ws1).add("w2", ws2).add("b", bs).add("D", Ds);
  lines.add("x_start", xa).add("y_start", ya).add("x_end", xb).add("y_end", yb);
  f.data.push_back(lines);

  // Max-margin hyperplanes ŵ·x = ±1.
  double margin = std::numeric_limits<double>::quiet_NaN();
  bool have_margins = false;
  if (run.theory) {
    const auto w_hat = run.theory->values_or_empty("w_hat");
    if (w_hat.size() == 2 && std::isfinite(w_hat[0]) && std::isfinite(w_hat[1])) {
      margin = 1 / std::hypot(w_hat[0], w_hat[1]);
      DataBlock m;
      m.name = "margins";
      std::vector<double> side{1, -1}, mxa, mya, mxb, myb;
      for (double s : side) {
        const auto seg = line_segment(w_hat[0], w_hat[1], -s, L);
        mxa.push_back(seg[0]);
        mya.push_back(seg[1]);
        mxb.push_back(seg[2]);
        myb.push_back(seg[3]);
      }
      m.add("side", side)
          .add("x_start", mxa)
          .add("y_start", mya)
          .add("x_end", mxb)
          .add("y_end", myb);
      f.data.push_back(m);
      have_margins = true;
    }
  }
  if (margin != margin && run.data_summary) {
    margin = plot_detail::json_number(*run.data_summary, "/gamma") / 2;
  }
  if (!(margin > 0)) margin = 1e-3 * box;
  // Zoom: a few times the largest D of the chosen hyperplanes that stay near the margin.
  double near = margin;
  for (double D : Ds) {
    if (D <= 50 * margin) near = std::max(near, D);
  }
  // Rounded up to 1, 2 or 5 times a power of ten, with a tic every half.
  const double raw = 3 * near, decade = std::pow(10.0, std::floor(std::log10(raw)));
  const double mant = raw / decade <= 1 ? 1 : raw / decade <= 2 ? 2 : raw / decade <= 5 ? 5 : 10;
  const double h = std::min(box, mant * decade);

  auto panel = [&](bool zoom) {
    Panel p;
    p.equal_aspect = true;
    const double lim = zoom ? h : box;
    const std::optional<double> step = zoom ? std::optional<double>(h / 2) : std::nullopt;
    p.x = {"x_1", false, -lim, lim, step};
    p.y = {"x_2", false, -lim, lim, step};
    p.title = zoom ? "zoom on the origin: [-" + plot_detail::short_number(h) + ", " +
                         plot_detail::short_number(h) + "]^2"
                   : "whole box";
    // Left key: the data; right key: the times.
    p.key = "below center horizontal Left reverse maxrows 4";
    const std::vector<std::tuple<std::string, std::string, int, double, std::string>> classes{
        {"column(\"y\") > 0 && column(\"support\") == 0", "class +1", 7, 0.5, "#9CC9E6"},
        {"column(\"y\") < 0 && column(\"support\") == 0", "class -1", 7, 0.5, "#F2B48C"},
        {"column(\"y\") > 0 && column(\"support\") != 0", "support vectors, class +1", 6, 1.3,
         "#0072B2"},
        {"column(\"y\") < 0 && column(\"support\") != 0", "support vectors, class -1", 6, 1.3,
         "#D55E00"}};
    std::vector<Series> points;
    for (const auto& [cond, title, pt, ps, color] : classes) {
      if (support_source == "none" && title.rfind("support", 0) == 0) continue;
      Series s;
      s.block = "train";
      s.x = "x1";
      s.y = "x2";
      s.style = SeriesStyle::points;
      s.condition = cond;
      s.title = zoom ? "" : title;
      s.point_type = pt;
      s.point_size = ps;
      s.color = color;
      points.push_back(s);
    }
    if (have_margins) {
      Series s;
      s.block = "margins";
      s.x = "x_start";
      s.y = "y_start";
      s.x2 = "x_end";
      s.y2 = "y_end";
      s.style = SeriesStyle::segments;
      s.title = zoom ? "" : "max-margin hyperplanes ŵ·x = ±1";
      s.color = "#666666";
      s.dash = 2;
      s.line_width = 1.5;
      p.series.push_back(s);
    }
    const std::size_t n_colors = sizeof kTimeColors / sizeof *kTimeColors;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      Series s;
      s.block = "hyperplanes";
      s.x = "x_start";
      s.y = "y_start";
      s.x2 = "x_end";
      s.y2 = "y_end";
      s.style = SeriesStyle::segments;
      s.row = k;
      s.title = zoom ? "t = " + plot_detail::short_number(ts[k]) : "";
      const std::size_t color =
          rows.size() == 1 ? n_colors - 1 : k * (n_colors - 1) / (rows.size() - 1);
      s.color = kTimeColors[color];
      s.line_width = 2.5;
      p.series.push_back(s);
    }
    // Points over the lines, so that the support vectors on the margin stay visible.
    p.series.insert(p.series.end(), points.begin(), points.end());
    return p;
  };
  Panel whole = panel(false), zoom = panel(true);
  whole.origin_x = 0.0;
  whole.origin_y = 0.0;
  whole.width = 0.5;
  whole.height = 0.94;
  zoom.origin_x = 0.5;
  zoom.origin_y = 0.0;
  zoom.width = 0.5;
  zoom.height = 0.94;
  f.panels = {whole, zoom};
  return {f, ""};
}

}  // namespace lingrok
