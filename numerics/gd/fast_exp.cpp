// fast_exp.hpp: the exponential of the fast GD path, by the widest vector kernel the CPU has
// (isa_dispatch.cpp), or by the same Cody–Waite reduction and Taylor polynomial in scalar code.
#include "numerics/gd/fast_exp.hpp"

#include <cmath>

#include "numerics/gd/cody_waite.hpp"
#include "numerics/gd/isa_dispatch.hpp"

namespace lingrok {
namespace {

using gd_detail::kInvFact;
using gd_detail::kLn2Hi;
using gd_detail::kLn2Lo;
using gd_detail::kLog2e;

double exp_scalar(double x) {
  if (x < -708.0) return 0.0;
  if (x > 709.78) return HUGE_VAL;
  const double k = std::nearbyint(x * kLog2e);
  double r = std::fma(-k, kLn2Hi, x);
  r = std::fma(-k, kLn2Lo, r);
  double p = kInvFact[0];
  for (int i = 1; i < 14; ++i) p = std::fma(p, r, kInvFact[i]);
  return std::ldexp(p, static_cast<int>(k));
}

}  // namespace

void fast_exp_batch(const double* x, double* out, std::size_t n) {
  if (!gd_detail::vector_exp_batch(x, out, n)) {
    for (std::size_t i = 0; i < n; ++i) out[i] = exp_scalar(x[i]);
  }
}

bool fast_gd_has_avx2() { return gd_detail::cpu_has_avx2_fma(); }
bool fast_gd_has_avx512() { return gd_detail::cpu_has_avx512(); }

}  // namespace lingrok
