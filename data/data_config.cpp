// Reading the `data` section and the seed of a configuration, with the paper's d = 2 defaults
// (data_config.hpp, docs/data.md).
#include "data/data_config.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/memory.hpp"
#include "core/strict_json.hpp"

namespace lingrok {

DataConfig parse_data_config(const nlohmann::json& config, const std::string& where) {
  DataConfig c;
  if (config.contains("seed")) {
    const auto& s = config.at("seed");
    if (!s.is_number_integer() || s.get<long long>() < 0) {
      throw InputError(where + ": seed must be a non-negative integer, found " + s.dump());
    }
    c.seed = s.get<std::uint64_t>();
  }
  if (config.contains("data")) {
    StrictSection data(config.at("data"), where + ": data");
    c.d = data.get_int32("d", c.d);
    c.n_plus = data.get_int("n_plus", c.n_plus);
    c.n_minus = data.get_int("n_minus", c.n_minus);
    c.k_plus = data.get_int("k_plus", c.k_plus);
    c.k_minus = data.get_int("k_minus", c.k_minus);
    const std::string plant = data.get_string("plant", "margin");
    if (plant == "margin") {
      c.plant = Planting::margin;
    } else if (plant == "none") {
      c.plant = Planting::none;
      if (!data.has("k_plus")) c.k_plus = 0;
      if (!data.has("k_minus")) c.k_minus = 0;
    } else {
      throw InputError(where + ": data.plant must be \"margin\" or \"none\", not \"" + plant +
                       "\"");
    }
    c.gamma = data.get_double("gamma", c.gamma);
    c.box = data.get_double("box", c.box);
    c.alpha = data.get_double("alpha", c.alpha);
    c.n_test_standard = data.get_int("n_test_standard", c.n_test_standard);
    c.n_test_conc = data.get_int("n_test_conc", c.n_test_conc);
    data.reject_unknown_keys();
  }
  validate(c);
  return c;
}

void validate(const DataConfig& c) {
  const auto fail = [](const std::string& msg) { throw InputError("data configuration: " + msg); };
  if (c.d < 1) fail("d = " + std::to_string(c.d) + " must be at least 1");
  if (c.n_plus < 1 || c.n_minus < 1) {
    fail("n_plus and n_minus must be at least 1 (both classes are needed)");
  }
  if (c.k_plus < 0 || c.k_minus < 0) fail("k_plus and k_minus must be non-negative");
  if (c.k_plus > c.n_plus) {
    fail("k_plus = " + std::to_string(c.k_plus) + " exceeds n_plus = " + std::to_string(c.n_plus) +
         "; planted points are part of the class count, so set k_plus <= n_plus");
  }
  if (c.k_minus > c.n_minus) {
    fail("k_minus = " + std::to_string(c.k_minus) +
         " exceeds n_minus = " + std::to_string(c.n_minus) + "; set k_minus <= n_minus");
  }
  if (c.plant == Planting::none && (c.k_plus > 0 || c.k_minus > 0)) {
    fail("plant = \"none\" with k_plus or k_minus > 0; set plant = \"margin\" or the counts to 0");
  }
  if (!(c.gamma > 0)) fail("gamma must be > 0 (it is the margin between the classes)");
  if (!(c.box > 0)) fail("box (the half-width a of [-a,a]^d) must be > 0");
  if (!(c.alpha > 0.5)) {
    fail("alpha must be > 1/2: the concentrated band is gamma/2 < p <= alpha*gamma");
  }
  if (c.n_test_standard < 0 || c.n_test_conc < 0) fail("test-set sizes must be >= 0");
  // The projection p = w_true·x ranges over [-a√d, a√d]; the band must lie inside.
  const double p_max = c.box * std::sqrt(static_cast<double>(c.d));
  if (c.alpha * c.gamma >= p_max) {
    fail("box too small for the margin: alpha*gamma = " + std::to_string(c.alpha * c.gamma) +
         " but the projection only reaches a*sqrt(d) = " + std::to_string(p_max) +
         "; enlarge box or shrink gamma/alpha so that alpha*gamma < a*sqrt(d)");
  }
  // Each set is generated, written and freed in turn, so the largest one must fit.
  const long long largest =
      std::max({c.n_plus + c.n_minus, 2 * c.n_test_standard, 2 * c.n_test_conc});
  check_fits_in_memory(
      static_cast<double>(largest) * c.d * 8.0,
      "a data set of " + std::to_string(largest) + " x " + std::to_string(c.d) + " doubles",
      "reduce n_plus/n_minus/n_test_* or d");
}

nlohmann::json to_json(const DataConfig& c) {
  return {{"d", c.d},
          {"n_plus", c.n_plus},
          {"n_minus", c.n_minus},
          {"k_plus", c.k_plus},
          {"k_minus", c.k_minus},
          {"plant", c.plant == Planting::margin ? "margin" : "none"},
          {"gamma", c.gamma},
          {"box", c.box},
          {"alpha", c.alpha},
          {"n_test_standard", c.n_test_standard},
          {"n_test_conc", c.n_test_conc}};
}

}  // namespace lingrok
