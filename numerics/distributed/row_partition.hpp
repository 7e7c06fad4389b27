// How the training rows are split between ranks (docs/numerics.md#distributed-gd): into blocks of
// kExactSumBlockRows consecutive rows, numbered globally, and each rank takes a contiguous run of
// whole blocks. A block is summed in double in row order by whichever rank owns it, and block sums
// are added exactly (core/exact_sum.hpp), so the gradient does not depend on the number of ranks.
#pragma once

#include <algorithm>

namespace lingrok {

// Rows per block: the double partial sums run over this many rows, the exact accumulator over
// N / kExactSumBlockRows block sums per component, which keeps its cost a few percent of a step.
constexpr long long kExactSumBlockRows = 256;

struct RowRange {
  long long begin = 0;  // first row
  long long end = 0;    // one past the last row
  long long size() const { return end - begin; }
};

// The rows of rank `rank` out of `ranks` for n rows: whole blocks, the block counts of any two
// ranks differing by at most one.
inline RowRange rank_rows(long long n, int ranks, int rank) {
  const long long blocks = (n + kExactSumBlockRows - 1) / kExactSumBlockRows;
  const long long first = blocks * rank / ranks;
  const long long last = blocks * (rank + 1) / ranks;
  return {std::min(n, first * kExactSumBlockRows), std::min(n, last * kExactSumBlockRows)};
}

}  // namespace lingrok
