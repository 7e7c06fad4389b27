// Bound versus observed (docs/theory.md#grokking-time, Theorem 4.6; docs/outputs.md#figures): over
// a sweep of support-vector imbalance, the observed test-grokking time T_te(ε) (first reach and
// settle) against |log δ|, with the paper's lower and upper bounds as a band (B = ||w̃||) and as
// dashed lines (B = sup ||ρ|| observed), its small-γ estimate and lingrok's refined estimate; log y
// axis, one panel per family of runs ("literal" η, "stable" η = 1/β).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "plots/run_figures.hpp"
#include "results/run_layout.hpp"

namespace lingrok {

namespace {

std::string block_name(const std::string& family) {
  std::string s;
  for (char ch : family) s += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return s.empty() ? "all" : s;
}

// What `lingrok sweep` records about a family in sweep.json next to the table: γ, η and the
// number of GD steps (empty when there is no sweep.json or it lacks the family).
struct FamilyRun {
  std::string description;  // "γ = 0.05, η = 1/β"
  double steps = std::numeric_limits<double>::quiet_NaN();
};

std::map<std::string, FamilyRun> family_runs(const std::filesystem::path& csv) {
  std::map<std::string, FamilyRun> out;
  const auto json_path = SweepLayout::of_table(csv).summary_json();
  if (!std::filesystem::exists(json_path)) return out;
  try {
    const auto j = read_json_file(json_path.string());
    if (!j.contains("families") || !j.at("families").is_array()) return out;
    for (const auto& f : j.at("families")) {
      FamilyRun r;
      if (f.contains("gamma") && f.at("gamma").is_number()) {
        r.description = "γ = " + plot_detail::short_number(f.at("gamma").get<double>());
      }
      if (f.contains("eta")) {
        const auto& eta = f.at("eta");
        const std::string e =
            eta.is_string() && eta.get<std::string>() == "stable"
                ? "1/β"
                : (eta.is_number() ? plot_detail::short_number(eta.get<double>()) : std::string());
        if (!e.empty()) r.description += (r.description.empty() ? "" : ", ") + ("η = " + e);
      }
      if (f.contains("steps") && f.at("steps").is_number()) r.steps = f.at("steps").get<double>();
      out[f.value("name", std::string())] = r;
    }
  } catch (const std::exception&) {
    out.clear();  // a damaged sweep.json only costs the annotations
  }
  return out;
}

}  // namespace

FigureBuild sweep_figure(const std::filesystem::path& csv, std::optional<double> epsilon,
                         const SweepColumns& c) {
  const Table table = Table::read(csv);
  for (const auto& need : {c.abs_log_delta, c.T_te_first}) {
    if (!table.has(need)) return {std::nullopt, "the sweep table has no column " + need};
  }
  std::vector<std::string> family = Table::read_text_column(csv, c.family);
  if (family.size() != table.rows()) family.assign(table.rows(), "");

  // ε: the one asked for, else the smallest in the table.
  std::vector<std::size_t> rows(table.rows());
  std::iota(rows.begin(), rows.end(), 0);
  std::string eps_text;
  if (table.has(c.epsilon)) {
    const auto& e = table.col(c.epsilon);
    std::set<double> present;
    for (double v : e) {
      if (std::isfinite(v)) present.insert(v);
    }
    if (!present.empty()) {
      const double want = epsilon ? *epsilon : *present.begin();
      std::vector<std::size_t> keep;
      for (std::size_t i : rows) {
        if (std::fabs(e[i] - want) <= 1e-12 * std::max(1.0, std::fabs(want))) keep.push_back(i);
      }
      if (keep.empty()) {
        std::string have;
        for (double v : present) have += (have.empty() ? "" : ", ") + format_number(v);
        return {std::nullopt,
                "no row with epsilon = " + format_number(want) + " (the table has " + have + ")"};
      }
      rows = keep;
      eps_text = "ε = " + plot_detail::short_number(want);
    }
  }
  std::vector<std::string> families;
  for (std::size_t i : rows) {
    if (std::find(families.begin(), families.end(), family[i]) == families.end()) {
      families.push_back(family[i]);
    }
  }
  std::sort(families.begin(), families.end());

  Figure f;
  f.name = "bound_vs_observed";
  f.title = "Observed test-grokking time against the paper's bounds (Theorem 4.6)" +
            (eps_text.empty() ? "" : ", " + eps_text);
  f.layout_rows = families.size() > 3 ? 2 : 1;
  f.layout_cols = static_cast<int>((families.size() + f.layout_rows - 1) / f.layout_rows);
  f.width_px = std::max(1200, 800 * f.layout_cols);
  f.height_px = 1000;  // room for the key under each panel
  const auto& x = table.col(c.abs_log_delta);
  const auto runs = family_runs(csv);
  for (const auto& fam : families) {
    std::vector<std::size_t> mine;
    for (std::size_t i : rows) {
      if (family[i] == fam && std::isfinite(x[i])) mine.push_back(i);
    }
    std::stable_sort(mine.begin(), mine.end(),
                     [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    DataBlock block;
    block.name = block_name(fam);
    for (const auto& name : table.names()) {
      if (name == c.family) continue;
      const auto& v = table.col(name);
      std::vector<double> kept;
      for (std::size_t i : mine) kept.push_back(v[i]);
      block.add(name, kept);
    }
    f.data.push_back(block);

    const auto run = runs.find(fam);
    Panel p;
    p.title = fam.empty() ? "all runs" : "family \"" + enhanced_literal(fam) + "\"";
    if (run != runs.end() && !run->second.description.empty()) {
      p.title += " (" + run->second.description + ")";
    }
    // x from 0 (no imbalance) with round tics; y from half a step: the B_lim lower bound lies
    // far below one step and would squeeze the observed times into a corner.
    p.x = {"|log δ|  (support-vector imbalance, δ = (A_-/A_+)^{1/2})", false, 0.0, {}, {}};
    p.y = {"T_{te}(ε)  (GD steps)", true, 0.5, {}, {}};
    // The key under the plot: inside it covers the observed times near the upper bound.
    p.key = "below center horizontal Left reverse maxcols 2";
    if (run != runs.end() && std::isfinite(run->second.steps)) {
      std::size_t unreached = 0;
      if (table.has(c.T_te_settle)) {
        for (std::size_t i : mine) unreached += std::isnan(table.col(c.T_te_settle)[i]) ? 1 : 0;
      }
      p.hlines.push_back({run->second.steps,
                          "end of the runs, T = " + plot_detail::short_number(run->second.steps) +
                              " (settle not reached, not shown: " + std::to_string(unreached) +
                              " of " + std::to_string(mine.size()) + ")",
                          "#777777", 3, 1.5});
    }
    auto add = [&](const std::string& y, const std::string& y2, SeriesStyle style,
                   const std::string& title, const std::string& color, int dash, int pt) {
      if (!table.has(y) || (!y2.empty() && !table.has(y2))) return;
      Series s;
      s.block = block.name;
      s.x = c.abs_log_delta;
      s.y = y;
      s.y2 = y2;
      s.style = style;
      s.title = title;
      s.color = color;
      s.dash = dash;
      s.point_type = pt;
      s.point_size = 1.4;
      s.line_width = 2.0;
      s.opacity = 0.25;
      p.series.push_back(s);
    };
    add(c.bound_lower_Blim, c.bound_upper_Blim, SeriesStyle::band, "paper's bounds, B = ||w̃||",
        "#56B4E9", 1, 0);
    add(c.bound_lower_Bobs, "", SeriesStyle::lines, "paper's bounds, B = sup ||ρ|| on GD",
        "#0072B2", 2, 0);
    add(c.bound_upper_Bobs, "", SeriesStyle::lines, "", "#0072B2", 2, 0);
    add(c.estimate_small_gamma, "", SeriesStyle::lines, "paper's small-γ estimate", "#000000", 4,
        0);
    add(c.estimate_refined, "", SeriesStyle::lines, "refined estimate (lingrok)", "#CC79A7", 1, 0);
    add(c.T_te_first, "", SeriesStyle::points, "observed T_{te}(ε), first reach (the paper's)",
        "#D55E00", 1, 7);
    add(c.T_te_settle, "", SeriesStyle::points, "observed T_{te}(ε), settle (stays to the end)",
        "#009E73", 1, 6);
    f.panels.push_back(p);
  }
  if (f.panels.empty()) return {std::nullopt, "the sweep table has no rows"};
  if (f.panels.size() == 1 && f.panels[0].title == "all runs") f.panels[0].title = f.title;
  return {f, ""};
}

}  // namespace lingrok
