// Strict reading of JSON configuration sections: every key must be known, every value must
// have the right type, and missing keys take documented defaults. A typo in a configuration
// file is an error that names the key and lists the accepted ones, never a silent default.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

namespace lingrok {

class StrictSection {
 public:
  // `where` names the section in messages, e.g. "config.json: data".
  StrictSection(const nlohmann::json& section, std::string where);

  double get_double(const std::string& key, double fallback);
  long long get_int(const std::string& key, long long fallback);
  // An integer that must fit an int (a dimension, a count per decade): larger values are
  // errors, never wrapped.
  int get_int32(const std::string& key, int fallback);
  std::string get_string(const std::string& key, const std::string& fallback);
  bool get_bool(const std::string& key, bool fallback);
  bool has(const std::string& key) const;
  // Marks a key as known without reading it (sections parsed elsewhere).
  const nlohmann::json* get_raw(const std::string& key);

  // Throws InputError for the first key that no getter asked for.
  void reject_unknown_keys() const;

 private:
  const nlohmann::json& section_;
  std::string where_;
  std::set<std::string> known_;
};

// Deepest nesting of objects and arrays a JSON input may have (lingrok's files need < 10).
inline constexpr std::size_t kMaxJsonDepth = 64;

// Parses JSON text (comments allowed), or throws InputError naming `where` and the problem:
// a syntax error, a duplicate key in one object, or nesting deeper than kMaxJsonDepth.
nlohmann::json parse_json_text(const std::string& text, const std::string& where);

// Reads and parses a JSON file with parse_json_text, or throws InputError naming the file.
nlohmann::json read_json_file(const std::string& path);

}  // namespace lingrok

namespace lingrok {

// The top-level sections a configuration file may have (docs/DEVELOPING.md). Reading a
// configuration file checks the top level against this list; each section is then read by
// the area that owns it, with StrictSection.
inline constexpr const char* kConfigSections[] = {"name",   "description", "seed",   "data",
                                                  "gd",     "theory",      "flow",   "pgd",
                                                  "checks", "sweep",       "plots"};

// Reads a configuration file and rejects unknown top-level keys.
nlohmann::json read_config_file(const std::string& path);

}  // namespace lingrok
