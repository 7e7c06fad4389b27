// Exact hard-margin separator, docs/theory.md#max-margin-separator (the paper's Section 3,
// Assumption 3.1, eq. (7)).
//
//   bias-free:        ŵ        = argmin ||w||²        s.t.  y_i w·x_i       >= 1  for all i,
//   eq. (7) variant:  (ŵ, b̂)  = argmin ||w||² + b²   s.t.  y_i (w·x_i + b) >= 1  for all i.
//
// The eq. (7) variant is the bias-free problem on augmented points x̃_i = (x_i, 1), so one
// solver serves both. With z_i = y_i x_i (or y_i x̃_i), duality gives
//     max_{||w||=1} min_i z_i·w  =  min_{u ∈ conv{z_i}} ||u||  =: ||u*||,
// and ŵ = u* / ||u*||² when u* ≠ 0; u* = 0 means no hyperplane through the origin separates.
//
// Method (exact, in two stages):
//  1. Identify the support set in double, by one of three solvers of the same problem:
//     - small problems (every point priced in each iteration): Wolfe's min-norm-point algorithm
//       (Wolfe 1976) on the z_i, with the corral's Gram matrix G + 11ᵀ kept as an updated
//       Cholesky factor;
//     - large N and d (N > 100 (D + 1), D >= 128; the paper's N = 1e6, d = 1024): a
//       primal-dual interior-point method on a working set grown by full passes, which
//       identifies the support set as the points whose multiplier exceeds their slack
//       (svm/interior_point.cpp); if it does not converge, the next solver takes over;
//     - other large problems: the Goldfarb–Idnani dual active-set method for
//       min ½||w||² s.t. z_i·w >= 1 (Goldfarb & Idnani 1983, with Hessian I), on a working set
//       of a few thousand candidate points. It adds one violated constraint at a time (dropping
//       active ones whose multiplier would turn negative), keeps the active normals as N_A = J R
//       (J orthogonal d×d, R triangular, updated by Householder/Givens in O(d²) per change).
//       Pricing is partial: a pricing of the whole working set keeps its most violated rows as
//       a small hot set, which the next rounds price alone until none of it is violated. When
//       a pricing of the working set finds no violation, a full pass over all N points (one
//       matrix-vector product) adds the most violated points to the working set, until no
//       point is violated. Only O(N·d) work is the full passes, in plain double.
//  2. Exact stage (svm/exact_stage.cpp): Wolfe's algorithm in 50 digits on the points within a
//     certified band of the margin, warm-started from stage 1's corral. It cannot cycle and needs
//     no rank decision (a point joins the corral only if it lies outside the corral's affine
//     hull), so degenerate inputs -- hundreds of points on or within rounding of the margin,
//     exact ties, duplicated rows -- finish like any other. Its final corral is the basis B.
//  3. KKT certificate: solve Z_B ŵ = 1, ŵ = Z_Bᵀ λ at full precision (Real50; residuals in
//     Real50, corrections from a double or Real50 factorisation) and report λ >= 0, Z_B ŵ = 1
//     and min_i m_i - 1 (to 1e-40).
// Margins of all points are then m_i = z_i·ŵ (Real50 for every point within 1e-6 of the
// support threshold, double elsewhere), and S = {i : m_i <= 1 + tol}, split by label.
//
// Input errors: data with only one class, or data that no hyperplane through the origin
// (bias-free) / no hyperplane at all (eq. 7) separates, throw InputError saying so.
#pragma once

#include <Eigen/Dense>
#include <string>
#include <vector>

#include "core/scalar.hpp"
#include "data/dataset.hpp"

namespace lingrok {

using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;
using Mat50 = Eigen::Matrix<Real50, Eigen::Dynamic, Eigen::Dynamic>;

enum class SvmVariant { bias_free, with_bias };  // with_bias = the paper's eq. (7)

// --- Stage 1: Wolfe's min-norm point of conv{z_i}, z_i = y_i (x_i[, 1]) -------------------

struct MinNormOptions {
  double rel_tol = 1e-13;        // stop when ||u||² - min_i z_i·u <= rel_tol ||u||² + noise
  long max_iterations = 200000;  // major + minor iterations together
  Eigen::Index working_set_min = 4096;  // N below max(this, 4(d+1)): every point is priced
  Eigen::Index batch = 0;               // points added per full pass; 0: max(256, d+1)
  // Active-set method: constraints added per pricing round, and the size of the hot set that
  // the rounds between two pricings of the whole working set look at (partial pricing).
  Eigen::Index per_pricing = 4;
  Eigen::Index hot_size = 512;
  // Which double-stage solver: automatic = Wolfe when every point is priced (N below the
  // working-set threshold), the interior-point method when N > 100 (D + 1) and D >= 128, the
  // active-set method otherwise (and whenever the interior-point method does not converge).
  enum class Method { automatic, wolfe, active_set, interior_point } method = Method::automatic;
};

struct MinNormPoint {
  Eigen::VectorXd u;                 // the min-norm point (length d, or d+1 with the bias)
  std::vector<Eigen::Index> corral;  // rows whose convex hull's affine min-norm point is u
  Eigen::VectorXd weights;           // convex weights of the corral (sum 1, > 0)
  bool origin_in_hull = false;       // u = 0 within rounding: not separable
  bool converged = true;             // interior point: false = no usable result (fall back)
  std::string method;                // "wolfe", "active_set" or "interior_point"
  long iterations = 0;
  int full_passes = 0;
  long working_set_pricings = 0;  // active-set method: pricings of the whole working set
  long active_set_changes = 0;    // active-set method: constraints added plus dropped
  Eigen::Index working_set_size = 0;
};

MinNormPoint wolfe_min_norm_point(const Dataset& data, bool augmented,
                                  const MinNormOptions& options = {});

// The same point by the Goldfarb–Idnani active-set method on a working set (see above):
// corral = the active set, weights = its multipliers normalised to sum 1.
MinNormPoint active_set_min_norm_point(const Dataset& data, bool augmented,
                                       const MinNormOptions& options = {});

// Interior-point method on a working set (svm/interior_point.cpp): u, and as `corral` the
// support set it identifies (λ_t > s_t), with weights λ / Σλ.
MinNormPoint interior_point_min_norm_point(const Dataset& data, bool augmented,
                                           const MinNormOptions& options = {});

// --- Stage 2: the exact separator --------------------------------------------------------

struct SvmOptions {
  double support_tol = 1e-9;  // S = {i : m_i <= 1 + support_tol}
  MinNormOptions min_norm;
};

struct HardMarginSvm {
  SvmVariant variant = SvmVariant::bias_free;
  Vec50 w;                                   // ŵ (length d)
  Real50 b = 0;                              // b̂ (0 for the bias-free variant)
  Real50 norm;                               // ||ŵ|| (bias-free) or ||(ŵ, b̂)|| (eq. 7)
  Real50 margin;                             // 1 / norm (eq. 7: of the vector (ŵ, b̂))
  Real50 norm_w;                             // ||ŵ|| (of w alone, both variants)
  Real50 margin_w;                           // 1 / ||ŵ||: the geometric margin of w·x + b = 0
  std::vector<Eigen::Index> support_plus;    // S+ (0-based rows), m_i <= 1 + tol, y_i = +1
  std::vector<Eigen::Index> support_minus;   // S-
  Eigen::VectorXd margins;                   // m_i = y_i(ŵ·x_i + b̂), all rows (double)
  Real50 min_nonsupport_margin = 0;          // min m_i over i ∉ S (+inf text if S = all)
  bool min_nonsupport_margin_exact = false;  // true: a 50-digit margin; false: a double one
  Real50 max_support_margin = 0;             // max m_i over i ∈ S (the gap's other side)
  long on_margin_count = 0;                  // |m_i - 1| <= max(1e-40, primal residual)
  bool all_points_support = false;
  // KKT evidence on the basis B (a subset of S, linearly independent points):
  std::vector<Eigen::Index> basis;  // B
  Vec50 alpha;                      // multipliers on B: ŵ = Σ_B α_s y_s x_s (b̂ = Σ α_s y_s)
  Real50 kkt_primal_residual;       // max_{s∈B} |m_s - 1|
  Real50 kkt_feasibility;           // min_i m_i - 1 (>= -1e-40 at the solution)
  Real50 kkt_min_alpha;             // min_B α_s (> 0)
  Real50 kkt_stationarity;          // ||(ŵ, b̂) - Σ_B α_s z_s||
  std::string method;   // the double-stage solver that found the basis (see MinNormPoint)
  long iterations = 0;  // iterations of that solver (pricing rounds for the active set)
  int full_passes = 0;
  long working_set_pricings = 0;  // active-set method: pricings of the whole working set
  long active_set_changes = 0;    // active-set method: constraints added plus dropped
  long exact_added = 0;           // exact stage: points Wolfe added after stage 1
  long exact_minor_cycles = 0;    // exact stage: affine solves
  long exact_candidates = 0;      // exact stage: points priced in 50 digits
  long exact_unresolved = 0;      // points whose improvement 50 digits cannot resolve (0 normally)
  // Wall time of the stages (seconds): double solver; certification (margins of all N points
  // in double, 50-digit margins of the points near the margin); 50-digit KKT solve and the
  // KKT evidence on the basis.
  double seconds_double = 0, seconds_certify = 0, seconds_kkt50 = 0;
};

HardMarginSvm solve_hard_margin_svm(const Dataset& data, SvmVariant variant,
                                    const SvmOptions& options = {});

}  // namespace lingrok
