// Loading one run directory's results for the checks (run_artifacts.hpp, docs/checks.md).
#include "proofs_check/run_artifacts.hpp"

#include <limits>

#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "results/run_layout.hpp"

namespace lingrok {

namespace {

std::optional<nlohmann::json> json_if_present(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) return std::nullopt;
  nlohmann::json j = read_json_file(p.string());
  // Every file lingrok writes is an object; anything else would make the checks' lookups throw
  // far from the cause.
  if (!j.is_object()) {
    throw InputError(p.string() +
                     " is not a JSON object as lingrok writes it; rewrite it with "
                     "the lingrok command that writes it");
  }
  return j;
}

std::optional<Table> table_if_present(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) return std::nullopt;
  return Table::read(p);
}

}  // namespace

RunArtifacts load_run(const std::filesystem::path& dir) {
  const RunLayout run(dir);
  RunArtifacts a;
  a.dir = dir;
  a.data_summary = json_if_present(run.data_json());
  if (std::filesystem::exists(run.theory_json())) a.theory = TheoryRecord::read(run.theory_json());
  a.gd_summary = json_if_present(run.gd_summary_json());
  a.trajectory = table_if_present(run.trajectory_csv());
  a.flow_bias = table_if_present(run.flow_csv("bias"));
  a.flow_coupled = table_if_present(run.flow_csv("coupled"));
  a.flow_full = table_if_present(run.flow_csv("full"));
  a.flow_bias_summary = json_if_present(run.flow_json("bias"));
  a.flow_coupled_summary = json_if_present(run.flow_json("coupled"));
  a.flow_full_summary = json_if_present(run.flow_json("full"));
  a.flow_logtime = table_if_present(run.flow_csv("logtime"));
  a.flow_logtime_gd = table_if_present(run.flow_csv("logtime_gd"));
  a.flow_logtime_summary = json_if_present(run.flow_json("logtime"));
  a.flow_logtime_gd_summary = json_if_present(run.flow_json("logtime_gd"));
  a.symbolic = json_if_present(run.symbolic_json());
  return a;
}

}  // namespace lingrok
