// The regime diagnostics of a GD run (docs/checks.md#gd): the fraction of period-2 steps (an
// update reversing its direction, the large-step regime ηβ ≫ 2 of Theorem 4.1's premise) and
// the rounding check, which runs the fast double path and the plain long double computation
// (gd_reference.hpp) in lockstep and compares b and the Definition 3.4 first-reach times.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/json_number.hpp"
#include "numerics/gd/gd_reference.hpp"
#include "numerics/gd/simulation.hpp"

namespace lingrok {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double period2_fraction(const Trajectory& trajectory, double threshold) {
  const int ct = trajectory.column("t"), cc = trajectory.column("cos_update");
  if (ct < 0 || cc < 0) return kNan;
  long long total = 0, below = 0;
  for (const auto& r : trajectory.rows) {
    const double c = r[static_cast<std::size_t>(cc)];
    if (r[static_cast<std::size_t>(ct)] < 2 || !std::isfinite(c)) continue;
    ++total;
    below += c < threshold ? 1 : 0;
  }
  return total > 0 ? static_cast<double>(below) / static_cast<double>(total) : kNan;
}

RoundingCheck rounding_check(const DataBundle& data, const GdOptions& options, long long steps,
                             int per_decade, const DetectionOptions& detection) {
  RoundingCheck rc;
  rc.steps = steps;
  GdEngine fast(data.train, options);
  // The plain long double computation (gd_reference.hpp), every point every step. Points whose
  // weight underflows to 0 in long double (z > ~11400) add exactly +0 or -0 to the gradient,
  // which leaves it unchanged, so skipping them would give the same bits.
  const long double eta = options.eta;
  const VectorT<long double> y = data.train.y.cast<long double>();
  ReferenceGdState<long double> slow =
      reference_gd_start<long double>(data.train, options.w0, options.b0);
  const std::vector<long long> grid = log_grid(steps, per_decade, 0);
  std::vector<double> t_log;
  std::vector<std::vector<double>> acc_d(1 + data.tests.size()), acc_l(1 + data.tests.size());
  const auto record = [&](long long t) {
    t_log.push_back(static_cast<double>(t));
    Eigen::VectorXd wl(slow.w.size());
    for (Eigen::Index j = 0; j < wl.size(); ++j) wl(j) = static_cast<double>(slow.w(j));
    const double bl = static_cast<double>(slow.b);
    acc_d[0].push_back(accuracy(data.train, fast.w(), fast.b()));
    acc_l[0].push_back(accuracy(data.train, wl, bl));
    for (std::size_t k = 0; k < data.tests.size(); ++k) {
      acc_d[k + 1].push_back(accuracy(data.tests[k], fast.w(), fast.b()));
      acc_l[k + 1].push_back(accuracy(data.tests[k], wl, bl));
    }
  };
  std::size_t g = 0;
  if (!grid.empty() && grid[0] == 0) {
    record(0);
    g = 1;
  }
  for (long long t = 1; t <= steps; ++t) {
    fast.run_to(t);
    if (fast.diverged()) {
      rc.steps = t - 1;
      break;
    }
    reference_gd_step<long double>(data.train.X, y, eta, options.loss, options.reduction, slow);
    const long double bl = slow.b;
    const double diff = std::fabs(static_cast<double>(static_cast<long double>(fast.b()) - bl));
    const double scale = std::max(std::fabs(static_cast<double>(bl)), 1e-12);
    rc.max_rel_b_diff = std::max(rc.max_rel_b_diff, diff / scale);
    if (rc.first_b_divergence < 0 && diff > 1e-6 * scale) rc.first_b_divergence = t;
    if (g < grid.size() && grid[g] == t) {
      record(t);
      ++g;
    }
  }
  nlohmann::json fr = nlohmann::json::array();
  for (std::size_t k = 0; k < acc_d.size(); ++k) {
    const std::string name = k == 0 ? "train" : data.tests[k - 1].name;
    for (const double eps : detection.epsilons) {
      const double level_d = (1.0 - eps) * supremum(acc_d[k]);
      const double level_l = (1.0 - eps) * supremum(acc_l[k]);
      const double td = reach_time(t_log, acc_d[k], level_d, ReachKind::first);
      const double tl = reach_time(t_log, acc_l[k], level_l, ReachKind::first);
      bool agree;
      if (std::isnan(td) || std::isnan(tl)) {
        agree = std::isnan(td) && std::isnan(tl);
      } else {
        agree = std::fabs(td - tl) <= 0.1 * std::max(td, tl);
      }
      rc.first_reach_agree = rc.first_reach_agree && agree;
      fr.push_back({{"set", name},
                    {"epsilon", eps},
                    {"T_double", number_or_null(td)},
                    {"T_long_double", number_or_null(tl)},
                    {"agree", agree}});
    }
  }
  rc.first_reach = fr;
  return rc;
}

}  // namespace lingrok
