// The results a check reads (docs/checks.md): one run directory as written by
// `lingrok reproduce` (or by the subcommands one by one), at the paths of
// results/run_layout.hpp (data/, theory.json, simulate/, flows/, symbolic.json).
//
// Every part is optional: a check whose inputs are missing says `inconclusive` and names the
// step that would produce them.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "results/table.hpp"
#include "results/theory_record.hpp"

namespace lingrok {

struct RunArtifacts {
  std::filesystem::path dir;
  // Each is RunLayout's file of the same name (flow_<which>: flow_csv / flow_json(which)).
  std::optional<nlohmann::json> data_summary;
  std::optional<TheoryRecord> theory;
  std::optional<nlohmann::json> gd_summary;
  std::optional<Table> trajectory;
  std::optional<Table> flow_bias;
  std::optional<Table> flow_coupled;
  std::optional<Table> flow_full;
  std::optional<nlohmann::json> flow_bias_summary;
  std::optional<nlohmann::json> flow_coupled_summary;
  std::optional<nlohmann::json> flow_full_summary;
  std::optional<Table> flow_logtime;     // the full flow in log time from 0
  std::optional<Table> flow_logtime_gd;  // the same continued from GD's last state
  std::optional<nlohmann::json> flow_logtime_summary;
  std::optional<nlohmann::json> flow_logtime_gd_summary;
  std::optional<nlohmann::json> symbolic;
};

RunArtifacts load_run(const std::filesystem::path& dir);

}  // namespace lingrok
