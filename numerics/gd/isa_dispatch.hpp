// Run-time choice of the fast GD path's vector kernel (gd_kernel.inc; gd_engine.cpp's file
// comment, shortcut 2): one copy compiled for AVX2+FMA and one for AVX-512, each called only on a
// CPU that has its features. Both perform the same IEEE operations in the same order, so they
// give the same bits.
#pragma once

#include <cstddef>

#include "numerics/gd/compact_set.hpp"

namespace lingrok::gd_detail {

bool cpu_has_avx2_fma();
bool cpu_has_avx512();  // AVX-512 F and DQ, and AVX2+FMA

// The kernel on the widest instruction set allowed (`avx512`) and present (AVX2 at least, which
// the caller checks): -Σ q y x into gw, the sums of KernelSums returned.
KernelSums run_kernel(const CompactSet& a, const double* w, double b, bool logistic, int parity,
                      bool avx512, double* gw, double* scratch);

// out[i] = e^{x[i]} by the vector kernel's exp; false, writing nothing, without AVX2.
bool vector_exp_batch(const double* x, double* out, std::size_t n);

}  // namespace lingrok::gd_detail
