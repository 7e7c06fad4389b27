// The data configuration of docs/data.md: the `data` section of a configuration file plus the
// top-level `seed`. Defaults are the paper's d = 2 experiment, D(1000,1000) with S(350,350).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace lingrok {

enum class Planting { margin, none };

struct DataConfig {
  int d = 2;                 // dimension
  long long n_plus = 1000;   // training points with y = +1 (planted ones included)
  long long n_minus = 1000;  // training points with y = -1
  long long k_plus = 350;    // planted support vectors on p = +γ/2
  long long k_minus = 350;   // planted support vectors on p = -γ/2
  Planting plant = Planting::margin;
  double gamma = 1e-3;               // margin parameter γ
  double box = 5.0;                  // half-width a of the box [-a, a]^d
  double alpha = 10.0;               // sensitivity α of the concentrated test set
  long long n_test_standard = 1000;  // standard test points per class (0: no such set)
  long long n_test_conc = 1000;      // concentrated test points per class (0: no such set)
  std::uint64_t seed = 1;

  long long n_train() const { return n_plus + n_minus; }
};

// Reads `seed` and the `data` section of a configuration file (unknown keys are errors) and
// validates the result.
DataConfig parse_data_config(const nlohmann::json& config, const std::string& where);

// Throws InputError naming the first impossible setting and how to fix it: d < 1, counts < 1,
// k± outside [0, n±], planting counts with plant = none, γ <= 0, α <= 1/2, a box too small
// for the margin band, or sizes that would not fit in memory.
void validate(const DataConfig& config);

// The data section as JSON (for summaries: every output records its configuration).
nlohmann::json to_json(const DataConfig& config);

}  // namespace lingrok
