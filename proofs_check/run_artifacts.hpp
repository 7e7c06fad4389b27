// The results a check reads (docs/checks.md): one run directory as written by
// `lingrok reproduce` (or by the subcommands one by one):
//
//   RUN/data/                 train.csv, test_standard.csv, test_conc.csv, data.json   (generate)
//   RUN/theory.json           the quantities of docs/theory.md                         (theory)
//   RUN/simulate/             trajectory.csv, summary.json                             (simulate)
//   RUN/flows/                flow_bias.csv, flow_coupled.csv, flow_full.csv and .json  (integrate)
//                             flow_logtime.csv, flow_logtime_gd.csv and .json (--which logtime)
//   RUN/symbolic.json         GiNaC identities of the closed form                      (check)
//
// Every part is optional: a check whose inputs are missing says `inconclusive` and names the
// step that would produce them.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "proofs_check/table.hpp"

namespace lingrok {

struct RunArtifacts {
  std::filesystem::path dir;
  std::optional<nlohmann::json> data_summary;  // data/data.json
  std::optional<nlohmann::json> theory;        // theory.json
  std::optional<nlohmann::json> gd_summary;    // simulate/summary.json
  std::optional<Table> trajectory;             // simulate/trajectory.csv
  std::optional<Table> flow_bias;              // flows/bias.csv
  std::optional<Table> flow_coupled;           // flows/coupled.csv
  std::optional<Table> flow_full;              // flows/full.csv
  std::optional<nlohmann::json> flow_bias_summary;
  std::optional<nlohmann::json> flow_coupled_summary;
  std::optional<nlohmann::json> flow_full_summary;
  std::optional<Table> flow_logtime;     // flows/flow_logtime.csv (full flow from 0)
  std::optional<Table> flow_logtime_gd;  // flows/flow_logtime_gd.csv (continued from GD)
  std::optional<nlohmann::json> flow_logtime_summary;
  std::optional<nlohmann::json> flow_logtime_gd_summary;
  std::optional<nlohmann::json> symbolic;  // symbolic.json
};

RunArtifacts load_run(const std::filesystem::path& dir);

// A theory.json quantity: {"value": x, "digits": "..."} or a bare number; NaN if absent.
// `key` may be a '/'-separated path, e.g. "svm_bias_free/norm_w" or "phases/t1/t".
double theory_value(const nlohmann::json& theory, const std::string& key);
// Its full-precision digits ("" if absent).
std::string theory_digits(const nlohmann::json& theory, const std::string& key);

}  // namespace lingrok
