// Everything docs/theory.md predicts from the training data and η alone, in one call:
//   max-margin separators (bias-free and eq. 7), S±, margins, R; Assumption 3.1
//     (docs/theory.md#max-margin-separator);
//   late-time limit (w̃, b̃) with its dual residuals and flat dimension (#late-time-limit);
//   A±, δ, b∞ (= b̃, checked), k, T_c (#bias-constants);
//   phase boundaries t1(κ), t2 on the model trajectory, Phase-1 steady bias (#phases);
//   accuracy model Q(D) vs the generator's exact Q, T_te(ε) predictions 1–3 and the T_tr bound
//     of Remark 4.7 (#grokking-time; need γ and α: from data.json or the options);
//   smoothness β, ηβ and the stable step 1/β (#smoothness).
// Quantities are Real50 (50 digits) where docs/theory.md says so; the phase boundaries and the
// exact Q are double (they are threshold crossings / probabilities; see their headers).
//
// With reduction = mean, GD on (1/N)Σℓ is GD on Σℓ with step η/N: every formula that contains
// η (F, the bias ODE's c) uses η_eff = η/N, reported as `eta_effective`.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/scalar.hpp"
#include "data/dataset.hpp"
#include "data/loss/loss.hpp"
#include "theory/bias/bias_constants.hpp"
#include "theory/grokking/grokking_time.hpp"
#include "theory/late_time/late_time_limit.hpp"
#include "theory/phases/phase_boundaries.hpp"
#include "theory/smoothness.hpp"
#include "theory/svm/hard_margin_svm.hpp"

namespace lingrok {

struct TheoryOptions {
  Real50 eta{"0.01"};  // GD step size (exact decimal: build it from the text, e.g. Real50{"0.01"})
  Reduction reduction = Reduction::sum;
  Loss loss = Loss::logistic;
  std::optional<double> gamma;  // generator's margin parameter (γ-dependent quantities)
  std::optional<double> alpha;  // sensitivity of P_conc(α)
  double box = 5.0;             // generator's half-width a (exact Q of the concentrated set)
  double kappa = 1e-3;          // Phase-1 end: r(t) <= κ
  std::vector<double> epsilons{1e-3, 1e-2, 5e-2, 0.1, 0.2};
  double support_tol = 1e-9;  // S = {i : m_i <= 1 + tol}
  double t0 = 1.0;            // model trajectory starts at t0 with b(t0) = b0
  double b0 = 0.0;
  double assumption_tol = 1e-9;  // A3.1 holds when |b̂| <= tol (margin units; see theory.cpp)
  // Called after each stage (the names of TheoryResult::seconds) with its wall time, so that a
  // caller can report progress on long runs (the max-margin solves take minutes at N = 10^6).
  std::function<void(const std::string& stage, double seconds)> on_stage_done;

  // Throws InputError naming the bad value and the accepted range.
  void validate() const;
};

struct EpsilonPrediction {
  double epsilon;
  Real50 level;                    // ℓ(ε) = 1 + 2ε(2α-1)
  Real50 D_threshold;              // (γ/2) ℓ(ε)
  TimePrediction<Real50> te;       // T_te(ε): bounds (B_lim), small-γ, refined (as log T)
  TimePrediction<Real50> tr;       // T_tr(ε) of Remark 4.7 (α -> R/γ)
  double log_refined_exact_Q = 0;  // refined prediction with Q_exact(D) = 1 - ε instead of Q(D)
  bool exact_Q_available = false;
};

struct TheoryResult {
  TheoryOptions options;
  Real50 eta_effective;
  Eigen::Index n = 0, n_plus = 0, n_minus = 0;
  int d = 0;
  Real50 R;  // max ||x_i||

  HardMarginSvm svm;                  // bias-free ŵ
  HardMarginSvm svm_eq7;              // (ŵ, b̂) of eq. (7)
  bool assumption_3_1 = false;        // |b̂| <= options.assumption_tol (what every reader uses)
  bool assumption_3_1_exact = false;  // |b̂| <= 1e-30 ||(ŵ, b̂)||: zero to 50 digits
  std::string assumption_3_1_note;

  bool late_time_available = false;
  std::string late_time_note;
  LateTimeLimit<Real50> late;
  BiasConstants<Real50> bias;
  Real50 b_inf_minus_b_tilde;

  Smoothness<Real50> smooth;

  bool phases_available = false;
  PhaseBoundaries phases;
  // Model trajectory on a log grid: log t, b, ||w||, D, log r, b_ss.
  std::vector<double> traj_log_t, traj_b, traj_norm_w, traj_D, traj_log_r, traj_b_ss;

  bool gamma_available = false;
  double gamma = 0, alpha = 0;
  double accuracy_model_error = 0;  // max |Q_exact - Q_model| on [γ/2, αγ]
  std::string exact_Q_method;
  double exact_Q_error_bound = 0;
  std::vector<EpsilonPrediction> predictions;

  // Wall time of each stage of compute_theory, in order (seconds; for benchmarks, not in
  // theory.json): R, svm_eq7, svm_bias_free (each also split in svm.seconds_*; the two run at
  // the same time, on two threads, so their times overlap), late_time, smoothness, phases,
  // grokking.
  std::vector<std::pair<std::string, double>> seconds;
};

TheoryResult compute_theory(const Dataset& train, const TheoryOptions& options);

}  // namespace lingrok
