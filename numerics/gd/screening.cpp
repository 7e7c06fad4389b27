// Screening of the fast GD path (screening.hpp). Compiled like gd_engine.cpp (-O3
// -ffp-contract=off): the margins are the plain computation's, bit for bit.
#include "numerics/gd/screening.hpp"

#include <algorithm>
#include <cmath>

namespace lingrok::gd_detail {

double screening_slack(double r_tilde, const Eigen::VectorXd& last_update) {
  double slack = kScreenSlack;
  if (last_update.size() > 0) {
    slack = std::max(slack, kSlackPerStep * r_tilde * last_update.norm());
  }
  return slack;
}

double screen_active(const Dataset& train, const Eigen::VectorXd& w, double b, double slack,
                     double x_l1_max, bool shortcuts, std::vector<long long>& active) {
  const int d = train.dim();
  const Eigen::Index n = train.size();
  active.clear();
  const double theta_inf = std::max(w.size() ? w.cwiseAbs().maxCoeff() : 0.0, std::fabs(b));
  const double rounding = 2.0 * (d + 2) * kUnit * x_l1_max * theta_inf;
  const bool can_screen = shortcuts && rounding < 1.0;
  const auto& X = train.X;
  for (Eigen::Index i = 0; i < n; ++i) {
    double f = b;
    for (int j = 0; j < d; ++j) f += X(i, j) * w(j);
    const double z = train.y(i) * f;
    if (!can_screen || !(z > kSkipMargin + slack)) active.push_back(i);
  }
  return rounding;
}

}  // namespace lingrok::gd_detail
