// S4.3 (the paper's Section 4.3): in Phase 1, while the population still matters, the bias
// sits near the steady state ½ log(A+(t)/A-(t)) of the population sums. Measured on the GD
// log (column b_steady) over the second half, in log t, of the measured Phase 1.
#include <algorithm>
#include <vector>

#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"
#include "results/measured.hpp"

namespace lingrok::checks {

CheckReport check_S4_3(const RunArtifacts& run, const CheckOptions& options) {
  CheckReport r = start_report("S4.3",
                               "In Phase 1 the bias follows the population steady state "
                               "b = 1/2 log(A+(t)/A-(t)).",
                               "Section 4.3");
  const auto t = column(run, "t");
  const auto b = column(run, "b");
  const auto steady = column(run, "b_steady");
  const auto share = column(run, "r");
  if (t.empty() || b.empty() || steady.empty() || share.empty()) {
    return missing(r, "a GD log with b_steady and r", "`lingrok simulate --theory`");
  }
  // Phase 1: from t = 10 (past the first steps) until r first drops to κ.
  const std::size_t k1 = std::min(phase1_end_row(t, share, options.kappa), t.size());
  const double t1 = k1 < t.size() ? t[k1] : t.back();
  const double t_from = std::sqrt(std::max(10.0, 10.0 * t1));  // second half of [10, t1] in log t
  std::vector<double> diffs;
  double scale = 1;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (t[k] >= t_from && t[k] <= t1 && std::isfinite(steady[k])) {
      diffs.push_back(std::fabs(b[k] - steady[k]));
      scale = std::max(scale, std::fabs(steady[k]));
    }
  }
  r.inputs = {{"trajectory", kRunFiles.trajectory_csv().string()}, {"kappa", options.kappa}};
  r.add("median |b - b_steady| in Phase 1", kNaN);
  r.add("end of Phase 1 (r <= kappa)", t1, "GD steps");
  r.tolerance = "median <= " + fmt(options.bias_tol) + " max(1, |b_steady|)";
  if (diffs.size() < 3) {
    r.verdict = Verdict::inconclusive;
    r.reason = "Phase 1 (until r <= kappa at t = " + fmt(t1) +
               ") has fewer than 3 logged steps past t = 10; a finer log (--every) settles it.";
    return r;
  }
  std::nth_element(diffs.begin(), diffs.begin() + static_cast<long>(diffs.size() / 2), diffs.end());
  const double median = diffs[diffs.size() / 2];
  r.measured.front().value = median;
  r.measured.front().note = "over " + std::to_string(diffs.size()) + " logged steps in [" +
                            fmt(t_from) + ", " + fmt(t1) + "]";
  r.verdict = median <= options.bias_tol * scale ? Verdict::holds : Verdict::fails;
  r.reason = "Over the second half of Phase 1 (t in [" + fmt(t_from) + ", " + fmt(t1) +
             "]) the GD bias is a median " + fmt(median) + " away from 1/2 log(A+/A-).";
  return r;
}

}  // namespace lingrok::checks
