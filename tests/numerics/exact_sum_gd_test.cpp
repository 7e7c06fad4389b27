// Distributed GD with exactly summed gradients (numerics/distributed/exact_sum_gd.hpp): the same
// bits for every number of ranks and threads — ranks simulated here by threads that all-reduce
// through a shared buffer, a stand-in for MPI with the same integer-sum contract — and the
// reference iteration's trajectory to rounding (against run_reference_gd<long double>).
#define BOOST_TEST_MODULE numerics_exact_sum_gd
#include <barrier>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "numerics/distributed/exact_sum_gd.hpp"
#include "numerics/gd/gd_reference.hpp"

namespace {

using namespace lingrok;

// Gaussian points labelled by a random hyperplane through the origin, pushed off it by 0.1:
// a separable set from a generator that is not lingrok's.
Dataset separable_set(int n, int d, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> normal;
  Eigen::VectorXd u(d);
  for (int j = 0; j < d; ++j) u(j) = normal(gen);
  u.normalize();
  Dataset data;
  data.name = "train";
  data.X.resize(n, d);
  data.y.resize(n);
  for (int i = 0; i < n; ++i) {
    Eigen::VectorXd x(d);
    for (int j = 0; j < d; ++j) x(j) = normal(gen);
    const double side = x.dot(u) >= 0 ? 1.0 : -1.0;
    x += 0.1 * side * u;
    data.X.row(i) = x.transpose();
    data.y(i) = side;
  }
  return data;
}

// P ranks as threads: sum() adds every member's words into a shared total and hands it back.
class ThreadGroup {
 public:
  explicit ThreadGroup(int P) : P_(P), barrier_(P) {}
  class Member final : public Communicator {
   public:
    Member(ThreadGroup& g, int rank) : g_(g), rank_(rank) {}
    int rank() const override { return rank_; }
    int size() const override { return g_.P_; }
    std::string describe() const override { return "threads"; }
    void sum(std::span<std::int64_t> words) override {
      if (rank_ == 0) g_.total_.assign(words.size(), 0);
      g_.barrier_.arrive_and_wait();
      {
        std::lock_guard lock(g_.mutex_);
        for (std::size_t k = 0; k < words.size(); ++k) g_.total_[k] += words[k];
      }
      g_.barrier_.arrive_and_wait();
      std::copy(g_.total_.begin(), g_.total_.end(), words.begin());
      g_.barrier_.arrive_and_wait();
    }

   private:
    ThreadGroup& g_;
    int rank_;
  };

 private:
  int P_;
  std::barrier<> barrier_;
  std::mutex mutex_;
  std::vector<std::int64_t> total_;
};

struct Snapshot {
  std::vector<std::uint64_t> bits;  // w then b, as bit patterns, at every observed step
};

// Runs `steps` steps on P thread-ranks (each with `threads` threads), observing every 25 steps;
// every rank must hold the same state, and rank 0's is returned.
Snapshot run_on(const Dataset& data, int P, int threads, const GdOptions& base, long long steps) {
  GdOptions options = base;
  options.threads = threads;
  ThreadGroup group(P);
  std::vector<Snapshot> per_rank(static_cast<std::size_t>(P));
  std::vector<std::thread> ranks;
  for (int r = 0; r < P; ++r) {
    ranks.emplace_back([&, r] {
      ThreadGroup::Member comm(group, r);
      ExactSumGd gd(data, rank_rows(data.size(), P, r), options, comm);
      auto& snap = per_rank[static_cast<std::size_t>(r)];
      for (long long t = 25; t <= steps; t += 25) {
        gd.run_to(t);
        for (int j = 0; j < data.dim(); ++j)
          snap.bits.push_back(std::bit_cast<std::uint64_t>(gd.w()(j)));
        snap.bits.push_back(std::bit_cast<std::uint64_t>(gd.b()));
      }
    });
  }
  for (auto& t : ranks) t.join();
  for (const auto& s : per_rank) BOOST_REQUIRE(s.bits == per_rank[0].bits);
  return per_rank[0];
}

}  // namespace

BOOST_AUTO_TEST_CASE(rank_rows_are_whole_blocks_covering_every_row_once) {
  for (long long n : {1LL, 255LL, 256LL, 257LL, 3000LL, 100000LL}) {
    for (int P = 1; P <= 9; ++P) {
      long long next = 0;
      for (int r = 0; r < P; ++r) {
        const auto rows = rank_rows(n, P, r);
        BOOST_TEST(rows.begin == next);
        BOOST_TEST((rows.begin % kExactSumBlockRows == 0 || rows.begin == n));
        next = rows.end;
      }
      BOOST_TEST(next == n);
    }
  }
}

BOOST_AUTO_TEST_CASE(same_bits_for_every_rank_and_thread_count) {
  const Dataset data = separable_set(3000, 5, 11);  // 12 blocks
  for (Reduction reduction : {Reduction::sum, Reduction::mean}) {
    GdOptions options;
    options.eta = reduction == Reduction::sum ? 1e-3 : 1.0;
    options.reduction = reduction;
    const Snapshot one = run_on(data, 1, 1, options, 200);
    BOOST_TEST(one.bits.size() == 8u * 6u);
    for (auto [P, threads] : {std::pair{2, 1}, {3, 1}, {4, 2}, {5, 1}, {12, 1}, {1, 3}}) {
      const Snapshot other = run_on(data, P, threads, options, 200);
      BOOST_TEST((other.bits == one.bits), "P = " << P << ", threads = " << threads);
    }
  }
}

BOOST_AUTO_TEST_CASE(follows_the_reference_iteration_to_rounding) {
  const Dataset data = separable_set(1000, 4, 5);
  GdOptions options;
  options.eta = 1e-3;
  SingleProcess comm;
  ExactSumGd gd(data, rank_rows(data.size(), 1, 0), options, comm);
  gd.run_to(500);
  const auto ref = run_reference_gd<long double>(data, 1e-3L, 500, Loss::logistic, Reduction::sum);
  double worst = 0.0;
  for (int j = 0; j < data.dim(); ++j) {
    worst = std::max(worst, std::abs(gd.w()(j) - static_cast<double>(ref.w(j))) /
                                std::abs(static_cast<double>(ref.w(j))));
  }
  BOOST_TEST(worst < 1e-12);
  BOOST_TEST(std::abs(gd.b() - static_cast<double>(ref.b)) < 1e-12 * (1.0 + std::abs(gd.b())));
  BOOST_TEST(gd.t() == 500);
}

BOOST_AUTO_TEST_CASE(rows_that_are_not_whole_blocks_are_refused) {
  const Dataset data = separable_set(600, 2, 3);
  SingleProcess comm;
  GdOptions options;
  BOOST_CHECK_THROW(ExactSumGd(data, RowRange{100, 600}, options, comm), InputError);
  BOOST_CHECK_THROW(ExactSumGd(data, RowRange{0, 700}, options, comm), InputError);
}
