// The packed-panel kernel Σ_k a_k a_kᵀ behind theory/'s large Gram matrices (gram_kernel.hpp).
#include "theory/gram_kernel.hpp"

#include <algorithm>
#include <stdexcept>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace lingrok {

#if defined(__x86_64__)
bool cpu_has_avx_fma() {
  static const bool ok = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
  return ok;
}

// A 6 x 8 tile of C is held in twelve AVX registers while k runs over the block (12 FMAs per
// 8 loads; twelve independent accumulators keep both FMA pipes busy through the FMA latency).
// Row i of C is column i of the block, in panel i / 8 at offset i % 8.
__attribute__((target("avx,fma"))) void add_gram_packed_avx(const double* pack, Eigen::Index m,
                                                            Eigen::Index dp, double* C) {
  const Eigen::Index np = dp / 8;
  for (Eigen::Index jp = 0; jp < np; ++jp) {
    const double* bj = pack + gram_pack_index(jp, 0, 0);
    for (Eigen::Index i0 = jp * 8; i0 < dp; i0 += 6) {
      // Rows i0 .. i0 + 5 of C (past dp the last row is read again and not stored).
      const double* a[6];
      for (Eigen::Index r = 0; r < 6; ++r) {
        const Eigen::Index i = std::min(i0 + r, dp - 1);
        a[r] = pack + gram_pack_index(i / 8, 0, i % 8);
      }
      // Loops over the six rows with constant bounds: unrolled, the accumulators stay in
      // registers.
      __m256d acc[6][2];
      for (auto& row : acc) row[0] = row[1] = _mm256_setzero_pd();
      for (Eigen::Index k = 0; k < 8 * m; k += 8) {
        const __m256d b0 = _mm256_loadu_pd(bj + k);
        const __m256d b1 = _mm256_loadu_pd(bj + k + 4);
        for (int r = 0; r < 6; ++r) {
          const __m256d x = _mm256_broadcast_sd(a[r] + k);
          acc[r][0] = _mm256_fmadd_pd(x, b0, acc[r][0]);
          acc[r][1] = _mm256_fmadd_pd(x, b1, acc[r][1]);
        }
      }
      for (Eigen::Index r = 0; r < 6 && i0 + r < dp; ++r) {
        double* c = C + (i0 + r) * dp + jp * 8;
        _mm256_storeu_pd(c, _mm256_add_pd(_mm256_loadu_pd(c), acc[r][0]));
        _mm256_storeu_pd(c + 4, _mm256_add_pd(_mm256_loadu_pd(c + 4), acc[r][1]));
      }
    }
  }
}
#else
bool cpu_has_avx_fma() { return false; }

void add_gram_packed_avx(const double*, Eigen::Index, Eigen::Index, double*) {
  throw std::logic_error("add_gram_packed_avx needs an x86-64 CPU with AVX and FMA");
}
#endif

}  // namespace lingrok
