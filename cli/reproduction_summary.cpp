// The reproduction summary: claim × run verdicts and the paper's Table 1 comparison
// (reproduction_summary.hpp).
#include "cli/reproduction_summary.hpp"

#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/json_number.hpp"
#include "core/output_set.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "pipeline/family.hpp"
#include "proofs_check/paper_table1.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/run_layout.hpp"
#include "results/theory_record.hpp"

namespace lingrok::cli {

namespace {

std::string short_verdict(const std::string& v) {
  if (v == "holds") return "holds";
  if (v == "fails") return "FAILS";
  if (v == "not applicable") return "n/a";
  return "?";
}

std::string num(const nlohmann::json& j) {
  if (!j.is_number()) return "-";
  if (!std::isfinite(j.get<double>())) return "NaN";
  std::ostringstream os;
  os << std::setprecision(3) << j.get<double>();
  return os.str();
}

// The paper's definition (first reach relative to sup) at ε, for one test set, from summary.json.
nlohmann::json grokking_row(const nlohmann::json& summary, const std::string& set, double eps) {
  if (!summary.contains("grokking") || !summary["grokking"]["sets"].contains(set)) return nullptr;
  const auto& s = summary["grokking"]["sets"][set];
  for (const auto& row : s["variants"]["first_sup"]["rows"]) {
    if (row["epsilon"].get<double>() == eps) {
      nlohmann::json r = row;
      r["grokking"] = s["variants"]["first_sup"]["grokking"];
      return r;
    }
  }
  return nullptr;
}

}  // namespace

void write_reproduction_summary(const std::filesystem::path& out,
                                const std::filesystem::path& configs) {
  struct Run {
    std::string family, name;
    nlohmann::json report, summary;
    std::optional<TheoryRecord> theory;
  };
  std::vector<Run> runs;
  for (const char* family : kFamilies) {
    const auto fdir = ReproductionLayout(out).family_dir(family);
    if (!std::filesystem::is_directory(fdir)) continue;
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(fdir))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      Run r{family, name, nullptr, nullptr, std::nullopt};
      const RunLayout dir = ReproductionLayout(out).run(family, name);
      if (std::filesystem::exists(dir.report_json()))
        r.report = read_json_file(dir.report_json().string());
      if (std::filesystem::exists(dir.gd_summary_json())) {
        r.summary = read_json_file(dir.gd_summary_json().string());
      }
      if (std::filesystem::exists(dir.theory_json()))
        r.theory = TheoryRecord::read(dir.theory_json());
      runs.push_back(std::move(r));
    }
  }
  std::optional<PaperTable1> paper;
  if (std::filesystem::exists(configs / "paper_table1.json")) {
    paper = read_paper_table1(configs / "paper_table1.json");
  }

  std::ostringstream md;
  md << "# lingrok reproduction of arXiv:2602.08302\n\n"
     << "lingrok " << kVersion << " (" << kGitDescribe << "). Every verdict is computed by a check "
     << "(docs/checks.md) from the numbers in that run's `report.md`; times are GD steps.\n\n"
     << "Families: **literal** — the paper's setting (γ = 1e-3, η = 1e-2, sum; ηβ far above 2); "
     << "**stable** — γ = 0.05, η = 1/β, where Theorem 4.1's premise holds; **paper-stable** — "
     << "the paper's data (γ = 1e-3) at η = 1/β (docs/conventions.md#families).\n\n";

  // 1. Claim × run verdicts.
  std::vector<std::string> ids;
  for (const auto& r : runs) {
    if (r.report.is_null()) continue;
    for (const auto& c : r.report["checks"]) {
      if (std::find(ids.begin(), ids.end(), c["id"].get<std::string>()) == ids.end())
        ids.push_back(c["id"]);
    }
  }
  std::ostringstream table;
  for (const char* family : kFamilies) {
    std::vector<const Run*> fr;
    for (const auto& r : runs) {
      if (r.family == family) fr.push_back(&r);
    }
    if (fr.empty()) continue;
    table << "\n" << family << " family: verdict per claim (columns: runs)\n";
    md << "## Verdicts, " << family << " family\n\n| claim |";
    table << std::left << std::setw(6) << "claim";
    for (const auto* r : fr) {
      table << std::setw(22) << r->name.substr(0, 21);
      md << " [" << r->name << "]("
         << ReproductionLayout("").run(family, r->name).report_md().generic_string() << ") |";
    }
    table << "\n";
    md << "\n|---|";
    for (std::size_t k = 0; k < fr.size(); ++k) md << "---|";
    md << "\n";
    for (const auto& id : ids) {
      table << std::setw(6) << id;
      md << "| " << id << " |";
      for (const auto* r : fr) {
        std::string cell = "-";
        std::string key;
        std::string where;  // the flow's t when the flow decided (decided_on_flow.hpp)
        if (!r->report.is_null()) {
          for (const auto& c : r->report["checks"]) {
            if (c["id"] == id) {
              cell = short_verdict(c["verdict"]);
              for (const auto& m : c["measured"]) {
                if (key.empty() || (c.contains("key") && m["name"] == c["key"]))
                  key = num(m["value"]);
              }
              if (c.contains("inputs") && c["inputs"].is_object() &&
                  c["inputs"].value("decided_on", std::string("GD")) != "GD") {
                for (const auto& m : c["measured"])
                  if (m["name"] == "largest t reached") where = num(m["value"]);
              }
            }
          }
        }
        table << std::setw(22) << (cell + (where.empty() ? " " : "F ") + key).substr(0, 21);
        md << " " << cell << " (" << key << ")"
           << (where.empty() ? "" : "; on the flow to t = " + where) << " |";
      }
      table << "\n";
      md << "\n";
    }
    md << "\n(The number beside each verdict is the measurement that decided it: the key number "
          "in the run's report, where it is named. \"On the flow to t = …\": decided on the full "
          "gradient flow in log time, which carried the run past GD's last step; in the text "
          "table such verdicts carry an F.)\n\n";
  }

  // 2. Table 1: grokking per test set.
  const double eps = 1e-2;
  table << "\nGrokking (the paper's Table 1 shape): first reach of (1-eps) sup, eps = " << eps
        << "\n";
  table << std::left << std::setw(30) << "run" << std::setw(10) << "T_tr" << std::setw(12)
        << "T_te std" << std::setw(12) << "T_te conc" << std::setw(12) << "T_te PGD"
        << std::setw(10) << "groks?"
        << "\n";
  md << "## Grokking per test set (the paper's Table 1)\n\n"
     << "First logged step reaching (1 − ε)·sup of the run, ε = " << eps
     << "; grokking = ζ = T_te/T_tr ≥ ζ_min for every ε of the grid. The paper's own numbers are "
     << "in the next section.\n\n| run | T_tr | T_te standard | T_te concentrated | T_te PGD | "
     << "grokking (std / conc / PGD) |\n|---|---|---|---|---|---|\n";
  nlohmann::json table1 = nlohmann::json::array();
  for (const auto& r : runs) {
    if (r.summary.is_null()) continue;
    const auto std_row = grokking_row(r.summary, "test_standard", eps);
    const auto conc_row = grokking_row(r.summary, "test_conc", eps);
    const auto pgd_row = grokking_row(r.summary, "pgd", eps);
    const auto T_tr = conc_row.is_null() ? nlohmann::json(nullptr) : conc_row["T_tr"];
    const auto yes = [](const nlohmann::json& row) {
      return row.is_null() ? std::string("-") : (row["grokking"].get<bool>() ? "yes" : "no");
    };
    const std::string label = r.family + "/" + r.name;
    table << std::setw(30) << label.substr(0, 29) << std::setw(10) << num(T_tr) << std::setw(12)
          << (std_row.is_null() ? "-" : num(std_row["T_te"])) << std::setw(12)
          << (conc_row.is_null() ? "-" : num(conc_row["T_te"])) << std::setw(12)
          << (pgd_row.is_null() ? "-" : num(pgd_row["T_te"])) << yes(std_row) << "/"
          << yes(conc_row) << "/" << yes(pgd_row) << "\n";
    md << "| " << label << " | " << num(T_tr) << " | "
       << (std_row.is_null() ? "-" : num(std_row["T_te"])) << " | "
       << (conc_row.is_null() ? "-" : num(conc_row["T_te"])) << " | "
       << (pgd_row.is_null() ? "-" : num(pgd_row["T_te"])) << " | " << yes(std_row) << " / "
       << yes(conc_row) << " / " << yes(pgd_row) << " |\n";
    table1.push_back({{"run", label},
                      {"epsilon", eps},
                      {"standard", std_row},
                      {"concentrated", conc_row},
                      {"pgd", pgd_row}});
  }
  md << "\n";
  // 3. The paper's Table 1: which protocols reproduce each row (`lingrok protocols --out
  // OUT/protocols`, when it has been run), then the runs configs/paper_table1.json names.
  nlohmann::json attribution = nullptr;
  if (std::filesystem::exists(out / "protocols" / "protocols.json")) {
    const auto doc = read_json_file((out / "protocols" / "protocols.json").string());
    attribution = doc.value("attribution", nlohmann::json(nullptr));
    md << "## The paper's Table 1: which protocols reproduce it\n\n"
       << "From `protocols/protocols.json` (`lingrok protocols`, " << doc["runs"].size()
       << " runs; docs/checks.md#protocol-attribution). " << doc.value("d1024_note", std::string())
       << "\n\n| paper | verdict |\n|---|---|\n";
    table << "\nThe paper's Table 1: which protocols reproduce it (protocols/protocols.json)\n";
    for (const auto& a : {attribution["table1"], attribution["figure4"]}) {
      for (const auto& row : a) {
        md << "| " << row["paper"].get<std::string>() << " | " << row["verdict"].get<std::string>()
           << " |\n";
        table << "  " << row["paper"].get<std::string>() << "\n    "
              << row["verdict"].get<std::string>() << "\n";
      }
    }
    md << "\n";
  }
  nlohmann::json paper_rows = nlohmann::json::array();
  if (paper) {
    md << "## The paper's Table 1 beside the default protocol's runs\n\n"
       << paper->source << ". " << paper->note
       << "\n\nlingrok's numbers use the paper's definition (first logged step reaching (1 − "
          "ε)·sup); "
       << "NaN: the level is never reached in the run. *same side* says whether the run and the "
       << "paper both have ζ at or above ζ_min (grokking) or both below it.\n\n"
       << "| family | run (steps) | d | test | ε | T_tr paper | T_tr lingrok | T_te paper | T_te "
          "lingrok "
       << "| T_te lingrok/paper | ζ paper | ζ lingrok | same side of ζ_min |\n"
       << "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    table << "\nThe paper's Table 1 beside lingrok (configs/paper_table1.json)\n"
          << std::left << std::setw(30) << "run" << std::setw(22) << "test, eps" << std::setw(20)
          << "T_tr paper/lingrok" << std::setw(20) << "T_te paper/lingrok" << std::setw(22)
          << "zeta paper/lingrok"
          << "same side\n";
    for (const auto& r : runs) {
      for (const auto& [d, name] : paper->lingrok_run) {
        if (r.name != name) continue;
        for (const auto& c : compare_with_paper_table1(*paper, d, r.family, r.name, r.summary)) {
          const std::string label = r.family + "/" + r.name;
          const std::string test = c.paper.test + ", " + num(c.paper.epsilon);
          md << "| " << r.family << " | " << r.name << " (" << c.steps << ") | " << d << " | "
             << c.paper.test << " | " << num(c.paper.epsilon) << " | " << c.paper.T_tr.text()
             << " | " << num(c.T_tr) << " | " << c.paper.T_te.text() << " | " << num(c.T_te)
             << " | " << num(c.T_te_ratio) << " | " << c.paper.zeta.text() << " | " << num(c.zeta)
             << " | " << c.same_grokking_verdict << " |\n";
          table << std::setw(30) << label.substr(0, 29) << std::setw(22) << test.substr(0, 21)
                << std::setw(20) << (c.paper.T_tr.text() + " / " + num(c.T_tr)) << std::setw(20)
                << (c.paper.T_te.text() + " / " + num(c.T_te)) << std::setw(22)
                << (c.paper.zeta.text() + " / " + num(c.zeta)) << c.same_grokking_verdict << "\n";
          paper_rows.push_back({{"family", r.family},
                                {"run", r.name},
                                {"steps", c.steps},
                                {"d", d},
                                {"test", c.paper.test},
                                {"epsilon", c.paper.epsilon},
                                {"paper",
                                 {{"T_tr", c.paper.T_tr.text()},
                                  {"T_te", c.paper.T_te.text()},
                                  {"zeta", c.paper.zeta.text()}}},
                                {"lingrok",
                                 {{"T_tr", finite_or_null(c.T_tr)},
                                  {"T_te", finite_or_null(c.T_te)},
                                  {"zeta", finite_or_null(c.zeta)}}},
                                {"same_side_of_zeta_min", c.same_grokking_verdict}});
        }
      }
    }
    md << "\n";
  }
  // 4. Regime of each run.
  md << "## Step-size regime\n\n| run | η | ηβ |\n|---|---|---|\n";
  for (const auto& r : runs) {
    if (!r.theory) continue;
    const auto value = [&](const char* key) {  // "-" where theory.json has no number
      const double v = r.theory->value_or_nan(key);
      return std::isnan(v) ? std::string("-") : num(v);
    };
    md << "| " << r.family << "/" << r.name << " | " << value("eta") << " | " << value("eta_beta")
       << " |\n";
  }
  nlohmann::json summary = {{"lingrok_version", kVersion},
                            {"git", kGitDescribe},
                            {"table1", table1},
                            {"paper_table1", paper_rows},
                            {"protocol_attribution", attribution},
                            {"runs", nlohmann::json::array()}};
  for (const auto& r : runs) {
    nlohmann::json verdicts = nlohmann::json::object();
    if (!r.report.is_null()) {
      for (const auto& c : r.report["checks"]) verdicts[c["id"].get<std::string>()] = c["verdict"];
    }
    summary["runs"].push_back({{"family", r.family}, {"name", r.name}, {"verdicts", verdicts}});
  }
  // summary.md and summary.json are one set (docs/DEVELOPING.md#output-sets).
  const ReproductionLayout layout(out);
  const std::string md_name = layout.summary_md().filename().string();
  const std::string json_name = layout.summary_json().filename().string();
  OutputSet out_set(out,
                    [&](const std::string& name) { return name == md_name || name == json_name; });
  write_text_atomically(out_set.path(md_name), md.str());
  write_text_atomically(out_set.path(json_name), summary.dump(2) + "\n");
  out_set.commit();
  std::cout << table.str()
            << "\nverdicts: holds, FAILS, n/a (a premise is violated), ? (inconclusive)\n"
            << "summary: " << ReproductionLayout(out).summary_md().string() << "\n";
}

}  // namespace lingrok::cli
