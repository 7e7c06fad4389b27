// The fast GD path's copy of the active set (gd_engine.cpp, shortcut 2 of its file comment, and
// docs/numerics.md#gd-engine): the layout the vector kernel (gd_kernel.inc) reads, the sums it
// returns, a slice of whole blocks for one thread, and cache-line aligned storage.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <new>
#include <vector>

namespace lingrok::gd_detail {

// Points per iteration of the vector kernel: three vectors of eight (the exp chains of three
// vectors overlap; measured with throwaway timings, not a benchmark).
constexpr long kLanes = 24;

// The compact active set, in blocks of kLanes points: the positive points first (pos_rows
// rows), then the negative ones, each class sorted by decreasing ||x̃_i|| and padded to a whole
// number of blocks, so that every block holds one label and points of similar norm. A block
// holds its d columns one after the other, kLanes values each, so that one iteration of the
// kernel reads one contiguous stretch of kLanes·d doubles (at d = 1024 a column-major copy would
// put every column on its own page, and the kernel would spend its time on TLB misses). The
// labels are folded in: yx = y·x (exact, y = ±1), so z = y(b + Σ x_j w_j) is computed as
// (y b) + Σ (y x_j) w_j, bit for bit the same (negation is exact and rounding is symmetric), and
// Σ q y as Σ_{y=+1} q - Σ_{y=-1} q. live = all bits set for a point and 0 for padding: in the
// last block of each class, the only one that can hold padding, the kernel ANDs q with it, so a
// padding row (yx = 0) adds exactly 0 to every sum. block_norm and block_norm2 are the largest
// ||x̃_i|| and ||x̃_i||² of each block's points, which bound the error-bound sums Σ q ||x̃|| and
// Σ c ||x̃||² per block. Raw pointers only: the kernels are compiled for AVX2 and AVX-512.
struct CompactSet {
  const double* yx;  // block k, column j, place m at yx[(k·d + j)·kLanes + m]
  const double* live;
  const double* block_norm;   // per block: max ||x̃_i||
  const double* block_norm2;  // per block: max ||x̃_i||²
  // Shortcut 3's references per parity of t: |z_r| (NaN: none yet) and E_r = e^{-|z_r|}.
  std::array<double*, 2> ref_z;
  std::array<double*, 2> ref_e;
  long rows;      // a multiple of kLanes
  long pos_rows;  // rows of the positive blocks, the first ones (a multiple of kLanes)
  int d;
};
struct KernelSums {
  double gb, h, s1;
};

// Rows [begin, begin + rows) of a compact set (begin and rows multiples of kLanes).
inline CompactSet slice(const CompactSet& a, long begin, long rows) {
  return {a.yx + begin * a.d,
          a.live + begin,
          a.block_norm + begin / kLanes,
          a.block_norm2 + begin / kLanes,
          {a.ref_z[0] + begin, a.ref_z[1] + begin},
          {a.ref_e[0] + begin, a.ref_e[1] + begin},
          rows,
          std::clamp(a.pos_rows - begin, 0L, rows),
          a.d};
}

// 64-byte aligned storage for the compact set, so that a 512-bit load of a block never
// straddles two cache lines.
template <class T>
struct CacheLineAllocator {
  using value_type = T;
  CacheLineAllocator() = default;
  template <class U>
  explicit CacheLineAllocator(const CacheLineAllocator<U>& /*other*/) {}
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64}));
  }
  void deallocate(T* p, std::size_t /*n*/) { ::operator delete (p, std::align_val_t{64}); }
  friend bool operator==(const CacheLineAllocator& /*a*/, const CacheLineAllocator& /*b*/) {
    return true;
  }
};
using AlignedDoubles = std::vector<double, CacheLineAllocator<double>>;

}  // namespace lingrok::gd_detail
