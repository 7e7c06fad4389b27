// Running every check on a run directory and printing the verdict table (run_report.hpp; shared by
// `check` and `reproduce`).
#include "cli/run_report.hpp"

#include <algorithm>
#include <iomanip>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/version.hpp"
#include "proofs_check/registry.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/run_layout.hpp"
#include "results/symbolic_json.hpp"
#include "theory/symbolic/symbolic_closed_form.hpp"

namespace lingrok::cli {

std::vector<CheckReport> check_run_directory(const std::filesystem::path& dir,
                                             const CheckOptions& options,
                                             const std::vector<std::string>& only) {
  // Inputs first, outputs after: nothing is written for a request that cannot be answered.
  std::string ids;
  for (const auto& entry : check_registry())
    ids += (ids.empty() ? "" : ", ") + std::string(entry.id);
  for (const auto& id : only) {
    const auto& registry = check_registry();
    if (std::none_of(registry.begin(), registry.end(),
                     [&](const CheckEntry& e) { return id == e.id; })) {
      throw InputError("--only " + id + " is not a check id; the ids are " + ids);
    }
  }
  RunArtifacts run = load_run(dir);
  if (!run.data_summary && !run.theory && !run.gd_summary && !run.trajectory && !run.flow_bias &&
      !run.flow_coupled && !run.flow_full && !run.flow_logtime) {
    throw InputError(dir.string() +
                     " holds none of lingrok's outputs (data/data.json, theory.json, simulate/, "
                     "flows/); pass a directory written by `lingrok reproduce` or the subcommands");
  }
  // The symbolic identities of the closed form (docs/numerics.md#symbolic-checks) belong to every
  // report.
  const nlohmann::json symbolic = symbolic_json(check_bias_closed_form_identities());
  run.symbolic = symbolic;
  const auto reports = run_checks(run, options, only);
  nlohmann::json j = {{"lingrok_version", kVersion},
                      {"git", kGitDescribe},
                      {"run", dir.string()},
                      {"options", to_json(options)},
                      {"checks", nlohmann::json::array()}};
  if (run.data_summary) {
    j["config"] = run.data_summary->value("config", nlohmann::json());
    j["seed"] = run.data_summary->value("seed", nlohmann::json());
  }
  for (const auto& r : reports) j["checks"].push_back(to_json(r));
  std::vector<std::string> context = {
      "Run: `" + dir.string() + "`, lingrok " + std::string(kVersion) + " (" + kGitDescribe + ").",
      "Every verdict below is computed from the measured numbers beside it (docs/checks.md); "
      "times are in GD steps."};
  // The three files are one set (docs/DEVELOPING.md#output-sets), committed after every input
  // has been read and every check has run; the run's other files are kept.
  const RunLayout layout(dir);
  const std::string symbolic_name = layout.symbolic_json().filename().string();
  const std::string json_name = layout.report_json().filename().string();
  const std::string md_name = layout.report_md().filename().string();
  OutputSet out_set(dir, [&](const std::string& file) {
    return file == symbolic_name || file == json_name || file == md_name;
  });
  write_text_atomically(out_set.path(symbolic_name), symbolic.dump(2) + "\n");
  write_text_atomically(out_set.path(json_name), j.dump(2) + "\n");
  write_text_atomically(out_set.path(md_name), to_markdown(reports, "lingrok report", context));
  out_set.commit();
  return reports;
}

void print_summary_table(std::ostream& out, const std::vector<CheckReport>& reports) {
  out << std::left << std::setw(6) << "id" << std::setw(16) << "verdict"
      << "key number\n";
  for (const auto& r : reports) {
    std::string key;
    if (!r.measured.empty()) {
      std::ostringstream v;
      v << std::setprecision(4) << r.measured.front().value;
      key = r.measured.front().name + " = " + v.str();
    }
    out << std::left << std::setw(6) << r.id << std::setw(16) << to_string(r.verdict) << key
        << "\n";
  }
}

}  // namespace lingrok::cli
