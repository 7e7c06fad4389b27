// Σ_k a_k a_kᵀ over a block of rows packed in column panels: the one inner kernel behind the
// large Gram matrices of theory/ (Σ x̃ x̃ᵀ for β in smoothness.cpp, the interior-point Newton
// matrix I + Zᵀ Θ Z in svm/interior_point.cpp). The callers pack; the kernel multiplies.
#pragma once

#include <Eigen/Core>

namespace lingrok {

// Rows per packed block (a block of 512 rows of 1032 columns is 4 MB).
constexpr Eigen::Index kGramBlock = 512;

// Panel layout of a block of m <= kGramBlock rows a_0 .. a_{m-1} with dp columns (dp a
// multiple of 8, zero-padded): pack[p * kGramBlock * 8 + 8 k + c] = a_k[8 p + c].
inline Eigen::Index gram_pack_index(Eigen::Index p, Eigen::Index k, Eigen::Index c) {
  return p * kGramBlock * 8 + 8 * k + c;
}

// True when the CPU runs AVX and FMA instructions (x86-64 only).
bool cpu_has_avx_fma();

// Adds Σ_{k<m} a_k a_kᵀ into C (dp × dp, row-major) on and below the diagonal (entries above
// it in the 8-wide diagonal tiles are written too and are to be ignored). Each entry is summed
// over k in order, so the tile shape does not change the result. Needs cpu_has_avx_fma().
void add_gram_packed_avx(const double* pack, Eigen::Index m, Eigen::Index dp, double* C);

}  // namespace lingrok
