// A flow solution sampled on a time grid, shared by the full gradient flow (full_flow.hpp)
// and the coupled support-vector flow (coupled_flow.hpp). Times are GD steps t
// (docs/conventions.md#time-units).
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace lingrok {

template <class T>
struct FlowTrajectory {
  using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  std::vector<T> t;    // GD steps
  std::vector<Vec> w;  // the weight part of the state at each t (w for the full flow, ρ coupled)
  std::vector<T> b;    // the bias part (b, or β)
  std::string method;  // stepper and variables, in words
  double abs_tol = 0;
  double rel_tol = 0;
  // Estimated achieved error: max over the grid of ||x - x_ref||_inf / max(1, ||x_ref||_inf),
  // x = (w, b), x_ref from a second run at tighter tolerances (/ 1000 for the coupled flow, / 100
  // for the full flow, see full_flow.hpp). NaN when not estimated.
  double error_estimate = std::numeric_limits<double>::quiet_NaN();
  std::size_t steps = 0;  // accepted steps (first run)
};

// Max over the grid of ||x - x_ref||_inf / max(1, ||x_ref||_inf).
template <class T>
double max_relative_gap(const FlowTrajectory<T>& a, const FlowTrajectory<T>& ref) {
  using std::abs;
  double worst = 0;
  for (std::size_t i = 0; i < a.t.size() && i < ref.t.size(); ++i) {
    T scale = abs(ref.b[i]), diff = abs(a.b[i] - ref.b[i]);
    for (Eigen::Index j = 0; j < a.w[i].size(); ++j) {
      if (abs(ref.w[i](j)) > scale) scale = abs(ref.w[i](j));
      if (abs(a.w[i](j) - ref.w[i](j)) > diff) diff = abs(a.w[i](j) - ref.w[i](j));
    }
    if (scale < T(1)) scale = T(1);
    const double g = static_cast<double>(T(diff / scale));
    if (g > worst) worst = g;
  }
  return worst;
}

}  // namespace lingrok
