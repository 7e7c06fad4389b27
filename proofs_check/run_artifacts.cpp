#include "proofs_check/run_artifacts.hpp"

#include <limits>

#include "core/strict_json.hpp"
#include "results/run_layout.hpp"

namespace lingrok {

namespace {

std::optional<nlohmann::json> json_if_present(const std::filesystem::path& p) {
  if (!std::filesystem::exists(p)) return std::nullopt;
  return read_json_file(p.string());
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
  a.theory = json_if_present(run.theory_json());
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

namespace {

// Follows a '/'-separated path of object keys; null if any step is missing.
const nlohmann::json* follow(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* node = &root;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::string key =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &node->at(key);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return node;
}

}  // namespace

double theory_value(const nlohmann::json& theory, const std::string& key) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const nlohmann::json* node = follow(theory, key);
  if (node == nullptr) return nan;
  const auto& v = *node;
  if (v.is_number()) return v.get<double>();
  if (v.is_object() && v.contains("value") && v.at("value").is_number()) {
    return v.at("value").get<double>();
  }
  return nan;
}

std::string theory_digits(const nlohmann::json& theory, const std::string& key) {
  const nlohmann::json* node = follow(theory, key);
  if (node == nullptr) return "";
  const auto& v = *node;
  if (v.is_object() && v.contains("digits") && v.at("digits").is_string()) {
    return v.at("digits").get<std::string>();
  }
  return "";
}

}  // namespace lingrok
