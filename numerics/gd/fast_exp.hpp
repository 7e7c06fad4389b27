// The exponential the vector kernel of the fast GD path uses (gd_kernel.inc), exposed so that
// a test can measure its error against std::exp and expl.
//
// e^x = 2^k e^r with k = round(x / ln 2), r = x - k ln 2 (Cody–Waite, ln 2 split in two so
// that k·ln2_hi is exact), |r| ≤ ln(2)/2 ≈ 0.3466, and e^r from its Taylor polynomial of
// degree 13 in Horner form: truncation ≤ 0.3466^14/14! ≈ 4e-18 relative, so the result is
// within ~2 ulp of e^x (the test asserts ≤ 3 ulp over [-708, 709]). For x < -708 (results
// below 2^-1022, subnormal) it returns 0: an absolute error < 2.3e-308, which no weight in a
// gradient can notice; for x > 709.78 it returns +inf, as std::exp does.
#pragma once

#include <cstddef>

namespace lingrok {

// out[i] = e^{x[i]} for i < n, with the vector kernel's exp (scalar fallback without AVX2).
void fast_exp_batch(const double* x, double* out, std::size_t n);

// True if the CPU has AVX2 and FMA, which the vector kernel needs.
bool fast_gd_has_avx2();
// True if it also has AVX-512 (F and DQ): the kernel then uses 512-bit vectors, with the same
// results as on AVX2 (GdOptions::avx512).
bool fast_gd_has_avx512();

}  // namespace lingrok
