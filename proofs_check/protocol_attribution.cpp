// Which protocols reproduce each row of the paper's Table 1 and each Figure 4 statement
// (protocol_attribution.hpp, docs/checks.md#protocol-attribution).
#include "proofs_check/protocol_attribution.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "core/json_number.hpp"
#include "core/strict_json.hpp"

namespace lingrok {

namespace {

constexpr double kNotReached = 10;  // decades charged for a number that is not there

std::string short_text(double x) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os.precision(3);
  os << x;
  return os.str();
}

std::string range_text(double lo, double hi) {
  return lo == hi || (std::isnan(lo) && std::isnan(hi)) ? short_text(lo)
                                                        : short_text(lo) + ".." + short_text(hi);
}

bool runs_match(const std::string& runs, const ProtocolOutcome& o) {
  if (o.d != 2) return false;  // Figure 4 is the paper's d = 2 experiment
  if (runs == "d2") return true;
  if (runs == "imbalanced") return o.imbalance == "positive" || o.imbalance == "negative";
  return o.imbalance == runs;
}

const GrokkingReport& report_for(const ProtocolOutcome& o, const std::string& test) {
  return test == "standard" ? o.standard : o.concentrated;
}

// Readings grouped by (group, variant, ε), each group's spread, sorted best first.
std::vector<GroupResult> group_results(const std::vector<Reading>& readings, bool table1) {
  std::map<std::tuple<std::string, std::string, double>, std::vector<const Reading*>> groups;
  for (const auto& r : readings) groups[{r.group, r.variant, r.epsilon}].push_back(&r);
  std::vector<GroupResult> out;
  for (const auto& [key, members] : groups) {
    GroupResult g;
    g.group = std::get<0>(key);
    g.variant = std::get<1>(key);
    g.epsilon = std::get<2>(key);
    g.runs = static_cast<int>(members.size());
    g.best_distance = INFINITY;
    auto spread = [&](auto field) {
      double lo = NAN, hi = NAN;
      for (const auto* m : members) {
        const double v = field(*m);
        if (std::isnan(v)) continue;
        lo = std::isnan(lo) ? v : std::min(lo, v);
        hi = std::isnan(hi) ? v : std::max(hi, v);
      }
      return range_text(lo, hi);
    };
    for (const auto* m : members) {
      g.reproducing += m->reproduces() ? 1 : 0;
      g.best_distance = std::min(g.best_distance, m->distance);
    }
    if (table1) {
      g.spread = "T_tr " + spread([](const Reading& r) { return r.T_tr; }) + ", T_te " +
                 spread([](const Reading& r) { return r.T_te; }) + ", zeta " +
                 spread([](const Reading& r) { return r.zeta; });
    } else {
      g.spread = spread([](const Reading& r) { return r.value; });
    }
    g.spread += " over " + std::to_string(g.runs) + (g.runs == 1 ? " run" : " runs");
    out.push_back(g);
  }
  // Most reproducing seeds first (as a share of the group), then the closest.
  std::stable_sort(out.begin(), out.end(), [](const GroupResult& a, const GroupResult& b) {
    const double sa = static_cast<double>(a.reproducing) / a.runs;
    const double sb = static_cast<double>(b.reproducing) / b.runs;
    if (sa != sb) return sa > sb;
    return a.best_distance < b.best_distance;
  });
  return out;
}

void finish(Attribution& a, const std::vector<Reading>& readings, bool table1,
            const std::string& describe_reading_kind) {
  a.tried = readings.size();
  auto groups = group_results(readings, table1);
  a.tried_groups = groups.size();
  for (const auto& g : groups) {
    if (g.reproducing > 0) a.reproduced_by.push_back(g);
  }
  for (const auto& r : readings) {
    if (r.reproduces()) {
      if (!a.best) a.best = r;
    } else if (!a.closest_miss || r.distance < a.closest_miss->distance) {
      a.closest_miss = r;
    }
  }
  auto reading_text = [&](const Reading& r) {
    std::string s = r.label() + " (";
    if (table1) {
      s += "T_tr " + short_text(r.T_tr) + ", T_te " + short_text(r.T_te) + ", zeta " +
           short_text(r.zeta);
    } else {
      s += short_text(r.value);
    }
    return s + ")";
  };
  const std::string n = std::to_string(a.tried_groups) + " protocols (" + std::to_string(a.tried) +
                        " " + describe_reading_kind + ")";
  if (a.tried == 0) {
    a.verdict = "no run of this kind was tried";
  } else if (!a.reproduced_by.empty()) {
    const GroupResult& g = a.reproduced_by.front();
    int all_seeds = 0;
    for (const auto& x : a.reproduced_by) all_seeds += x.reproducing == x.runs ? 1 : 0;
    const std::string tag =
        g.variant.empty() ? "" : " [" + g.variant + ", eps=" + short_text(g.epsilon) + "]";
    a.verdict = "reproduced by " + std::to_string(a.reproduced_by.size()) + " of " + n + ", " +
                std::to_string(all_seeds) + " of them in every run; best " + g.group + tag + ": " +
                std::to_string(g.reproducing) + "/" + std::to_string(g.runs) + " runs, " + g.spread;
  } else {
    a.verdict = "reproduced by none of " + n + "; closest " + reading_text(*a.closest_miss);
  }
  if (a.reduced) a.verdict += " [reduced-scale runs]";
}

}  // namespace

std::string Reading::label() const {
  return variant.empty() ? id : id + " [" + variant + ", eps=" + short_text(epsilon) + "]";
}

double miss_distance(const PaperNumber& paper, double m, const AttributionOptions& options) {
  if (!(m > 0) || std::isnan(m)) return kNotReached;
  const double v = paper.value;
  if (std::isinf(m)) return paper.relation == ">=" ? 0 : kNotReached;
  const double decades = std::log10(m / v);
  if (paper.relation == "<=") return std::max(0.0, decades);
  if (paper.relation == ">=") return std::max(0.0, -decades);
  const double band = std::log10(paper.relation == "~" ? options.order_factor : options.factor);
  return std::max(0.0, std::abs(decades) - band);
}

double zeta_miss_distance(const PaperNumber& paper, double m, const AttributionOptions& options) {
  if (paper.relation != "=") return miss_distance(paper, m, options);
  if (std::isnan(m) || !(m > 0)) return kNotReached;
  const bool paper_groks = paper.value >= options.zeta_min;
  const bool run_groks = m >= options.zeta_min;
  if (paper_groks == run_groks) return 0;
  return std::isinf(m) ? kNotReached : std::max(1e-3, std::abs(std::log10(m / options.zeta_min)));
}

PaperFigure4 read_paper_figure4(const std::filesystem::path& file) {
  const PaperFile file_content = read_paper_file(file, "statements");
  PaperFigure4 f;
  f.source = file_content.source;
  f.note = file_content.note;
  for (std::size_t i = 0; i < file_content.entries.size(); ++i) {
    const std::string at = file_content.at("statements", i);
    StrictSection s(file_content.entries[i], at);
    PaperStatement p;
    p.id = s.get_string("id", "");
    p.text = s.get_string("text", "");
    p.quantity = s.get_string("quantity", "");
    p.runs = s.get_string("runs", "");
    const auto* value = s.get_raw("value");
    s.reject_unknown_keys();
    if (p.id.empty() || p.text.empty()) throw InputError(at + " needs an id and a text");
    ProtocolOutcome probe;
    probe.t1 = probe.t2 = probe.t_D_peak = probe.t_unlearning_end = 0;
    if (std::isnan(outcome_quantity(probe, p.quantity))) {
      throw InputError(at + ".quantity \"" + p.quantity +
                       "\" is not one of t1, t2, t_D_peak, t_unlearning_end");
    }
    if (p.runs != "d2" && p.runs != "balanced" && p.runs != "positive" && p.runs != "negative" &&
        p.runs != "imbalanced") {
      throw InputError(at + ".runs \"" + p.runs +
                       "\" is not one of d2, balanced, positive, negative, imbalanced");
    }
    if (!value) throw InputError(at + " needs a value [number, relation]");
    // Positive: its misses are measured in decades (miss_distance).
    p.value = read_paper_number(*value, at + ".value", true);
    f.statements.push_back(p);
  }
  return f;
}

Attribution attribute_table1_row(const PaperTable1Row& row,
                                 const std::vector<ProtocolOutcome>& outcomes,
                                 const AttributionOptions& options) {
  Attribution a;
  a.d = row.d;
  a.what = "d=" + std::to_string(row.d) + ", " + row.test + ", eps=" + short_text(row.epsilon) +
           ": T_tr " + row.T_tr.text() + ", T_te " + row.T_te.text() + ", zeta " + row.zeta.text();
  std::vector<Reading> readings;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const ProtocolOutcome& o = outcomes[i];
    if (o.d != row.d) continue;
    a.reduced = a.reduced || o.reduced;
    for (const auto& v : report_for(o, row.test).variants) {
      for (const auto& g : v.rows) {
        Reading r;
        r.outcome = i;
        r.id = o.id;
        r.group = o.group;
        r.variant = v.name();
        r.epsilon = g.epsilon;
        r.T_tr = g.T_tr;
        r.T_te = g.T_te;
        r.zeta = g.zeta;
        r.distance = miss_distance(row.T_tr, g.T_tr, options) +
                     miss_distance(row.T_te, g.T_te, options) +
                     zeta_miss_distance(row.zeta, g.zeta, options);
        readings.push_back(r);
      }
    }
  }
  finish(a, readings, true, "run readings: runs x Def. 3.4 variants x eps");
  return a;
}

Attribution attribute_statement(const PaperStatement& statement,
                                const std::vector<ProtocolOutcome>& outcomes,
                                const AttributionOptions& options) {
  Attribution a;
  a.what = statement.text + " (" + statement.quantity + " " + statement.value.text() +
           ", runs: " + statement.runs + ")";
  std::vector<Reading> readings;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const ProtocolOutcome& o = outcomes[i];
    if (!runs_match(statement.runs, o)) continue;
    a.reduced = a.reduced || o.reduced;
    Reading r;
    r.outcome = i;
    r.id = o.id;
    r.group = o.group;
    r.value = outcome_quantity(o, statement.quantity);
    r.distance = miss_distance(statement.value, r.value, options);
    readings.push_back(r);
  }
  finish(a, readings, false, "runs");
  return a;
}

ProtocolAttribution attribute_protocols(const PaperTable1& table1, const PaperFigure4& figure4,
                                        const std::vector<ProtocolOutcome>& outcomes,
                                        const AttributionOptions& options) {
  ProtocolAttribution p;
  p.scores.assign(outcomes.size(), 0.0);
  for (const auto& row : table1.rows) {
    p.table1.push_back(attribute_table1_row(row, outcomes, options));
    if (row.d != 2) continue;
    // Each run's best reading of this row.
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (outcomes[i].d != 2) continue;
      double best = INFINITY;
      for (const auto& v : report_for(outcomes[i], row.test).variants) {
        for (const auto& g : v.rows) {
          best = std::min(best, miss_distance(row.T_tr, g.T_tr, options) +
                                    miss_distance(row.T_te, g.T_te, options) +
                                    zeta_miss_distance(row.zeta, g.zeta, options));
        }
      }
      p.scores[i] += std::isinf(best) ? 3 * kNotReached : best;
    }
  }
  for (const auto& s : figure4.statements) {
    p.figure4.push_back(attribute_statement(s, outcomes, options));
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      if (runs_match(s.runs, outcomes[i])) {
        p.scores[i] += miss_distance(s.value, outcome_quantity(outcomes[i], s.quantity), options);
      }
    }
  }
  return p;
}

nlohmann::ordered_json to_json(const Attribution& a) {
  auto reading = [](const std::optional<Reading>& r) -> nlohmann::ordered_json {
    if (!r) return nullptr;
    return {{"run", r->id},
            {"group", r->group},
            {"variant", r->variant},
            {"epsilon", r->epsilon},
            {"T_tr", number_or_null(r->T_tr)},
            {"T_te", number_or_null(r->T_te)},
            {"zeta", number_or_null(r->zeta)},
            {"value", number_or_null(r->value)},
            {"distance_decades", r->distance}};
  };
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const auto& g : a.reproduced_by) {
    groups.push_back({{"protocol", g.group},
                      {"variant", g.variant},
                      {"epsilon", g.epsilon},
                      {"runs", g.runs},
                      {"reproducing_runs", g.reproducing},
                      {"spread", g.spread}});
  }
  return {{"paper", a.what},
          {"reduced_scale_runs", a.reduced},
          {"readings_tried", a.tried},
          {"protocols_tried", a.tried_groups},
          {"reproduced_by", groups},
          {"best", reading(a.best)},
          {"closest_miss", reading(a.closest_miss)},
          {"verdict", a.verdict}};
}

nlohmann::ordered_json to_json(const ProtocolAttribution& a) {
  nlohmann::ordered_json t = nlohmann::ordered_json::array();
  for (const auto& x : a.table1) t.push_back(to_json(x));
  nlohmann::ordered_json f = nlohmann::ordered_json::array();
  for (const auto& x : a.figure4) f.push_back(to_json(x));
  return {{"table1", t}, {"figure4", f}};
}

namespace {

// A Markdown table cell: "|" (as in |b|/||w||) would end the cell.
std::string cell(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '|') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::string attribution_markdown(const ProtocolAttribution& a, const PaperTable1& table1,
                                 const PaperFigure4& figure4) {
  std::ostringstream md;
  md << "## The paper's Table 1: which protocols reproduce each row\n\n"
     << "| d | test | eps | paper T_tr | paper T_te | paper zeta | verdict |\n"
     << "|---|---|---|---|---|---|---|\n";
  for (std::size_t i = 0; i < a.table1.size() && i < table1.rows.size(); ++i) {
    const auto& r = table1.rows[i];
    md << "| " << r.d << " | " << r.test << " | " << short_text(r.epsilon) << " | " << r.T_tr.text()
       << " | " << r.T_te.text() << " | " << r.zeta.text() << " | " << cell(a.table1[i].verdict)
       << " |\n";
  }
  md << "\n## The paper's Figure 4 / Section 5.2 statements\n\n"
     << "| statement | measured | paper | verdict |\n|---|---|---|---|\n";
  for (std::size_t i = 0; i < a.figure4.size() && i < figure4.statements.size(); ++i) {
    const auto& s = figure4.statements[i];
    md << "| " << cell(s.text) << " (runs: " << s.runs << ") | " << s.quantity << " | "
       << s.value.text() << " | " << cell(a.figure4[i].verdict) << " |\n";
  }
  return md.str();
}

}  // namespace lingrok
