// Gradient descent whose gradient is summed exactly, so that its result is the same bits for any
// number of ranks (docs/numerics.md#distributed-gd):
//     (w, b) <- (w, b) - η ∇L,  ∇_w L = -Σ_i q_i y_i x_i,  ∂_b L = -Σ_i q_i y_i  (÷ N for mean),
// the iteration of the reference GD (numerics/gd/gd_reference.hpp) with its sums formed as
// follows: each block of kExactSumBlockRows consecutive rows (row_partition.hpp) is summed in
// double in row order, and the block sums are added exactly (core/exact_sum.hpp) and rounded once.
// A rank sums the blocks it owns, the ranks add their accumulators with an integer all-reduce
// (communicator.hpp), and every rank applies the same update. Nothing in that depends on how the
// blocks are split between ranks or threads, so `mpirun -n P` gives the same trajectory for every
// P, and a run checkpointed on one machine resumes on another with the same bytes.
//
// Every point is visited every step (none of the fast engine's screening, numerics/gd/gd.hpp):
// a step costs one pass over the rank's rows plus (d + 1)·N/256 exact additions and an all-reduce
// of (d + 1)·ExactSum::kWords 64-bit words.
#pragma once

#include <Eigen/Dense>

#include "core/exact_sum.hpp"
#include "data/dataset.hpp"
#include "numerics/distributed/communicator.hpp"
#include "numerics/distributed/row_partition.hpp"
#include "numerics/gd/gd.hpp"

namespace lingrok {

struct ExactSumGdState {
  long long t = 0;
  Eigen::VectorXd w;
  double b = 0.0;
};

class ExactSumGd {
 public:
  // `train` is the full training set (all ranks hold the same rows); this rank sums `rows`
  // (rank_rows(train.size(), comm.size(), comm.rank()) in a distributed run). `options` as for
  // the fast engine; `threads` splits this rank's blocks (the result does not depend on it);
  // `shortcuts` and `avx512` do not apply.
  ExactSumGd(const Dataset& train, RowRange rows, const GdOptions& options, Communicator& comm);

  // Advances to step t_end; stops early, with diverged() true, at a NaN or Inf parameter.
  void run_to(long long t_end);

  long long t() const { return state_.t; }
  const Eigen::VectorXd& w() const { return state_.w; }
  double b() const { return state_.b; }
  bool diverged() const { return diverged_; }
  const ExactSumGdState& state() const { return state_; }
  void restore(const ExactSumGdState& state);

 private:
  void step();
  // Adds the block sums of blocks [first_block, last_block) of this rank's rows to acc (d + 1).
  void accumulate_blocks(long long first_block, long long last_block,
                         std::vector<ExactSum>& acc) const;

  const Dataset& train_;
  RowRange rows_;
  GdOptions options_;
  Communicator& comm_;
  ExactSumGdState state_;
  bool diverged_ = false;
  std::vector<std::vector<ExactSum>> thread_acc_;  // per thread, d + 1 accumulators
  std::vector<std::int64_t> words_;  // (d + 1)·ExactSum::kWords, the all-reduce buffer
};

}  // namespace lingrok
