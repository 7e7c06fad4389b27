// The default time grid of the bias ODE (`lingrok integrate --which bias` without --grid;
// docs/theory.md#bias-ode). The closed form b(t) = b∞ - 2 artanh(r e^{-g}),
// g(t) = 2ck log(t/t0) (Theorem 4.5, docs/theory.md#closed-form-bias), moves on the scale
// g ~ 1: it switches from b0 to b∞ around g ≈ 1 and is within 2e^{-g} of b∞ after. A grid
// log-spaced in t alone misses this transient when 2ck is large: for the literal family
// (2ck ≈ 4e6) the whole switch lies in t - t0 < 1e-5 t0, before the second point of a 50-per-
// decade grid (t = 1.047 t0). So the default grid adds points log-spaced in g over
// [kBiasTransientGMin, kBiasTransientGMax], `per_decade` per decade of g: dense in log(t/t0)
// near t0 (log(t/t0) = g/(2ck)) and across the switch. Beyond g = 100 the solution is within
// 2e^{-100} < 1e-43 of b∞, the integrator's default tolerance: nothing is left to resolve.
#pragma once

#include <vector>

namespace lingrok {

inline constexpr double kBiasTransientGMin = 1e-3;
inline constexpr double kBiasTransientGMax = 100;

// Times t0 e^{g/(2ck)} for g log-spaced over [kBiasTransientGMin, kBiasTransientGMax]
// (both ends, `per_decade` per decade), those in (t0, t_end]; ascending, without duplicates
// (where 2ck is so large that neighbouring g round to the same double t). two_ck = 2ck > 0.
std::vector<double> bias_transient_times(double t0, double two_ck, double t_end, int per_decade);

// The sorted union of two ascending grids, without duplicates.
std::vector<double> merge_time_grids(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace lingrok
