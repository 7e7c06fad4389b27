// GD checkpoints (simulation.hpp, docs/DEVELOPING.md#interrupts): the engine state and the
// trajectory so far in exact hexadecimal text, a checksum over all of it, the identity of the
// run (configuration, data fingerprint, version) that a resume must match, and the strict reader
// that refuses a changed or cut-short file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "numerics/gd/simulation.hpp"

namespace lingrok {
namespace {

// 5 adds a checksum, the writer's version and the rescreening counter. Since 4 the vector
// kernel's references are stored in its compact order, which puts positive points first, each
// class by decreasing norm (compact_set.hpp).
constexpr const char* kCheckpointFormat = "lingrok-gd-checkpoint-5";

// Exact text for a double in checkpoints: hexadecimal floating point ("%a"), nan, inf.
std::string hex(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", x);
  return buf;
}
double unhex(const nlohmann::json& j, const std::string& where) {
  if (!j.is_string()) throw InputError(where + ": corrupt checkpoint (expected a hex number)");
  const std::string s = j.get<std::string>();
  char* end = nullptr;
  const double x = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0') throw InputError(where + ": corrupt checkpoint value " + s);
  return x;
}
nlohmann::json hex_vector(const Eigen::VectorXd& v) {
  nlohmann::json a = nlohmann::json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(hex(v(i)));
  return a;
}
Eigen::VectorXd unhex_vector(const nlohmann::json& j, const std::string& where) {
  if (!j.is_array()) throw InputError(where + ": corrupt checkpoint (expected an array)");
  Eigen::VectorXd v(static_cast<Eigen::Index>(j.size()));
  for (std::size_t i = 0; i < j.size(); ++i) v(static_cast<Eigen::Index>(i)) = unhex(j[i], where);
  return v;
}

}  // namespace

std::string data_fingerprint(const Dataset& train) {
  std::uint64_t h = 1469598103934665603ULL;
  const auto mix = [&](const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= c[i];
      h *= 1099511628211ULL;
    }
  };
  const Eigen::Index n = train.size();
  const int d = train.dim();
  mix(&n, sizeof n);
  mix(&d, sizeof d);
  mix(train.X.data(), sizeof(double) * static_cast<std::size_t>(train.X.size()));
  mix(train.y.data(), sizeof(double) * static_cast<std::size_t>(train.y.size()));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string checkpoint_identity_config(const GdConfig& config) {
  nlohmann::json j = to_json(config);
  j.erase("progress");  // presentation: a run resumed with or without --quiet is the same run
  return j.dump();
}

namespace {

std::string fnv1a_hex(const std::string& text) {
  std::uint64_t h = 1469598103934665603ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string checkpoint_checksum(nlohmann::json j) {
  j.erase("checksum");
  return fnv1a_hex(j.dump());
}

void write_checkpoint(const std::filesystem::path& path, const Checkpoint& c) {
  nlohmann::json j;
  j["format"] = kCheckpointFormat;
  j["lingrok_version"] = c.lingrok_version;
  j["config"] = c.config;
  j["data_fingerprint"] = c.data_fingerprint;
  j["eta"] = hex(c.eta);
  const GdState& s = c.state;
  j["state"] = {{"t", s.t},
                {"w", hex_vector(s.w)},
                {"b", hex(s.b)},
                {"last_update", hex_vector(s.last_update)},
                {"prev_update", hex_vector(s.prev_update)},
                {"vector_engaged", s.vector_engaged},
                {"certified", s.certified},
                {"vector_from_t", s.vector_from_t},
                {"error_bound", hex(s.error_bound)},
                {"screened", s.screened},
                {"active", s.active},
                {"drift", hex(s.drift)},
                {"allowance", hex(s.allowance)},
                {"slack", hex(s.slack)},
                {"screen_w", hex_vector(s.screen_w)},
                {"screen_b", hex(s.screen_b)},
                {"rescreens", s.rescreens},
                {"ref_z", hex_vector(s.ref_z)},
                {"ref_e", hex_vector(s.ref_e)}};
  j["columns"] = c.trajectory.columns;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : c.trajectory.rows) {
    nlohmann::json row = nlohmann::json::array();
    for (const double x : r) row.push_back(hex(x));
    rows.push_back(std::move(row));
  }
  j["rows"] = std::move(rows);
  j["checksum"] = checkpoint_checksum(j);
  write_text_atomically(path, j.dump());
}

Checkpoint checkpoint_from_json(const nlohmann::json& j, const std::string& where) {
  const auto corrupt = [&](const std::string& what) {
    return InputError(where + ": corrupt checkpoint (" + what +
                      "); delete it and run without --resume");
  };
  if (!j.is_object() || !j.contains("format") || !j.at("format").is_string() ||
      j.at("format").get<std::string>() != kCheckpointFormat) {
    throw InputError(where + ": not a GD checkpoint of this lingrok version (format " +
                     std::string(kCheckpointFormat) + "); run without --resume to start afresh");
  }
  if (!j.contains("checksum") || !j.at("checksum").is_string() ||
      j.at("checksum").get<std::string>() != checkpoint_checksum(j)) {
    throw corrupt("its checksum does not match its content: the file was changed or cut short");
  }
  try {
    Checkpoint c;
    c.lingrok_version = j.at("lingrok_version").get<std::string>();
    c.config = j.at("config");
    c.data_fingerprint = j.at("data_fingerprint").get<std::string>();
    c.eta = unhex(j.at("eta"), where);
    const auto& s = j.at("state");
    c.state.t = s.at("t").get<long long>();
    c.state.w = unhex_vector(s.at("w"), where);
    c.state.b = unhex(s.at("b"), where);
    c.state.last_update = unhex_vector(s.at("last_update"), where);
    c.state.prev_update = unhex_vector(s.at("prev_update"), where);
    c.state.vector_engaged = s.at("vector_engaged").get<bool>();
    c.state.certified = s.at("certified").get<bool>();
    c.state.vector_from_t = s.at("vector_from_t").get<long long>();
    c.state.error_bound = unhex(s.at("error_bound"), where);
    c.state.screened = s.at("screened").get<bool>();
    c.state.active = s.at("active").get<std::vector<long long>>();
    c.state.drift = unhex(s.at("drift"), where);
    c.state.allowance = unhex(s.at("allowance"), where);
    c.state.slack = unhex(s.at("slack"), where);
    c.state.screen_w = unhex_vector(s.at("screen_w"), where);
    c.state.screen_b = unhex(s.at("screen_b"), where);
    c.state.rescreens = s.at("rescreens").get<long long>();
    c.state.ref_z = unhex_vector(s.at("ref_z"), where);
    c.state.ref_e = unhex_vector(s.at("ref_e"), where);
    c.trajectory.columns = j.at("columns").get<std::vector<std::string>>();
    for (const auto& r : j.at("rows")) {
      if (!r.is_array()) throw corrupt("a trajectory row is not an array");
      std::vector<double> row;
      for (const auto& x : r) row.push_back(unhex(x, where));
      c.trajectory.rows.push_back(std::move(row));
    }
    // What the engine and the trajectory code index by must be consistent with itself (the
    // dimension and row indices against the data are checked by GdEngine::restore).
    const GdState& st = c.state;
    const auto d1 = st.w.size() + 1;
    if (!(c.eta > 0) || !std::isfinite(c.eta)) throw corrupt("eta is not a positive finite number");
    if (st.t < 0) throw corrupt("t = " + std::to_string(st.t) + " is negative");
    if (c.config.contains("steps") && c.config.at("steps").is_number_integer() &&
        st.t > c.config.at("steps").get<long long>()) {
      throw corrupt("t is beyond the run's steps");
    }
    if (!st.w.allFinite() || !std::isfinite(st.b)) throw corrupt("w or b is not finite");
    if ((st.last_update.size() != 0 && st.last_update.size() != d1) ||
        (st.prev_update.size() != 0 && st.prev_update.size() != d1)) {
      throw corrupt("the last updates have the wrong length");
    }
    if (st.rescreens < 0 || st.vector_from_t > st.t) throw corrupt("engine counters out of range");
    if (!std::is_sorted(st.active.begin(), st.active.end()) ||
        std::adjacent_find(st.active.begin(), st.active.end()) != st.active.end() ||
        (!st.active.empty() && st.active.front() < 0)) {
      throw corrupt("the active set is not ascending row indices");
    }
    double last_t = -1;
    for (const auto& row : c.trajectory.rows) {
      if (row.size() != c.trajectory.columns.size() || row.empty()) {
        throw corrupt("a trajectory row has " + std::to_string(row.size()) + " values for " +
                      std::to_string(c.trajectory.columns.size()) + " columns");
      }
      if (!(row[0] > last_t) || row[0] > static_cast<double>(st.t)) {
        throw corrupt("the trajectory's times are not increasing up to t");
      }
      last_t = row[0];
    }
    if (c.trajectory.rows.empty()) throw corrupt("no trajectory rows");
    return c;
  } catch (const nlohmann::json::exception& e) {
    throw corrupt(e.what());
  }
}

Checkpoint read_checkpoint(const std::filesystem::path& path) {
  const std::string where = path.string();
  return checkpoint_from_json(read_json_file(where), where);
}

std::string checkpoint_mismatch(const Checkpoint& checkpoint, const GdConfig& config, double eta,
                                const std::string& fingerprint, const std::string& version) {
  if (checkpoint.lingrok_version != version) {
    return "it was written by lingrok " + checkpoint.lingrok_version + ", this is " + version;
  }
  if (checkpoint.data_fingerprint != fingerprint) {
    return "it was written for other training data (fingerprint " + checkpoint.data_fingerprint +
           ", these data " + fingerprint + ")";
  }
  const nlohmann::json now = nlohmann::json::parse(checkpoint_identity_config(config));
  const nlohmann::json& then = checkpoint.config;
  for (const auto& [key, value] : now.items()) {
    if (!then.contains(key) || then.at(key) != value) {
      return "gd." + key + " was " + (then.contains(key) ? then.at(key).dump() : "absent") +
             ", now " + value.dump();
    }
  }
  for (const auto& [key, value] : then.items()) {
    if (!now.contains(key)) return "gd." + key + " was " + value.dump() + ", now absent";
  }
  if (checkpoint.eta != eta) {
    return "the step size was " + hex(checkpoint.eta) + ", now " + hex(eta);
  }
  return "";
}

}  // namespace lingrok
