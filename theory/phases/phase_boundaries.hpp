// Phases and their boundaries on the model trajectory, docs/theory.md#phases (the paper's Section
// 4.3 and its three-phase picture, Figure/Section 4):
//     w(t) = ŵ log t + w̃,   b(t) = closed form of Theorem 4.5 (closed_form.hpp, c = η),
//     z_i(t) = y_i (w(t)·x_i + b(t)) = m_i log t + c_i + y_i b(t),  m_i = y_i ŵ·x_i,
//                                                                 c_i = y_i w̃·x_i,
//     r(t) = Σ_{i∉S} q_i / Σ_{s∈S} q_s   (q = -ℓ'(z)),   t1 = min{t >= t0 : r(t) <= κ},
//     D(t) = |b(t)| / ||w(t)||,   t2 = argmax_{t >= t1} D(t),
//     Phase-1 steady state b_ss(t) = ½ log(A+(t)/A-(t)),
//         A+(t) = Σ_{y_i=+1} e^{-w(t)·x_i},  A-(t) = Σ_{y_i=-1} e^{w(t)·x_i}.
// Everything is evaluated as a function of L = log t with log-sum-exp, so that t up to
// e^{1e4} (far beyond double's range) is fine; times are returned as log t. Double
// precision: these are threshold crossings and maxima of smooth curves on a grid refined by
// bisection / golden section, accurate to ~1e-10 relative in log t.
// Assumptions: the late-time model (Theorem 4.2) — early times are a model, not GD.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "data/loss/loss.hpp"
#include "theory/bias/closed_form.hpp"

namespace lingrok {

struct PhaseModel {
  Eigen::VectorXd m;                 // m_i = y_i ŵ·x_i (all training points)
  Eigen::VectorXd c;                 // c_i = y_i w̃·x_i
  Eigen::VectorXd y;                 // labels
  std::vector<char> in_support;      // 1 for i ∈ S
  double ww = 0, wwt = 0, wtwt = 0;  // ŵ·ŵ, ŵ·w̃, w̃·w̃
  BiasOdeParams<double> bias;        // A±, c = η (steps), t0, b0
  Loss loss = Loss::logistic;

  double bias_at(double L) const;         // b(t), t = e^L
  double norm_w_at(double L) const;       // ||ŵ L + w̃||
  double distance_at(double L) const;     // D(t)
  double log_share_at(double L) const;    // log r(t) (-inf if S is everything)
  double steady_bias_at(double L) const;  // b_ss(t)
};

struct PhaseOptions {
  double kappa = 1e-3;
  double log_t_max = 2000.0;  // search range: t0 <= t <= e^{log_t_max}
  int grid = 4000;            // grid points in log t
};

struct PhaseBoundaries {
  bool t1_found = false;  // r(t) <= κ reached within the range
  double log_t1 = 0;
  double log_t2 = 0;  // argmax of D on [t1, t_max] (t1 itself if D only falls)
  double D_t1 = 0, D_t2 = 0;
  double b_t1 = 0, b_ss_t1 = 0;
  bool phase2_present = false;  // D rises after t1
};

PhaseBoundaries phase_boundaries(const PhaseModel& model, const PhaseOptions& options = {});

}  // namespace lingrok
