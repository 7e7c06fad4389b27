// A synthetic protocol run for the attribution tests (protocol_attribution_test,
// rounding_spread_test): train accuracy reaching 1 at t_tr, the concentrated test set at t_te and
// the standard one at t_std (0.5 before each), on a log grid 1..10^7 (every half decade, with
// those times added), read by Definition 3.4 at ε ∈ {0, 1e-3, 1e-2}. So its grokking times are
// known by construction. The caller names it (id, group) and sets d and the imbalance.
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

#include "proofs_check/protocol_outcome.hpp"

namespace lingrok::testing {

inline ProtocolOutcome synthetic_outcome(double t_tr, double t_te, double t_std) {
  std::vector<double> t{0};
  for (int k = 0; k <= 14; ++k) t.push_back(std::pow(10.0, k / 2.0));
  for (double x : {t_tr, t_te, t_std}) t.push_back(x);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  std::vector<double> train, conc, standard;
  for (double x : t) {
    train.push_back(x >= t_tr ? 1.0 : 0.5);
    conc.push_back(x >= t_te ? 1.0 : 0.5);
    standard.push_back(x >= t_std ? 1.0 : 0.5);
  }
  DetectionOptions detection;
  detection.epsilons = {0.0, 1e-3, 1e-2};
  ProtocolOutcome o;
  o.concentrated = detect_grokking(t, train, conc, detection);
  o.standard = detect_grokking(t, train, standard, detection);
  return o;
}

}  // namespace lingrok::testing
