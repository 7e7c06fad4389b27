#include "proofs_check/run_artifacts.hpp"

#include <limits>

#include "core/error.hpp"
#include "core/strict_json.hpp"

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
  RunArtifacts a;
  a.dir = dir;
  a.data_summary = json_if_present(dir / "data" / "data.json");
  a.theory = json_if_present(dir / "theory.json");
  a.gd_summary = json_if_present(dir / "simulate" / "summary.json");
  a.trajectory = table_if_present(dir / "simulate" / "trajectory.csv");
  a.flow_bias = table_if_present(dir / "flows" / "flow_bias.csv");
  a.flow_coupled = table_if_present(dir / "flows" / "flow_coupled.csv");
  a.flow_full = table_if_present(dir / "flows" / "flow_full.csv");
  a.flow_bias_summary = json_if_present(dir / "flows" / "flow_bias.json");
  a.flow_coupled_summary = json_if_present(dir / "flows" / "flow_coupled.json");
  a.flow_full_summary = json_if_present(dir / "flows" / "flow_full.json");
  a.flow_logtime = table_if_present(dir / "flows" / "flow_logtime.csv");
  a.flow_logtime_gd = table_if_present(dir / "flows" / "flow_logtime_gd.csv");
  a.flow_logtime_summary = json_if_present(dir / "flows" / "flow_logtime.json");
  a.flow_logtime_gd_summary = json_if_present(dir / "flows" / "flow_logtime_gd.json");
  a.symbolic = json_if_present(dir / "symbolic.json");
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
