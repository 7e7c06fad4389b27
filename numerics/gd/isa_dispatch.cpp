// The two compiled copies of the fast GD path's vector kernel and the choice between them
// (isa_dispatch.hpp). Compiled with -O3 -ffp-contract=off like gd_engine.cpp: no FMA but the
// ones gd_kernel.inc writes.
#include "numerics/gd/isa_dispatch.hpp"

#include <immintrin.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "numerics/gd/cody_waite.hpp"
#include "numerics/gd/screening.hpp"
#include "numerics/gd/simd8.hpp"

namespace lingrok::gd_detail {
namespace {

// Shortcut 3: E = E_r·e^{-Δ} by a polynomial while |Δ| ≤ kReuseSpan (gd_engine.cpp's file
// comment).
constexpr double kReuseSpan = 0x1p-7;

namespace kernel_avx2 {
#if defined(__clang__)  // clang-tidy, or a clang build
#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#endif
using Simd = simd::Avx2Lanes;
#include "numerics/gd/gd_kernel.inc"
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
}  // namespace kernel_avx2

namespace kernel_avx512 {
#if defined(__clang__)  // clang-tidy, or a clang build
#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx2,fma"))), \
                             apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx2,fma")
#endif
using Simd = simd::Avx512Lanes;
#include "numerics/gd/gd_kernel.inc"
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
}  // namespace kernel_avx512

}  // namespace

bool cpu_has_avx2_fma() {
  static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return ok;
}

bool cpu_has_avx512() {
  static const bool ok =
      cpu_has_avx2_fma() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  return ok;
}

// The kernel on the widest instruction set allowed (`avx512`) and present; both give the same
// bits.
KernelSums run_kernel(const CompactSet& a, const double* w, double b, bool logistic, int parity,
                      bool avx512, double* gw, double* scratch) {
  if (avx512 && cpu_has_avx512()) {
    return kernel_avx512::kernel(a, w, b, logistic, parity, gw, scratch);
  }
  return kernel_avx2::kernel(a, w, b, logistic, parity, gw, scratch);
}

bool vector_exp_batch(const double* x, double* out, std::size_t n) {
  if (cpu_has_avx512()) {
    kernel_avx512::exp_batch(x, out, n);
  } else if (cpu_has_avx2_fma()) {
    kernel_avx2::exp_batch(x, out, n);
  } else {
    return false;
  }
  return true;
}

}  // namespace lingrok::gd_detail
