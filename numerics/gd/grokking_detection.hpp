// Grokking detection on logged accuracy curves (docs/theory.md#grokking-time, the paper's
// Definition 3.4).
//
// For a curve a(t_k) on logged steps t_0 < t_1 < ... and a level L:
//  - first reach: the first logged t_k with a(t_k) ≥ L (the paper's definition);
//  - settle: the first logged t_k such that a(t_j) ≥ L for every j ≥ k (the end of the run).
// Levels: (1-ε)·sup_k a(t_k) ("relative", the paper's) or (1-ε)·1 ("absolute").
// T_tr(ε), T_te(ε) are these times on the train and test curves, ζ(ε) = T_te/T_tr and
// T_gr = T_te - T_tr. A run groks (with delay ζ_min) in one variant if for every ε of the list
// both times exist and ζ(ε) ≥ ζ_min (the paper's "for all ε < ε0", on the listed ε).
// A time that is never reached is NaN (null in JSON); ζ with T_tr = 0 < T_te is +inf.
// Pure functions on (t, accuracy) arrays: nothing here knows about GD.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lingrok {

enum class ReachKind { first, settle };
enum class LevelBase { supremum, one };

// NaN if the level is never reached (or never held to the end, for settle). Arrays must have
// the same length; NaN accuracies never reach a level.
double reach_time(const std::vector<double>& t, const std::vector<double>& acc, double level,
                  ReachKind kind);

// max over the finite entries (NaN if none).
double supremum(const std::vector<double>& acc);

struct DetectionOptions {
  std::vector<double> epsilons{0.0, 1e-3, 1e-2, 5e-2};
  double zeta_min = 100.0;
};

struct GrokkingRow {
  double epsilon = 0;
  double T_tr = 0, T_te = 0, zeta = 0, T_gr = 0;
};

struct GrokkingVariant {
  ReachKind kind = ReachKind::first;
  LevelBase base = LevelBase::supremum;
  std::vector<GrokkingRow> rows;
  bool grokking = false;
  std::string name() const;  // "first_sup", "settle_sup", "first_abs", "settle_abs"
};

struct GrokkingReport {
  double sup_train = 0, sup_test = 0;
  double zeta_min = 0;
  std::vector<GrokkingVariant> variants;  // first_sup, settle_sup, first_abs, settle_abs
  // The paper's definition: the first_sup variant.
  bool grokking() const { return !variants.empty() && variants.front().grokking; }
};

GrokkingReport detect_grokking(const std::vector<double>& t, const std::vector<double>& acc_train,
                               const std::vector<double>& acc_test,
                               const DetectionOptions& options);

nlohmann::json to_json(const GrokkingReport& report);

}  // namespace lingrok
