// The strict JSON reader of strict_json.hpp: unknown keys, wrong types, duplicate keys and deep
// nesting are input errors that name the key.
#include "core/strict_json.hpp"

#include <climits>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

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
  if (v->is_number_unsigned() &&
      v->get<unsigned long long>() > static_cast<unsigned long long>(LLONG_MAX)) {
    throw InputError(where_ + "." + key + " = " + v->dump() + " is too large; use a smaller value");
  }
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

int StrictSection::get_int32(const std::string& key, int fallback) {
  const long long x = get_int(key, fallback);
  if (x < INT_MIN || x > INT_MAX) {
    throw InputError(where_ + "." + key + " = " + std::to_string(x) + " is out of range (at most " +
                     std::to_string(INT_MAX) + "); use a smaller value");
  }
  return static_cast<int>(x);
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

nlohmann::json parse_json_text(const std::string& text, const std::string& where) {
  // nlohmann::json parses iteratively but copies and dumps recursively, so a document nested
  // some 10^4 levels deep overflows the stack later, far from its cause: refuse it here. It
  // also keeps the last of two equal keys silently; a duplicate is a typo or a merge error.
  std::vector<std::set<std::string>> keys;  // one entry per open object or array
  std::vector<bool> is_object;
  const auto reject = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    (void)depth;
    switch (event) {
      case Event::object_start:
      case Event::array_start:
        if (keys.size() >= kMaxJsonDepth) {
          throw InputError(where + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                           " levels; lingrok files are a few levels deep, check the file");
        }
        keys.emplace_back();
        is_object.push_back(event == Event::object_start);
        break;
      case Event::object_end:
      case Event::array_end:
        keys.pop_back();
        is_object.pop_back();
        break;
      case Event::key:
        if (!keys.empty() && is_object.back() &&
            !keys.back().insert(parsed.get<std::string>()).second) {
          throw InputError(where + ": duplicate key \"" + parsed.get<std::string>() +
                           "\"; keep one of them");
        }
        break;
      case Event::value:
        break;
    }
    return true;
  };
  try {
    return nlohmann::json::parse(text, reject, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, and out_of_range for a number beyond double's range ("1e400").
    throw InputError(where + ": not valid JSON (" + std::string(e.what()) + "); fix the syntax");
  }
}

nlohmann::json read_json_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw InputError(path + " is a directory; give the JSON file itself");
  }
  std::ifstream in(path);
  if (!in) throw InputError("cannot open " + path + ": check the path");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_json_text(buffer.str(), path);
}

}  // namespace lingrok

namespace lingrok {

nlohmann::json read_config_file(const std::string& path) {
  nlohmann::json config = read_json_file(path);
  StrictSection top(config, path);
  for (const char* key : kConfigSections) top.get_raw(key);
  top.reject_unknown_keys();
  // The sections every command reads by value: their types are checked here, once.
  top.get_string("name", "");
  top.get_string("description", "");
  if (config.contains("seed") && !config.at("seed").is_number_unsigned()) {
    throw InputError(path + ": seed must be a non-negative integer, found " +
                     config.at("seed").dump());
  }
  return config;
}

}  // namespace lingrok
