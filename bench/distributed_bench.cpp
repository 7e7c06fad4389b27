// distributed_bench: the cost of distributed GD (numerics/distributed/exact_sum_gd.hpp) and a
// model of the paper's d = 1024 experiment (N = 10^6, 10^7 steps) on P nodes.
//   mpirun --allow-run-as-root --oversubscribe -n P build-bench/bench/distributed_bench [N] [d]
//   [steps]
// (defaults N = 20000, d = 1024, steps = 20; without mpirun it runs as one rank). Measures, on this
// machine: the step time per rank and its throughput in row·components per second, the all-reduce
// time of the (d + 1)·71 words of one step, and the share of a step spent in exact summation
// (the same pass with the block sums added in double instead). The projection is a model, not a
// measurement: per-node throughput as measured here with one rank, and an all-reduce over a
// network with latency alpha and bandwidth B per node (ring: 2 log2 P latencies, 2 (P-1)/P of
// the words through each node).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include "numerics/distributed/exact_sum_gd.hpp"

namespace {

using namespace lingrok;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

Dataset random_rows(long long n, int d) {
  std::mt19937_64 gen(1024);
  std::normal_distribution<double> normal;
  Dataset data;
  data.X.resize(n, d);
  data.y.resize(n);
  for (long long i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) data.X(i, j) = normal(gen);
    data.y(i) = data.X(i, 0) >= 0 ? 1.0 : -1.0;
    data.X(i, 0) += 0.05 * data.y(i);
  }
  return data;
}

}  // namespace

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::atoll(argv[1]) : 20000;
  const int d = argc > 2 ? std::atoi(argv[2]) : 1024;
  const long long steps = argc > 3 ? std::atoll(argv[3]) : 20;
  auto comm = make_world_communicator();
  const Dataset data = random_rows(n, d);
  const RowRange mine = rank_rows(n, comm->size(), comm->rank());
  GdOptions options;
  options.eta = 1e-4;
  ExactSumGd gd(data, mine, options, *comm);
  gd.run_to(1);  // first touch
  const auto t0 = Clock::now();
  gd.run_to(1 + steps);
  const double step_s = seconds_since(t0) / static_cast<double>(steps);

  // The all-reduce of one step's words alone.
  std::vector<std::int64_t> words((static_cast<std::size_t>(d) + 1) * ExactSum::kWords, 1);
  const int reps = 50;
  const auto t1 = Clock::now();
  for (int r = 0; r < reps; ++r) comm->sum(words);
  const double reduce_s = seconds_since(t1) / reps;

  // The exact additions alone: N/256 block sums per component.
  const long long blocks = (mine.size() + kExactSumBlockRows - 1) / kExactSumBlockRows;
  std::vector<ExactSum> acc(static_cast<std::size_t>(d) + 1);
  const auto t2 = Clock::now();
  for (long long s = 0; s < steps; ++s) {
    for (auto& a : acc) a.clear();
    for (long long k = 0; k < blocks; ++k) {
      for (auto& a : acc) a.add(1.0 + static_cast<double>(k) * 1e-3);
    }
    for (auto& a : acc) a.normalize();
  }
  const double exact_s = seconds_since(t2) / static_cast<double>(steps);

  if (comm->rank() != 0) return 0;
  const double rate = static_cast<double>(mine.size()) * d / step_s;  // row·components / s
  std::printf("distributed_bench: %s, N = %lld, d = %d, %lld steps, rows on rank 0: %lld\n",
              comm->describe().c_str(), n, d, steps, mine.size());
  std::printf("  step: %.4g s per step (%.3g row-components/s per rank, %.3g GB/s of data)\n",
              step_s, rate, rate * 8e-9);
  std::printf("  exact summation: %.3g s per step (%.2g%% of the step)\n", exact_s,
              100.0 * exact_s / step_s);
  std::printf("  all-reduce of %zu words (%.0f kB): %.3g s\n", words.size(),
              static_cast<double>(words.size()) * 8e-3, reduce_s);

  // Projection of the paper's d = 1024 experiment (model): every point every step.
  const double N_paper = 1e6;
  const double d_paper = 1024;
  const double steps_paper = 1e7;
  const double alpha = 5e-6;      // network latency per message (s)
  const double bandwidth = 1e10;  // bytes/s per node (100 Gb/s class)
  const double bytes = (d_paper + 1) * ExactSum::kWords * 8.0;
  std::printf(
      "  projection (model: per-node rate %.3g row-components/s as measured, network "
      "latency %.0g s, bandwidth %.0g B/s):\n",
      rate, alpha, bandwidth);
  std::printf("  %6s %14s %14s %12s\n", "P", "compute s/step", "reduce s/step", "10^7 steps");
  for (int P = 1; P <= 64; P *= 2) {
    const double compute = N_paper * d_paper / P / rate;
    const double reduce =
        P == 1 ? 0.0 : 2.0 * std::log2(P) * alpha + 2.0 * (P - 1) / P * bytes / bandwidth;
    const double total_h = steps_paper * (compute + reduce) / 3600.0;
    std::printf("  %6d %14.4g %14.4g %10.4g h\n", P, compute, reduce, total_h);
  }
  return 0;
}
