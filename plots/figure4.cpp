// The paper's Figure 4 drawn from the protocol search (figure4.hpp,
// docs/checks.md#protocol-attribution).
#include "plots/figure4.hpp"

#include <cmath>
#include <stdexcept>

#include "plots/run_figures.hpp"

namespace lingrok {

namespace {

DataBlock run_block(const Figure4Run& run, const std::string& name) {
  if (!run.trajectory) throw std::invalid_argument("figure4: " + run.label + " has no trajectory");
  const Trajectory& tr = *run.trajectory;
  DataBlock block;
  block.name = name;
  const auto t = tr.series("t");
  std::vector<std::size_t> keep;  // t > 0 for the log axis
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] > 0) keep.push_back(i);
  }
  for (const char* col : {"t", "b", "D", "acc_train", "acc_test_conc"}) {
    const auto v = tr.series(col);
    std::vector<double> kept;
    for (std::size_t i : keep) kept.push_back(v[i]);
    block.add(col, std::move(kept));
  }
  return block;
}

const std::string kTime = "t";

Series line(const std::string& block, const std::string& y, const std::string& title,
            const std::string& color, int dash) {
  Series s;
  s.block = block;
  s.x = kTime;
  s.y = y;
  s.title = title;
  s.color = color;
  s.dash = dash;
  s.line_width = dash == 1 ? 2.5 : 2.0;
  return s;
}

}  // namespace

Figure figure4(const std::vector<Figure4Row>& rows, double paper_t1, double paper_t2) {
  Figure f;
  f.name = "figure4";
  f.title =
      "The paper's Figure 4 from the protocol search: best-matching protocol (solid) "
      "beside the default (dashed); paper's phases shaded";
  f.layout_rows = static_cast<int>(rows.size());
  f.layout_cols = 3;
  f.width_px = 1800;
  f.height_px = 520 * static_cast<int>(rows.size());
  PhaseTimes paper;
  paper.t1 = paper_t1;
  paper.t2 = paper_t2;
  paper.source = "paper";
  const std::string blue = "#0072B2", green = "#009E73", red = "#D55E00";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Figure4Row& row = rows[r];
    const std::string best = "r" + std::to_string(r) + "_best";
    const std::string fallback = "r" + std::to_string(r) + "_default";
    f.data.push_back(run_block(row.best, best));
    f.data.push_back(run_block(row.fallback, fallback));
    auto panel = [&](const std::string& what, Axis y) {
      Panel p;
      p.title = enhanced_literal(row.configuration) + ": " + what;
      p.x = {"GD steps t", true, {}, {}, {}};
      p.y = std::move(y);
      p.shades = plot_detail::phase_shades(paper);
      for (const double t : {row.best.t1, row.best.t2}) {
        if (std::isfinite(t)) p.vlines.push_back({t, "", "#555555", 3, 1.5});
      }
      p.key = "below center vertical Left reverse maxrows 4";
      return p;
    };
    const std::string best_name = "best: " + enhanced_literal(row.best.label);
    const std::string default_name = "default: " + enhanced_literal(row.fallback.label);
    Panel b = panel("bias b(t)", {"b(t)", false, {}, {}, {}});
    b.series = {line(best, "b", best_name, blue, 1), line(fallback, "b", default_name, red, 2)};
    Panel D = panel("D(t) = |b| / ||w||", {"D(t)", true, {}, {}, {}});
    D.series = {line(best, "D", "best", blue, 1), line(fallback, "D", "default", red, 2)};
    Panel acc = panel("accuracy", {"accuracy", false, -0.02, 1.02, {}});
    acc.series = {line(best, "acc_train", "train (best)", blue, 1),
                  line(best, "acc_test_conc", "concentrated (best)", green, 1),
                  line(fallback, "acc_train", "train (default)", blue, 2),
                  line(fallback, "acc_test_conc", "concentrated (default)", green, 2)};
    f.panels.push_back(b);
    f.panels.push_back(D);
    f.panels.push_back(acc);
  }
  return f;
}

}  // namespace lingrok
