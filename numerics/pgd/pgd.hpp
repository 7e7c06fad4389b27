// Adversarial evaluation of a linear model f(x) = w·x + b (docs/pgd.md).
//
// Threat set of a test point (x, y): the ℓ∞ ball of radius eps_adv around x, clipped to the
// test set's per-coordinate range [lo, hi] (the ClipBox). Both are boxes, so the threat set is
// the box  I(x) = Π_j [a_j, c_j],  a_j = max(x_j - eps, lo_j),  c_j = min(x_j + eps, hi_j).
// In double the ball's ends are the rounded x_j ∓ eps (as in every PGD implementation), so
// |x'_j - x_j| may exceed eps by an ulp of x_j; both PGD and the closed form use these ends.
//
// Exact worst case. y f(x') = y b + Σ_j y w_j x'_j is separable and linear in each x'_j, so
// the adversary minimises each term on its interval: x'_j = a_j if y w_j > 0, c_j if y w_j < 0,
// and any value if w_j = 0 (lingrok keeps x_j). The point is robustly correct iff the minimum
// margin y b + Σ_j min(y w_j a_j, y w_j c_j) is > 0 (f = 0 counts as an error).
//
// PGD (docs/pgd.md): start at x' = x (or uniform on I(x), seeded), then `steps` times
//     x' <- clip_[lo,hi]( proj_ball(x, eps)( x' + step · sign(∇_x' ℓ_log(y f(x'))) ) ).
// For a linear model ∇_x' ℓ_log(y f(x')) = -q y w with q = 1/(1 + e^{y f(x')}) > 0, so the
// ascent direction is s = -y sign(w), the same at every iterate and for every x'. q is factored
// out before taking the sign: in double it underflows to 0 once y f > ~745, which would zero
// the direction and freeze PGD at a point the adversary can still move; mathematically q > 0
// for every finite margin. Where w_j = 0 the gradient's component is 0: x'_j never moves (it
// does not enter f, so every value is a worst case).
//
// Why PGD reaches the exact worst case. With s constant each coordinate walks monotonically
// towards the end of [a_j, c_j] that minimises y w_j x'_j, i.e. the closed-form end (the ball
// projection and the clip are coordinatewise clamps, and clamping to [x_j-eps, x_j+eps] then
// to [lo_j, hi_j] lands in [a_j, c_j] whenever that interval is non-empty). It is there after
// ceil(eps/step) steps from x (ceil(2 eps/step) from a random start), plus at most one more to
// absorb the rounding of the repeated additions; the clamp then assigns the end value itself,
// so the PGD point and the closed form agree bit for bit. The defaults (eps 1, step 1/4,
// 20 steps) need 5 (9 from a random start). Where the clip box is tighter than the ball
// (c_j = hi_j < x_j + eps) the ball's end is unreachable and PGD stops at the clip end, which
// is exactly the closed form's end too. PGD falls short of the worst case only with fewer
// steps than that, and for nonlinear models (not lingrok's). So in exact arithmetic PGD
// accuracy >= exact robust accuracy always, with equality given enough steps; the decision
// value is summed in the same order (j = 0..d-1) by both, so equal points give equal decisions.
//
// Cost. PGD stops early at a fixed point: with s constant, an iterate that a step leaves
// unchanged stays unchanged, so each point costs at most min(steps, ceil(2 eps/step) + 2)
// branch-free passes over its d coordinates. pgd_accuracy allocates one d-vector per call (not
// per point); exact_robust_accuracy allocates nothing. Measured (N = 2000, defaults, loaded
// 2-core machine): d = 2, ~0.15 ms per call (~50 ms for 350 logged steps); d = 1024, ~50 ms
// per call for PGD and ~10 ms for the closed form.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <functional>
#include <utility>

#include "data/dataset.hpp"

namespace lingrok {

struct PgdOptions {
  double eps_adv = 1.0;  // radius of the ℓ∞ ball, > 0
  double step = 0.25;    // ℓ∞ step size, > 0
  int steps = 20;        // iterations, >= 0 (0: the start point itself)
  bool random_start = false;
  std::uint64_t seed = 0;  // for the random start: Rng(seed), points drawn in order

  // Throws InputError naming the bad field and the fix.
  void validate() const;
};

// Per-coordinate range of a test set, the clip box of docs/pgd.md.
struct ClipBox {
  Eigen::VectorXd lo;
  Eigen::VectorXd hi;
  int dim() const { return static_cast<int>(lo.size()); }
};
// Throws InputError for an empty test set.
ClipBox clip_box_of(const Dataset& test);

// ∇_x ℓ_log(y (w·x + b)) = -q y w, q = 1/(1 + e^{y f(x)}): the general formula, for reference
// and tests. PGD steps along its sign, -y sign(w) (see above for why q is factored out).
Eigen::VectorXd logistic_input_gradient(const Eigen::RowVectorXd& x, double y,
                                        const Eigen::VectorXd& w, double b);

// The attacked copy of every test point (row i of the result is x'_i).
RowMatrix pgd_attack(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w, double b,
                     const PgdOptions& options);
// The closed-form worst case of every test point over the ball ∩ clip box (eps_adv >= 0;
// eps_adv = 0 gives the points themselves).
RowMatrix exact_worst_case(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w,
                           double b, double eps_adv);

// Accuracy of sign(w·x' + b) on PGD-attacked points x' (f = 0 counts as an error).
double pgd_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w, double b,
                    const PgdOptions& options);

// Exact robust accuracy over the ball ∩ clip box (closed form per point; eps_adv >= 0, and
// eps_adv = 0 gives the clean accuracy). A lower bound on pgd_accuracy for the same eps_adv.
double exact_robust_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w,
                             double b, double eps_adv);

// The trajectory's adversarial columns (numerics/gd/trajectory.hpp, acc_pgd and acc_pgd_exact):
// (w, b) -> {pgd_accuracy, exact_robust_accuracy} on `standard` within its own clip box, with
// the default PgdOptions and `seed`. Keeps a reference to `standard`, which must outlive it.
std::function<std::pair<double, double>(const Eigen::VectorXd&, double)> adversarial_accuracies(
    const Dataset& standard, std::uint64_t seed = 0);

}  // namespace lingrok
