// The max-margin solver's dispatcher (hard_margin_svm.hpp, docs/theory.md#max-margin-separator,
// the paper's eq. (7)): checks the input, runs stage 1 by the method the options ask for
// (wolfe.cpp, active_set.cpp, interior_point.cpp, each handing over to the next on failure),
// the exact stage (exact_stage.cpp) and the KKT certificate (kkt_certificate.cpp).
#include "theory/svm/hard_margin_svm.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/error.hpp"
#include "theory/svm/exact_stage.hpp"
#include "theory/svm/kkt_certificate.hpp"

namespace lingrok {

namespace {

std::string not_separable_message(bool augmented) {
  if (augmented)
    return "the training data are not linearly separable (no hyperplane w·x + b = 0 separates "
           "the classes); the theory needs separable data: check the labels";
  return "no hyperplane through the origin separates the training data (0 lies in the convex "
         "hull of y_i x_i), so Assumption 3.1 fails; the theory needs data a hyperplane w·x = 0 "
         "separates: check the labels or centre the data";
}

// Stage 1 by the method the options ask for. A double-stage solver that fails (does not
// converge, cycles on degenerate data) hands over to the next one; the exact stage can start
// from any corral, so the last resort is an empty start.
MinNormPoint double_stage(const Dataset& data, bool aug, const MinNormOptions& mo) {
  using Method = MinNormOptions::Method;
  const Eigen::Index n = data.X.rows(), D = data.X.cols() + (aug ? 1 : 0);
  Method method = mo.method;
  if (method == Method::automatic) {
    if (n <= std::max<Eigen::Index>(mo.working_set_min, 4 * (D + 1)))
      method = Method::wolfe;
    else if (n > 100 * (D + 1) && D >= 128)
      method = Method::interior_point;  // measured at d = 1024: see interior_point.cpp
    else
      method = Method::active_set;
  }
  std::string failed;
  if (method == Method::interior_point) {
    MinNormPoint mnp = interior_point_min_norm_point(data, aug, mo);
    if (mnp.converged) return mnp;
    failed =
        "the interior-point method stopped after " + std::to_string(mnp.iterations) + " iterations";
    method = Method::active_set;
  }
  try {
    MinNormPoint mnp = method == Method::wolfe ? wolfe_min_norm_point(data, aug, mo)
                                               : active_set_min_norm_point(data, aug, mo);
    if (!failed.empty()) mnp.method += " (" + failed + ")";
    return mnp;
  } catch (const NumericalError& e) {
    MinNormPoint none;
    none.method = "exact stage only (" + std::string(e.what()) + ")";
    return none;
  }
}

}  // namespace

HardMarginSvm solve_hard_margin_svm(const Dataset& data, SvmVariant variant,
                                    const SvmOptions& options) {
  const bool aug = variant == SvmVariant::with_bias;
  const Eigen::Index n = data.X.rows();
  if (!(options.support_tol >= 0))
    throw InputError("support tolerance must be >= 0 (default 1e-9)");
  if (n == 0) throw InputError("the training set is empty: it needs at least one point per class");
  {
    // Squared norms and Gram entries must stay inside double's range (about 1e±308).
    const double scale = data.X.cwiseAbs().maxCoeff();
    if (!std::isfinite(scale))
      throw InputError("the training data hold a coordinate that is not finite; remove that row");
    if (scale > 1e150 || (scale > 0 && scale < 1e-150))
      throw InputError("coordinates as large as " + to_full_string(scale) +
                       " overflow or underflow the max-margin solver's squared norms; rescale "
                       "the data to order 1 (divide every coordinate by " +
                       to_full_string(scale) + ") and retry");
  }

  using clock = std::chrono::steady_clock;
  auto since = [](clock::time_point a) {
    return std::chrono::duration<double>(clock::now() - a).count();
  };
  auto t_start = clock::now();
  const MinNormPoint mnp = double_stage(data, aug, options.min_norm);
  const double seconds_double = since(t_start);
  if (mnp.origin_in_hull) throw InputError(not_separable_message(aug));

  HardMarginSvm out;
  out.variant = variant;
  out.method = mnp.method;
  out.iterations = mnp.iterations;
  out.full_passes = mnp.full_passes;
  out.working_set_pricings = mnp.working_set_pricings;
  out.active_set_changes = mnp.active_set_changes;
  out.seconds_double = seconds_double;

  // Exact stage (svm/exact_stage.cpp): the basis B is the final corral of Wolfe's algorithm in
  // 50 digits, linearly independent at the optimum.
  auto t_exact = clock::now();
  const ExactMinNormPoint ex =
      exact_min_norm_point(data, aug, mnp.corral, mnp.weights, options.support_tol);
  if (ex.origin_in_hull) throw InputError(not_separable_message(aug));
  out.seconds_kkt50 = since(t_exact);
  out.exact_added = ex.major_cycles;
  out.exact_minor_cycles = ex.minor_cycles;
  out.exact_candidates = ex.candidates;
  out.exact_unresolved = static_cast<long>(ex.unresolved.size());

  // KKT certificate (svm/kkt_certificate.cpp).
  svm_detail::certify_kkt(data, aug, options, ex.corral, out);
  return out;
}

}  // namespace lingrok
