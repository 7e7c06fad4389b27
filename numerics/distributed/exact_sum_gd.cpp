// Gradient descent with exactly summed gradients, the same bits for any rank count
// (exact_sum_gd.hpp, docs/numerics.md#distributed-gd).
#include "numerics/distributed/exact_sum_gd.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/error.hpp"
#include "data/loss/loss.hpp"

namespace lingrok {

ExactSumGd::ExactSumGd(const Dataset& train, RowRange rows, const GdOptions& options,
                       Communicator& comm)
    : train_(train), rows_(rows), options_(options), comm_(comm) {
  options_.validate(train.dim());
  if (rows.begin < 0 || rows.end > train.size() || rows.begin > rows.end ||
      rows.begin % kExactSumBlockRows != 0) {
    throw InputError("distributed GD: rows [" + std::to_string(rows.begin) + ", " +
                     std::to_string(rows.end) + ") are not whole blocks of the " +
                     std::to_string(train.size()) + " training rows; use rank_rows()");
  }
  const int d = train.dim();
  state_.w = options.w0.size() == d ? options.w0 : Eigen::VectorXd::Zero(d);
  state_.b = options.b0;
  thread_acc_.assign(static_cast<std::size_t>(options.threads),
                     std::vector<ExactSum>(static_cast<std::size_t>(d) + 1));
  words_.resize((static_cast<std::size_t>(d) + 1) * ExactSum::kWords);
}

void ExactSumGd::restore(const ExactSumGdState& state) {
  if (state.w.size() != train_.dim()) {
    throw InputError("distributed GD: the restored w has dimension " +
                     std::to_string(state.w.size()) + ", the data " + std::to_string(train_.dim()));
  }
  state_ = state;
  diverged_ = false;
}

void ExactSumGd::run_to(long long t_end) {
  while (state_.t < t_end && !diverged_) step();
}

void ExactSumGd::accumulate_blocks(long long first_block, long long last_block,
                                   std::vector<ExactSum>& acc) const {
  const int d = train_.dim();
  const auto& X = train_.X;
  const auto& w = state_.w;
  const double b = state_.b;
  Eigen::VectorXd s(d);
  for (long long block = first_block; block < last_block; ++block) {
    const long long begin = rows_.begin + block * kExactSumBlockRows;
    const long long end = std::min(rows_.end, begin + kExactSumBlockRows);
    s.setZero();
    double s_b = 0.0;
    for (long long i = begin; i < end; ++i) {
      // The reference GD's expressions, in its order: f = b + Σ_j x_ij w_j, c = q_i y_i.
      double f = b;
      for (int j = 0; j < d; ++j) f += X(i, j) * w(j);
      const double y = train_.y(i);
      const double c = loss_weight(options_.loss, y * f) * y;
      for (int j = 0; j < d; ++j) s(j) += c * X(i, j);
      s_b += c;
    }
    for (int j = 0; j < d; ++j) acc[static_cast<std::size_t>(j)].add(s(j));
    acc[static_cast<std::size_t>(d)].add(s_b);
  }
}

void ExactSumGd::step() {
  const int d = train_.dim();
  const long long blocks = (rows_.size() + kExactSumBlockRows - 1) / kExactSumBlockRows;
  const auto threads = static_cast<long long>(thread_acc_.size());
  for (auto& acc : thread_acc_) {
    for (auto& a : acc) a.clear();
  }
  if (threads == 1 || blocks < 2) {
    accumulate_blocks(0, blocks, thread_acc_[0]);
  } else {
    std::vector<std::jthread> pool;
    for (long long k = 1; k < threads; ++k) {
      pool.emplace_back([this, k, blocks, threads] {
        accumulate_blocks(blocks * k / threads, blocks * (k + 1) / threads,
                          thread_acc_[static_cast<std::size_t>(k)]);
      });
    }
    accumulate_blocks(0, blocks / threads, thread_acc_[0]);
  }  // the jthreads join here

  // The rank's accumulators as normalized words, summed over ranks as integers.
  for (int j = 0; j <= d; ++j) {
    ExactSum total;
    for (const auto& acc : thread_acc_) total.add(acc[static_cast<std::size_t>(j)]);
    total.normalize();
    std::copy(total.words().begin(), total.words().end(),
              words_.begin() + static_cast<std::ptrdiff_t>(j) * ExactSum::kWords);
  }
  comm_.sum(words_);

  const double inv_n = 1.0 / static_cast<double>(train_.size());
  for (int j = 0; j <= d; ++j) {
    ExactSum total;
    std::copy_n(words_.begin() + static_cast<std::ptrdiff_t>(j) * ExactSum::kWords,
                ExactSum::kWords, total.words().begin());
    total.normalize();
    // ∇ = -Σ c_i x_i (÷ N): w <- w - η ∇.
    double grad = -total.round();
    if (options_.reduction == Reduction::mean) grad *= inv_n;
    if (j < d) {
      state_.w(j) = state_.w(j) - options_.eta * grad;
    } else {
      state_.b = state_.b - options_.eta * grad;
    }
  }
  ++state_.t;
  if (!state_.w.allFinite() || !std::isfinite(state_.b)) diverged_ = true;
}

}  // namespace lingrok
