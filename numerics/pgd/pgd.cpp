// PGD and the exact worst case for a linear model (docs/pgd.md); the derivation is in pgd.hpp
// and docs/pgd.md.
#include "numerics/pgd/pgd.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {
namespace {

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

std::string quoted_name(const Dataset& test) {
  return test.name.empty() ? std::string("the test set") : "test set '" + test.name + "'";
}

// Shapes and finiteness shared by every entry point. `what` names the caller in messages.
void validate_inputs(const char* what, const Dataset& test, const ClipBox& box,
                     const Eigen::VectorXd& w, double b) {
  const std::string who(what);
  if (test.size() == 0) {
    throw InputError(who + ": " + quoted_name(test) +
                     " is empty; adversarial accuracy needs at least one test point");
  }
  if (w.size() != test.dim()) {
    throw InputError(who + ": w has " + std::to_string(w.size()) + " coordinates but " +
                     quoted_name(test) + " has d = " + std::to_string(test.dim()) +
                     "; pass the weights of a model trained on data of this dimension");
  }
  if (box.lo.size() != test.dim() || box.hi.size() != test.dim()) {
    throw InputError(who + ": the clip box has " + std::to_string(box.lo.size()) + "/" +
                     std::to_string(box.hi.size()) + " coordinates (lo/hi) but " +
                     quoted_name(test) + " has d = " + std::to_string(test.dim()) +
                     "; build the box with clip_box_of(test)");
  }
  for (Eigen::Index j = 0; j < box.lo.size(); ++j) {
    if (!(std::isfinite(box.lo(j)) && std::isfinite(box.hi(j)) && box.lo(j) <= box.hi(j))) {
      throw InputError(who + ": clip box coordinate " + std::to_string(j) + " is [" +
                       num(box.lo(j)) + ", " + num(box.hi(j)) +
                       "], not a finite interval with lo <= hi; build the box with "
                       "clip_box_of(test)");
    }
  }
  if (!w.allFinite() || !std::isfinite(b)) {
    throw NumericalError(who +
                         ": w or b is not finite (did training diverge?); adversarial accuracy "
                         "needs a finite model");
  }
}

void validate_eps_exact(double eps_adv) {
  if (!(std::isfinite(eps_adv) && eps_adv >= 0.0)) {
    throw InputError("exact worst case: eps_adv = " + num(eps_adv) +
                     " is not a finite number >= 0; use the ball radius, e.g. 1 (docs/pgd.md)");
  }
}

// The threat interval [a_j, c_j] of coordinate j of point i. Both kernels compute the ends with
// exactly these expressions, so that a PGD iterate clamped to an end equals the closed form's
// end bit for bit.
struct Interval {
  double a;
  double c;
};
inline Interval threat_interval(double x, double eps, double lo, double hi, Eigen::Index i,
                                Eigen::Index j) {
  const Interval iv{std::max(x - eps, lo), std::min(x + eps, hi)};
  if (!(iv.a <= iv.c)) {
    throw InputError("pgd: test point " + std::to_string(i) + " lies more than eps_adv = " +
                     num(eps) + " outside the clip box in coordinate " + std::to_string(j) +
                     "; build the box from the same test set with clip_box_of(test)");
  }
  return iv;
}

// sign(∇_x ℓ_log(y f(x)))_j = sign(-q y w_j) = -sign(y) sign(w_j), q > 0 factored out (pgd.hpp).
// Degenerate w_j = 0: a zero gradient component, so x'_j stays where it is. Branch-free, so that
// the PGD pass over d = 1024 coordinates vectorises.
inline double ascent_sign(double y, double w_j) {
  const double sign_w = static_cast<double>((w_j > 0.0) - (w_j < 0.0));
  return y > 0.0 ? -sign_w : sign_w;
}

// f(x') = b + Σ_j w_j x'_j, summed in the order j = 0..d-1 (shared by both accuracies).
inline double decision(const double* w, double b, const double* xp, Eigen::Index d) {
  double f = b;
  for (Eigen::Index j = 0; j < d; ++j) f += w[j] * xp[j];
  return f;
}

// PGD on one point: writes x' into xp (d doubles). `rng` is used only for a random start.
void pgd_point(const double* x, double y, Eigen::Index i, const ClipBox& box, const double* w,
               Eigen::Index d, const PgdOptions& o, Rng& rng, double* xp) {
  for (Eigen::Index j = 0; j < d; ++j) {
    const Interval iv = threat_interval(x[j], o.eps_adv, box.lo(j), box.hi(j), i, j);
    // Uniform on the clipped ball [a_j, c_j] itself, so the start is in the threat set.
    // (Clamped: a + (c - a) u can round one ulp past c.)
    xp[j] = o.random_start ? std::min(std::max(rng.uniform(iv.a, iv.c), iv.a), iv.c) : x[j];
  }
  const double* lo = box.lo.data();
  const double* hi = box.hi.data();
  for (int k = 0; k < o.steps; ++k) {
    int moved = 0;
    for (Eigen::Index j = 0; j < d; ++j) {
      // step * s is exactly ±step or 0; with s = 0 the clamps below leave x'_j unchanged.
      double v = xp[j] + o.step * ascent_sign(y, w[j]);
      v = std::min(std::max(v, x[j] - o.eps_adv), x[j] + o.eps_adv);  // project onto the ball
      v = std::min(std::max(v, lo[j]), hi[j]);                        // clip to the test range
      moved |= static_cast<int>(v != xp[j]);
      xp[j] = v;
    }
    // The direction does not depend on x', so a fixed point of one step is final.
    if (!moved) break;
  }
}

// Closed-form worst case of one point: writes x' into xp when xp != nullptr; returns f(x').
double worst_point(const double* x, double y, Eigen::Index i, const ClipBox& box, const double* w,
                   double b, Eigen::Index d, double eps, double* xp) {
  double f = b;
  for (Eigen::Index j = 0; j < d; ++j) {
    const Interval iv = threat_interval(x[j], eps, box.lo(j), box.hi(j), i, j);
    const double s = ascent_sign(y, w[j]);
    // The end that minimises y w_j x'_j: c_j where the ascent direction is +, a_j where -.
    const double v = s > 0.0 ? iv.c : (s < 0.0 ? iv.a : x[j]);
    if (xp != nullptr) xp[j] = v;
    f += w[j] * v;
  }
  return f;
}

inline bool correct(double y, double f) { return y * f > 0.0; }  // f = 0 is an error

}  // namespace

void PgdOptions::validate() const {
  if (!(std::isfinite(eps_adv) && eps_adv > 0.0)) {
    throw InputError("pgd: eps_adv = " + num(eps_adv) +
                     " must be a finite number > 0; set pgd.eps_adv to the ℓ∞ radius, e.g. 1");
  }
  if (!(std::isfinite(step) && step > 0.0)) {
    throw InputError("pgd: step = " + num(step) +
                     " must be a finite number > 0; set pgd.step, e.g. 0.25");
  }
  if (steps < 0) {
    throw InputError("pgd: steps = " + std::to_string(steps) +
                     " must be >= 0; set pgd.steps, e.g. 20 (0 evaluates the start point)");
  }
}

ClipBox clip_box_of(const Dataset& test) {
  if (test.size() == 0) {
    throw InputError("clip_box_of: " + quoted_name(test) +
                     " is empty; the clip box is the per-coordinate range of the test points");
  }
  return ClipBox{test.X.colwise().minCoeff().transpose(), test.X.colwise().maxCoeff().transpose()};
}

Eigen::VectorXd logistic_input_gradient(const Eigen::RowVectorXd& x, double y,
                                        const Eigen::VectorXd& w, double b) {
  if (x.size() != w.size()) {
    throw InputError("logistic_input_gradient: x has " + std::to_string(x.size()) +
                     " coordinates but w has " + std::to_string(w.size()) +
                     "; pass a point of the model's dimension");
  }
  const double f = decision(w.data(), b, x.data(), w.size());
  const double q = loss_weight(Loss::logistic, y * f);
  return -q * y * w;
}

RowMatrix pgd_attack(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w, double b,
                     const PgdOptions& options) {
  options.validate();
  validate_inputs("pgd", test, box, w, b);
  const Eigen::Index n = test.size(), d = test.dim();
  RowMatrix out(n, d);
  Rng rng(options.seed);
  for (Eigen::Index i = 0; i < n; ++i) {
    pgd_point(test.X.row(i).data(), test.y(i), i, box, w.data(), d, options, rng,
              out.row(i).data());
  }
  return out;
}

RowMatrix exact_worst_case(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w,
                           double b, double eps_adv) {
  validate_eps_exact(eps_adv);
  validate_inputs("exact worst case", test, box, w, b);
  const Eigen::Index n = test.size(), d = test.dim();
  RowMatrix out(n, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    worst_point(test.X.row(i).data(), test.y(i), i, box, w.data(), b, d, eps_adv,
                out.row(i).data());
  }
  return out;
}

double pgd_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w, double b,
                    const PgdOptions& options) {
  options.validate();
  validate_inputs("pgd", test, box, w, b);
  const Eigen::Index n = test.size(), d = test.dim();
  Eigen::VectorXd xp(d);  // the one allocation per call, reused for every point
  Rng rng(options.seed);
  Eigen::Index hits = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    pgd_point(test.X.row(i).data(), test.y(i), i, box, w.data(), d, options, rng, xp.data());
    hits += correct(test.y(i), decision(w.data(), b, xp.data(), d)) ? 1 : 0;
  }
  return static_cast<double>(hits) / static_cast<double>(n);
}

double exact_robust_accuracy(const Dataset& test, const ClipBox& box, const Eigen::VectorXd& w,
                             double b, double eps_adv) {
  validate_eps_exact(eps_adv);
  validate_inputs("exact worst case", test, box, w, b);
  const Eigen::Index n = test.size(), d = test.dim();
  Eigen::Index hits = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double f =
        worst_point(test.X.row(i).data(), test.y(i), i, box, w.data(), b, d, eps_adv, nullptr);
    hits += correct(test.y(i), f) ? 1 : 0;
  }
  return static_cast<double>(hits) / static_cast<double>(n);
}

std::function<std::pair<double, double>(const Eigen::VectorXd&, double)> adversarial_accuracies(
    const Dataset& standard, std::uint64_t seed) {
  const ClipBox box = clip_box_of(standard);
  PgdOptions pgd;
  pgd.seed = seed;
  return [&standard, box, pgd](const Eigen::VectorXd& w, double b) {
    return std::pair{pgd_accuracy(standard, box, w, b, pgd),
                     exact_robust_accuracy(standard, box, w, b, pgd.eps_adv)};
  };
}

}  // namespace lingrok
