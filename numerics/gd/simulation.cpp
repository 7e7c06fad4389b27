#include "numerics/gd/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/json_number.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd_reference.hpp"
#include "numerics/pgd/pgd.hpp"

namespace lingrok {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
// 5 adds a checksum, the writer's version and the rescreening counter. Since 4 the vector
// kernel's references are stored in its compact order, which puts positive points first, each
// class by decreasing norm (gd_engine.cpp, CompactSet).
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

std::vector<double> read_double_list(const nlohmann::json* v, const std::string& where) {
  std::vector<double> out;
  if (v == nullptr) return out;
  if (!v->is_array()) throw InputError(where + ": expected an array of numbers");
  for (const auto& x : *v) {
    if (!x.is_number())
      throw InputError(where + ": expected an array of numbers, found " + x.dump());
    out.push_back(x.get<double>());
  }
  return out;
}

}  // namespace

GdConfig parse_gd_config(const nlohmann::json& config, const std::string& where) {
  GdConfig c;
  if (!config.contains("gd")) return c;
  StrictSection s(config.at("gd"), where + ": gd");
  const std::string w = where + ": gd.";
  if (const auto* eta = s.get_raw("eta")) {
    if (eta->is_string()) {
      if (eta->get<std::string>() != "stable") {
        throw InputError(w + "eta: expected a number or \"stable\" (η = 1/β), found " +
                         eta->dump());
      }
      c.eta_stable = true;
    } else if (eta->is_number()) {
      c.eta = eta->get<double>();
      if (!(c.eta > 0) || !std::isfinite(c.eta)) {
        throw InputError(w + "eta = " + eta->dump() + " must be > 0 and finite");
      }
    } else {
      throw InputError(w + "eta: expected a number or \"stable\", found " + eta->dump());
    }
  }
  c.steps = s.get_int("steps", c.steps);
  if (c.steps <= 0)
    throw InputError(w + "steps = " + std::to_string(c.steps) + " must be at least 1");
  try {
    c.loss = parse_loss(s.get_string("loss", "logistic"));
    c.reduction = parse_reduction(s.get_string("reduction", "sum"));
  } catch (const std::invalid_argument& e) {
    throw InputError(w + e.what());
  }
  c.w0 = read_double_list(s.get_raw("w0"), w + "w0");
  c.b0 = s.get_double("b0", c.b0);
  c.log_per_decade = s.get_int32("log_per_decade", c.log_per_decade);
  if (c.log_per_decade < 0 || c.log_per_decade > 100000) {
    throw InputError(w + "log_per_decade must be between 0 and 100000");
  }
  c.every = s.get_int("every", c.every);
  if (c.every < 0) throw InputError(w + "every must be >= 0 (0: off)");
  c.adversarial = s.get_bool("adversarial", c.adversarial);
  c.rounding_check = s.get_bool("rounding_check", c.rounding_check);
  c.rounding_check_steps = s.get_int("rounding_check_steps", c.rounding_check_steps);
  if (c.rounding_check_steps < 1) throw InputError(w + "rounding_check_steps must be >= 1");
  c.checkpoint_every = s.get_int("checkpoint_every", c.checkpoint_every);
  if (c.checkpoint_every < 0) throw InputError(w + "checkpoint_every must be >= 0 (0: off)");
  c.progress = s.get_bool("progress", c.progress);
  c.shortcuts = s.get_bool("shortcuts", c.shortcuts);
  const long long threads = s.get_int("threads", c.threads);
  validate_gd_threads(threads, w + "threads");
  c.threads = static_cast<int>(threads);
  if (const auto* eps = s.get_raw("epsilons")) {
    c.detection.epsilons = read_double_list(eps, w + "epsilons");
    for (const double e : c.detection.epsilons) {
      if (!(e >= 0 && e < 1)) throw InputError(w + "epsilons must lie in [0, 1)");
    }
  }
  c.detection.zeta_min = s.get_double("zeta_min", c.detection.zeta_min);
  if (!(c.detection.zeta_min > 0)) throw InputError(w + "zeta_min must be > 0");
  c.period2_cosine = s.get_double("period2_cosine", c.period2_cosine);
  // A period-2 step reverses the update's direction (docs/checks.md#gd): the threshold is a
  // cosine in (-1, 0]; at -1 or below no step would ever count.
  if (!(c.period2_cosine > -1 && c.period2_cosine <= 0)) {
    throw InputError(w + "period2_cosine = " + std::to_string(c.period2_cosine) +
                     " must lie in (-1, 0] (a cosine below which an update counts as reversing); "
                     "the default is -0.99");
  }
  s.reject_unknown_keys();
  return c;
}

nlohmann::json to_json(const GdConfig& c) {
  nlohmann::json j;
  j["eta"] = c.eta_stable ? nlohmann::json("stable") : nlohmann::json(c.eta);
  j["steps"] = c.steps;
  j["loss"] = to_string(c.loss);
  j["reduction"] = to_string(c.reduction);
  j["w0"] = c.w0;
  j["b0"] = c.b0;
  j["log_per_decade"] = c.log_per_decade;
  j["every"] = c.every;
  j["adversarial"] = c.adversarial;
  j["rounding_check"] = c.rounding_check;
  j["rounding_check_steps"] = c.rounding_check_steps;
  j["checkpoint_every"] = c.checkpoint_every;
  j["progress"] = c.progress;
  j["shortcuts"] = c.shortcuts;
  j["threads"] = c.threads;
  j["epsilons"] = c.detection.epsilons;
  j["zeta_min"] = c.detection.zeta_min;
  j["period2_cosine"] = c.period2_cosine;
  return j;
}

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

GdOptions gd_options(const GdConfig& config, double eta) {
  GdOptions opt;
  opt.eta = eta;
  opt.steps = config.steps;
  opt.loss = config.loss;
  opt.reduction = config.reduction;
  if (!config.w0.empty()) {
    opt.w0 = Eigen::Map<const Eigen::VectorXd>(config.w0.data(),
                                               static_cast<Eigen::Index>(config.w0.size()));
  }
  opt.b0 = config.b0;
  opt.shortcuts = config.shortcuts;
  opt.threads = config.threads;
  return opt;
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

SimulationResult run_gd_simulation(const SimulationSetup& setup) {
  const auto start = std::chrono::steady_clock::now();
  const GdConfig& cfg = setup.config;
  const DataBundle& data = *setup.data;
  const GdOptions opt = gd_options(cfg, setup.eta);
  GdEngine engine(data.train, opt);

  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = setup.geometry;
  ctx.loss = cfg.loss;
  ctx.reduction = cfg.reduction;
  if (cfg.adversarial) {
    const Dataset* standard = data.find_test("test_standard");
    if (standard == nullptr) {
      throw InputError("gd.adversarial needs the standard test set (test_standard.csv)");
    }
    ctx.adversarial = adversarial_accuracies(*standard, setup.seed);
  }

  SimulationResult result;
  result.trajectory.columns = trajectory_columns(ctx);
  if (setup.resume != nullptr) {
    if (setup.resume->trajectory.columns != result.trajectory.columns) {
      throw InputError(
          "checkpoint was written with other trajectory columns; run without --resume");
    }
    engine.restore(setup.resume->state);
    result.trajectory.rows = setup.resume->trajectory.rows;
  }
  const std::vector<long long> grid = log_grid(cfg.steps, cfg.log_per_decade, cfg.every);
  auto next_log = std::upper_bound(grid.begin(), grid.end(), engine.t());
  if (setup.resume == nullptr) {
    // t = 0 is the first grid point.
    result.trajectory.rows.push_back(measure_row(ctx, 0, engine.w(), engine.b(), kNan));
    next_log = std::upper_bound(grid.begin(), grid.end(), 0LL);
  }
  const long long t_begin = engine.t();
  const long long progress_chunk = std::max(1LL, cfg.steps / 1000);
  long long last_checkpoint_t = -1;
  const auto checkpoint = [&] {
    Checkpoint c;
    c.state = engine.state();
    c.trajectory = result.trajectory;
    c.config = nlohmann::json::parse(checkpoint_identity_config(cfg));
    c.data_fingerprint = data_fingerprint(data.train);
    c.eta = setup.eta;
    c.lingrok_version = kVersion;
    write_checkpoint(setup.checkpoint_path, c);
    last_checkpoint_t = engine.t();
  };
  while (engine.t() < cfg.steps) {
    long long target = next_log != grid.end() ? *next_log : cfg.steps;
    if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty()) {
      target = std::min(target, (engine.t() / cfg.checkpoint_every + 1) * cfg.checkpoint_every);
    }
    target = std::min(target, (engine.t() / progress_chunk + 1) * progress_chunk);
    engine.run_to(target);
    if (engine.diverged()) break;
    if (next_log != grid.end() && engine.t() == *next_log) {
      result.trajectory.rows.push_back(
          measure_row(ctx, engine.t(), engine.w(), engine.b(), engine.update_cosine()));
      ++next_log;
    }
    if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty() &&
        engine.t() % cfg.checkpoint_every == 0 && engine.t() < cfg.steps) {
      checkpoint();
    }
    if (setup.progress && engine.t() % progress_chunk == 0) setup.progress(engine.t(), cfg.steps);
    // A stop request is honoured at a chunk boundary or right after a checkpoint, points
    // where the uninterrupted run also splits its steps, so that the checkpoint resumes to the
    // same bits.
    if (setup.stop_requested && engine.t() < cfg.steps &&
        (engine.t() % progress_chunk == 0 || last_checkpoint_t == engine.t()) &&
        setup.stop_requested(engine.t())) {
      if (cfg.checkpoint_every > 0 && !setup.checkpoint_path.empty() &&
          last_checkpoint_t != engine.t()) {
        checkpoint();
      }
      result.complete = false;
      result.interrupted = true;
      result.stop_reason = "interrupted at step " + std::to_string(engine.t());
      break;
    }
  }
  if (engine.diverged()) {
    result.complete = false;
    result.stop_reason = "diverged: the parameters became NaN or Inf at step " +
                         std::to_string(engine.t() + 1) +
                         "; the trajectory ends at the last finite step " +
                         std::to_string(engine.t()) + " (reduce eta, e.g. eta = \"stable\")";
    const bool logged = !result.trajectory.rows.empty() &&
                        result.trajectory.rows.back()[0] == static_cast<double>(engine.t());
    if (!logged) {
      result.trajectory.rows.push_back(
          measure_row(ctx, engine.t(), engine.w(), engine.b(), engine.update_cosine()));
    }
  }
  result.final_state = engine.state();
  result.final_state.active.clear();   // large and of no interest in a summary
  result.final_state.ref_z.resize(0);  // the kernel's cache, likewise
  result.final_state.ref_e.resize(0);
  result.steps_run = engine.t() - t_begin;
  result.active_points = engine.active_points();
  result.rescreenings = engine.rescreenings();
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

double period2_fraction(const Trajectory& trajectory, double threshold) {
  const int ct = trajectory.column("t"), cc = trajectory.column("cos_update");
  if (ct < 0 || cc < 0) return kNan;
  long long total = 0, below = 0;
  for (const auto& r : trajectory.rows) {
    const double c = r[static_cast<std::size_t>(cc)];
    if (r[static_cast<std::size_t>(ct)] < 2 || !std::isfinite(c)) continue;
    ++total;
    below += c < threshold ? 1 : 0;
  }
  return total > 0 ? static_cast<double>(below) / static_cast<double>(total) : kNan;
}

namespace {

// The plain long double computation with exact screening: e^{-z} = 0 in long double for
// z > 11400 (below half the smallest subnormal, e^{-11398.8}), so such points add exactly 0.
// Margins are recomputed every step (cheap); only the exponentials are skipped.
struct LongDoubleGd {
  const Dataset& train;
  long double eta;
  Loss loss;
  Reduction reduction;
  VectorT<long double> w;
  long double b = 0;
  VectorT<long double> gw;
  LongDoubleGd(const Dataset& tr, const GdOptions& o)
      : train(tr), eta(o.eta), loss(o.loss), reduction(o.reduction) {
    w = VectorT<long double>::Zero(tr.dim());
    if (o.w0.size() == tr.dim()) {
      for (int j = 0; j < tr.dim(); ++j) w(j) = o.w0(j);
    }
    b = o.b0;
    gw.resize(tr.dim());
  }
  void step() {
    gw.setZero();
    long double gb = 0;
    for (Eigen::Index i = 0; i < train.size(); ++i) {
      long double f = b;
      for (int j = 0; j < train.dim(); ++j) f += static_cast<long double>(train.X(i, j)) * w(j);
      const long double yi = train.y(i);
      const long double z = yi * f;
      if (z > 11400.0L) continue;
      const long double q = loss_weight(loss, z);
      for (int j = 0; j < train.dim(); ++j)
        gw(j) -= q * yi * static_cast<long double>(train.X(i, j));
      gb -= q * yi;
    }
    if (reduction == Reduction::mean) {
      const long double inv = 1.0L / static_cast<long double>(train.size());
      gw *= inv;
      gb *= inv;
    }
    for (int j = 0; j < train.dim(); ++j) w(j) = w(j) - eta * gw(j);
    b = b - eta * gb;
  }
};

}  // namespace

RoundingCheck rounding_check(const DataBundle& data, const GdOptions& options, long long steps,
                             int per_decade, const DetectionOptions& detection) {
  RoundingCheck rc;
  rc.steps = steps;
  GdEngine fast(data.train, options);
  LongDoubleGd slow(data.train, options);
  const std::vector<long long> grid = log_grid(steps, per_decade, 0);
  std::vector<double> t_log;
  std::vector<std::vector<double>> acc_d(1 + data.tests.size()), acc_l(1 + data.tests.size());
  const auto record = [&](long long t) {
    t_log.push_back(static_cast<double>(t));
    Eigen::VectorXd wl(slow.w.size());
    for (Eigen::Index j = 0; j < wl.size(); ++j) wl(j) = static_cast<double>(slow.w(j));
    const double bl = static_cast<double>(slow.b);
    acc_d[0].push_back(accuracy(data.train, fast.w(), fast.b()));
    acc_l[0].push_back(accuracy(data.train, wl, bl));
    for (std::size_t k = 0; k < data.tests.size(); ++k) {
      acc_d[k + 1].push_back(accuracy(data.tests[k], fast.w(), fast.b()));
      acc_l[k + 1].push_back(accuracy(data.tests[k], wl, bl));
    }
  };
  std::size_t g = 0;
  if (!grid.empty() && grid[0] == 0) {
    record(0);
    g = 1;
  }
  for (long long t = 1; t <= steps; ++t) {
    fast.run_to(t);
    if (fast.diverged()) {
      rc.steps = t - 1;
      break;
    }
    slow.step();
    const long double bl = slow.b;
    const double diff = std::fabs(static_cast<double>(static_cast<long double>(fast.b()) - bl));
    const double scale = std::max(std::fabs(static_cast<double>(bl)), 1e-12);
    rc.max_rel_b_diff = std::max(rc.max_rel_b_diff, diff / scale);
    if (rc.first_b_divergence < 0 && diff > 1e-6 * scale) rc.first_b_divergence = t;
    if (g < grid.size() && grid[g] == t) {
      record(t);
      ++g;
    }
  }
  nlohmann::json fr = nlohmann::json::array();
  for (std::size_t k = 0; k < acc_d.size(); ++k) {
    const std::string name = k == 0 ? "train" : data.tests[k - 1].name;
    for (const double eps : detection.epsilons) {
      const double level_d = (1.0 - eps) * supremum(acc_d[k]);
      const double level_l = (1.0 - eps) * supremum(acc_l[k]);
      const double td = reach_time(t_log, acc_d[k], level_d, ReachKind::first);
      const double tl = reach_time(t_log, acc_l[k], level_l, ReachKind::first);
      bool agree;
      if (std::isnan(td) || std::isnan(tl)) {
        agree = std::isnan(td) && std::isnan(tl);
      } else {
        agree = std::fabs(td - tl) <= 0.1 * std::max(td, tl);
      }
      rc.first_reach_agree = rc.first_reach_agree && agree;
      fr.push_back({{"set", name},
                    {"epsilon", eps},
                    {"T_double", number_or_null(td)},
                    {"T_long_double", number_or_null(tl)},
                    {"agree", agree}});
    }
  }
  rc.first_reach = fr;
  return rc;
}

nlohmann::json simulation_summary(const SimulationSetup& setup, const SimulationResult& result,
                                  double beta, const std::string& beta_source,
                                  const RoundingCheck* rounding) {
  const GdConfig& cfg = setup.config;
  const DataBundle& data = *setup.data;
  nlohmann::json j;
  j["complete"] = result.complete;
  j["stop_reason"] = result.stop_reason;
  j["eta"] = setup.eta;
  j["steps"] = cfg.steps;
  j["steps_done"] = result.final_state.t;
  const GdState& s = result.final_state;
  std::vector<double> w(s.w.data(), s.w.data() + s.w.size());
  j["final"] = {{"t", s.t}, {"w", w}, {"b", s.b}, {"w_norm", s.w.norm()}};
  j["wall_time_s"] = result.wall_s;
  j["steps_run"] = result.steps_run;
  j["steps_per_second"] =
      result.wall_s > 0 ? static_cast<double>(result.steps_run) / result.wall_s : 0.0;
  j["logged_rows"] = result.trajectory.rows.size();

  nlohmann::json regime;
  regime["beta"] = beta;
  regime["beta_source"] = beta_source;
  regime["eta_beta"] = setup.eta * beta;
  regime["small_step_premise"] = setup.eta * beta < 2.0;  // Theorem 4.1 needs ηβ < 2
  if (cfg.loss == Loss::exponential) {
    regime["beta_note"] =
        "the exponential loss is not globally smooth; beta is the logistic constant of these data";
  }
  regime["period2_cosine"] = cfg.period2_cosine;
  regime["period2_fraction"] =
      number_or_null(period2_fraction(result.trajectory, cfg.period2_cosine));
  if (rounding != nullptr) {
    regime["rounding_check"] = {
        {"steps", rounding->steps},
        {"first_b_divergence", rounding->first_b_divergence < 0
                                   ? nlohmann::json(nullptr)
                                   : nlohmann::json(rounding->first_b_divergence)},
        {"b_tolerance_relative", 1e-6},
        {"max_rel_b_diff", rounding->max_rel_b_diff},
        {"first_reach_agree", rounding->first_reach_agree},
        {"first_reach_tolerance_relative", 0.1},
        {"first_reach", rounding->first_reach}};
  } else {
    regime["rounding_check"] = nullptr;
  }
  j["regime"] = regime;

  j["fast_path"] = {
      {"shortcuts", cfg.shortcuts},
      // Which copy of the vector kernel this CPU ran (both give the same bits).
      {"vector_isa", fast_gd_has_avx512() ? "avx512"
                     : fast_gd_has_avx2() ? "avx2"
                                          : "none"},
      {"vector_kernel_from_t", s.vector_from_t},
      {"error_bound_abs", s.error_bound},
      {"error_bound_rel", s.error_bound / std::max(1e-300, std::hypot(s.w.norm(), s.b))},
      {"error_bound_certified_nonexpansive", s.certified},
      {"active_points_at_end", result.active_points},
      {"rescreenings", result.rescreenings}};

  // Grokking detection: train against each test set (and PGD when logged).
  nlohmann::json det;
  det["epsilons"] = cfg.detection.epsilons;
  det["zeta_min"] = cfg.detection.zeta_min;
  det["definition"] =
      "first_sup = the paper's (first logged step reaching (1-eps)*sup); settle = stays at or "
      "above the level to the end; abs = level (1-eps)*1";
  const auto& tr = result.trajectory;
  const std::vector<double> t = tr.series("t");
  const std::vector<double> acc_train = tr.series("acc_train");
  nlohmann::json sets = nlohmann::json::object();
  std::vector<std::string> names;
  for (const auto& test : data.tests) names.push_back("acc_" + test.name);
  if (tr.column("acc_pgd") >= 0) names.emplace_back("acc_pgd");
  for (const auto& col : names) {
    sets[col.substr(4)] = to_json(detect_grokking(t, acc_train, tr.series(col), cfg.detection));
  }
  det["sets"] = sets;
  j["grokking"] = det;
  return j;
}

}  // namespace lingrok
