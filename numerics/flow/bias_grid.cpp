// The default time grid of the bias ODE, log-spaced in t and in g (bias_grid.hpp,
// docs/theory.md#bias-ode).
#include "numerics/flow/bias_grid.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>

namespace lingrok {

std::vector<double> bias_transient_times(double t0, double two_ck, double t_end, int per_decade) {
  if (!(t0 > 0) || !(two_ck > 0) || !(t_end >= t0) || per_decade < 1)
    throw std::invalid_argument(
        "bias_transient_times: needs t0 > 0, 2ck > 0, t_end >= t0 and per_decade >= 1");
  const double lo = std::log10(kBiasTransientGMin);
  const double hi = std::log10(kBiasTransientGMax);
  const long n = std::lround((hi - lo) * per_decade);
  std::vector<double> out;
  for (long i = 0; i <= n; ++i) {
    const double g =
        std::pow(10.0, lo + (hi - lo) * static_cast<double>(i) / static_cast<double>(n));
    // t0 e^{g/2ck} with expm1, so that t - t0 keeps its digits when g/2ck is tiny.
    const double t = t0 + t0 * std::expm1(g / two_ck);
    if (!(t > t0) || t > t_end) continue;
    if (out.empty() || t > out.back()) out.push_back(t);
  }
  return out;
}

std::vector<double> merge_time_grids(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out;
  out.reserve(a.size() + b.size());
  std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace lingrok
