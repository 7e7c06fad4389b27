// Adversarial evaluation of a linear model f(x) = w·x + b (SPEC §5.4).
// PGD: ℓ∞ ball of radius eps_adv around x, step size `step`, `steps` iterations of ascent on
// ℓ_log(y f(x')), projection onto the ball and clipping to the test set's per-coordinate
// range, started at x (or at a seeded random point of the ball).
// Exact worst case: for a linear model the adversary minimises y(w·x' + b) over the box
// [max(x - eps, lo), min(x + eps, hi)] coordinate by coordinate (x'_j at the end that
// minimises y w_j x'_j), so robust accuracy has a closed form; PGD can never beat it.
#pragma once

#include <Eigen/Dense>
#include <cstdint>

#include "numerics/data/dataset.hpp"

namespace lingrok {

struct PgdOptions {
  double eps_adv = 1.0;
  double step = 0.25;
  int steps = 20;
  bool random_start = false;
  std::uint64_t seed = 0;
};

// Per-coordinate range of a test set, the clip box of SPEC §5.4.
struct ClipBox {
  Eigen::VectorXd lo;
  Eigen::VectorXd hi;
};
ClipBox clip_box_of(const Dataset& test);

// Accuracy of sign(w·x' + b) on PGD-attacked points x' (f = 0 counts as an error).
double pgd_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w, double b,
                    const PgdOptions& options);

// Exact robust accuracy over the ball ∩ clip box (closed form per point).
double exact_robust_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w,
                             double b, double eps_adv);

}  // namespace lingrok
