// The `gd` section of a configuration (simulation.hpp's table; docs/numerics.md#gd-engine): its
// strict reader, its JSON form, and the engine's options it gives at a resolved step size η.
#include <cmath>
#include <stdexcept>

#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "numerics/gd/simulation.hpp"

namespace lingrok {
namespace {

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
  const long long slices = s.get_int("slices", c.slices);
  validate_gd_slices(slices, w + "slices");
  c.slices = static_cast<int>(slices);
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
  j["slices"] = c.slices;
  j["epsilons"] = c.detection.epsilons;
  j["zeta_min"] = c.detection.zeta_min;
  j["period2_cosine"] = c.period2_cosine;
  return j;
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
  opt.slices = config.slices;
  return opt;
}

}  // namespace lingrok
