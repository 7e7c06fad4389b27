// What one exchange between two cores costs on this machine, against the GD step.
// Splitting a step's points over two threads needs, every step, the new (w, b) handed to the
// second thread and its partial gradient handed back: one round trip of a cache line each way.
// This bench ping-pongs a counter between two threads spinning on atomics (the cheapest such
// hand-over there is, without a barrier's bookkeeping) and prints the best and the median round
// trip over `rounds` batches; the split pays only if that is well below half a step.
//   build-bench/bench/core_round_trip_bench [round_trips_per_batch] [batches]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <thread>
#include <vector>

namespace {

// Each counter on its own cache line, so that the two threads do not share a line by accident.
struct alignas(64) Counter {
  std::atomic<long> value{0};
};

}  // namespace

int main(int argc, char** argv) {
  const long per_batch = argc > 1 ? std::atol(argv[1]) : 200000;
  const int batches = argc > 2 ? std::atoi(argv[2]) : 9;
  if (per_batch <= 0 || batches <= 0) {
    std::cerr << "usage: core_round_trip_bench [round_trips_per_batch > 0] [batches > 0]\n";
    return 2;
  }
  if (std::thread::hardware_concurrency() < 2) {
    std::cerr << "core_round_trip_bench: this machine has one core; nothing to measure\n";
    return 2;
  }
  Counter ping, pong;
  const long total = per_batch * batches;
  std::thread echo([&] {
    for (long i = 1; i <= total; ++i) {
      while (ping.value.load(std::memory_order_acquire) != i) {
      }
      pong.value.store(i, std::memory_order_release);
    }
  });
  std::vector<double> ns;
  long i = 0;
  for (int b = 0; b < batches; ++b) {
    const auto t0 = std::chrono::steady_clock::now();
    for (long k = 0; k < per_batch; ++k) {
      ++i;
      ping.value.store(i, std::memory_order_release);
      while (pong.value.load(std::memory_order_acquire) != i) {
      }
    }
    const std::chrono::duration<double, std::nano> dt = std::chrono::steady_clock::now() - t0;
    ns.push_back(dt.count() / static_cast<double>(per_batch));
  }
  echo.join();
  std::sort(ns.begin(), ns.end());
  std::cout << "round trip between two threads: best " << ns.front() << " ns, median "
            << ns[ns.size() / 2] << " ns (" << batches << " batches of " << per_batch << ")\n";
  return 0;
}
