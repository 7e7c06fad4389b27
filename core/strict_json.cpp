#include "core/strict_json.hpp"

#include <cmath>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace lingrok {

StrictSection::StrictSection(const nlohmann::json& section, std::string where)
    : section_(section), where_(std::move(where)) {
  if (!section_.is_object()) {
    throw InputError(where_ + ": expected a JSON object { ... }");
  }
}

bool StrictSection::has(const std::string& key) const { return section_.contains(key); }

const nlohmann::json* StrictSection::get_raw(const std::string& key) {
  known_.insert(key);
  return section_.contains(key) ? &section_.at(key) : nullptr;
}

double StrictSection::get_double(const std::string& key, double fallback) {
  const auto* v = get_raw(key);
  if (v == nullptr) return fallback;
  if (!v->is_number()) {
    throw InputError(where_ + "." + key + ": expected a number, found " + v->dump());
  }
  const double x = v->get<double>();
  if (!std::isfinite(x)) throw InputError(where_ + "." + key + ": must be finite");
  return x;
}

long long StrictSection::get_int(const std::string& key, long long fallback) {
  const auto* v = get_raw(key);
  if (v == nullptr) return fallback;
  if (v->is_number_integer()) return v->get<long long>();
  // Accept 1e7-style numbers that are exact integers.
  if (v->is_number_float()) {
    const double x = v->get<double>();
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e18) {
      return static_cast<long long>(x);
    }
  }
  throw InputError(where_ + "." + key + ": expected an integer, found " + v->dump());
}

std::string StrictSection::get_string(const std::string& key, const std::string& fallback) {
  const auto* v = get_raw(key);
  if (v == nullptr) return fallback;
  if (!v->is_string()) {
    throw InputError(where_ + "." + key + ": expected a string, found " + v->dump());
  }
  return v->get<std::string>();
}

bool StrictSection::get_bool(const std::string& key, bool fallback) {
  const auto* v = get_raw(key);
  if (v == nullptr) return fallback;
  if (!v->is_boolean()) {
    throw InputError(where_ + "." + key + ": expected true or false, found " + v->dump());
  }
  return v->get<bool>();
}

void StrictSection::reject_unknown_keys() const {
  for (const auto& [key, value] : section_.items()) {
    if (known_.count(key) == 0) {
      std::string accepted;
      for (const auto& k : known_) accepted += (accepted.empty() ? "" : ", ") + k;
      throw InputError(where_ + ": unknown key \"" + key + "\"; accepted keys: " + accepted);
    }
  }
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open " + path + ": check the path");
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    return nlohmann::json::parse(buffer.str(), nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(path + ": not valid JSON (" + std::string(e.what()) + "); fix the syntax");
  }
}

}  // namespace lingrok

namespace lingrok {

nlohmann::json read_config_file(const std::string& path) {
  nlohmann::json config = read_json_file(path);
  StrictSection top(config, path);
  for (const char* key : kConfigSections) top.get_raw(key);
  top.reject_unknown_keys();
  return config;
}

}  // namespace lingrok
