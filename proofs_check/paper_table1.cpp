// The paper's Table 1 beside lingrok's T_tr, T_te and ζ of a run (paper_table1.hpp,
// docs/checks.md).
#include "proofs_check/paper_table1.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/strict_json.hpp"

namespace lingrok {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The summary's row of the paper's definition (variant first_sup) at ε for one test set.
const nlohmann::json* first_sup_row(const nlohmann::json& summary, const std::string& set,
                                    double eps) {
  const auto pointer =
      nlohmann::json::json_pointer("/grokking/sets/" + set + "/variants/first_sup/rows");
  if (!summary.contains(pointer)) return nullptr;
  for (const auto& row : summary.at(pointer)) {
    if (row.contains("epsilon") && row["epsilon"].get<double>() == eps) return &row;
  }
  return nullptr;
}

double number_or_nan(const nlohmann::json& row, const char* key) {
  return row.contains(key) && row[key].is_number() ? row[key].get<double>() : kNaN;
}

// Which side of ζ_min a number lies on: +1 at or above, -1 below, 0 undecided.
int side(const PaperNumber& z, double zeta_min) {
  if (z.relation == ">=") return z.value >= zeta_min ? 1 : 0;
  if (z.relation == "<=") return z.value < zeta_min ? -1 : 0;
  return z.value >= zeta_min ? 1 : -1;
}

}  // namespace

PaperTable1 read_paper_table1(const std::filesystem::path& file) {
  const PaperFile f = read_paper_file(file, "rows", {"lingrok_run"});
  PaperTable1 t;
  t.source = f.source;
  t.note = f.note;
  const auto runs = f.extras.find("lingrok_run");
  if (runs == f.extras.end() || !runs->second.is_object()) {
    throw InputError(f.where + ": lingrok_run must map a dimension to a run name");
  }
  for (const auto& [d, name] : runs->second.items()) {
    if (!name.is_string()) throw InputError(f.where + ": lingrok_run." + d + " must be a run name");
    t.lingrok_run[std::stoi(d)] = name.get<std::string>();
  }
  for (std::size_t i = 0; i < f.entries.size(); ++i) {
    const std::string at = f.at("rows", i);
    StrictSection s(f.entries[i], at);
    PaperTable1Row r;
    r.d = s.get_int32("d", 0);
    r.test = s.get_string("test", "");
    r.epsilon = s.get_double("epsilon", -1);
    const auto* T_tr = s.get_raw("T_tr");
    const auto* T_te = s.get_raw("T_te");
    const auto* zeta = s.get_raw("zeta");
    s.reject_unknown_keys();
    if (r.d <= 0) throw InputError(at + ".d must be a positive dimension");
    if (r.test != "standard" && r.test != "concentrated") {
      throw InputError(at + ".test must be \"standard\" or \"concentrated\"");
    }
    if (!(r.epsilon >= 0 && r.epsilon < 1)) throw InputError(at + ".epsilon must be in [0, 1)");
    if (!T_tr || !T_te || !zeta) throw InputError(at + " needs T_tr, T_te and zeta");
    r.T_tr = read_paper_number(*T_tr, at + ".T_tr", false);
    r.T_te = read_paper_number(*T_te, at + ".T_te", false);
    r.zeta = read_paper_number(*zeta, at + ".zeta", false);
    t.rows.push_back(r);
  }
  return t;
}

std::vector<Table1Comparison> compare_with_paper_table1(const PaperTable1& paper, int d,
                                                        const std::string& family,
                                                        const std::string& run,
                                                        const nlohmann::json& simulate_summary) {
  std::vector<Table1Comparison> out;
  if (simulate_summary.is_null()) return out;
  for (const auto& row : paper.rows) {
    if (row.d != d) continue;
    Table1Comparison c;
    c.paper = row;
    c.family = family;
    c.run = run;
    c.steps = simulate_summary.value("steps_done", simulate_summary.value("steps", 0LL));
    c.zeta_min = simulate_summary.contains("/grokking/zeta_min"_json_pointer)
                     ? simulate_summary.at("/grokking/zeta_min"_json_pointer).get<double>()
                     : 100.0;
    const std::string set = row.test == "standard" ? "test_standard" : "test_conc";
    const nlohmann::json* r = first_sup_row(simulate_summary, set, row.epsilon);
    c.T_tr = r ? number_or_nan(*r, "T_tr") : kNaN;
    c.T_te = r ? number_or_nan(*r, "T_te") : kNaN;
    c.zeta = r ? number_or_nan(*r, "zeta") : kNaN;
    c.T_te_ratio = c.T_te / row.T_te.value;
    const int paper_side = side(row.zeta, c.zeta_min);
    const int run_side = c.zeta == c.zeta ? (c.zeta >= c.zeta_min ? 1 : -1) : 0;
    c.same_grokking_verdict =
        paper_side == 0 || run_side == 0 ? "-" : (paper_side == run_side ? "yes" : "no");
    out.push_back(c);
  }
  return out;
}

}  // namespace lingrok
