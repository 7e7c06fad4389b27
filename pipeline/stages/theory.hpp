// The theory stage: docs/theory.md's predictions for a training set and a step size, written to
// OUT/theory.json (results/theory_json.hpp) as one output set.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace lingrok::stages {

struct TheoryRequest {
  std::string data;          // data directory (train.csv, data.json) or a CSV file
  std::string out;           // output directory
  std::string eta = "0.01";  // read as an exact decimal (core/decimal.hpp)
  std::string reduction = "sum";
  std::string loss = "logistic";
  std::optional<double> gamma;   // default: data.json's
  std::optional<double> alpha;   // default: data.json's
  std::optional<double> box;     // default: data.json's, else 5
  double kappa = 1e-3;           // Phase-1 end: r(t) <= kappa
  std::vector<double> epsilons;  // default: theory/theory.hpp's
  double support_tol = 1e-9;     // S = {i : m_i <= 1 + tol}
};

// Computes and writes theory.json; reports the summary (and, for large sets, each stage's
// time) on `log`.
void run_theory(const TheoryRequest& request, std::ostream& log);

}  // namespace lingrok::stages
