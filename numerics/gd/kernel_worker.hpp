// The thread hand-off of the fast GD path (GdOptions::threads; docs/numerics.md#gd-engine): with
// P threads the active set is cut into P slices of whole blocks, the engine's thread runs the
// first and one KernelWorker each of the others, and the P sums are added in a fixed order
// (gd_engine.cpp's file comment: P - 1 more roundings in the error bound).
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

#include "numerics/gd/compact_set.hpp"
#include "numerics/gd/isa_dispatch.hpp"

namespace lingrok::gd_detail {

// A thread that runs the kernel on one slice of the active set per step (GdOptions::threads).
// The hand-over is a counter each way, spun on: one cache-line round trip per step, some
// 150 ns on the 2-core machine (bench/core_round_trip_bench), against about 1.6 µs for the
// whole step of the paper's d = 2 run. A worker that has waited some 30 µs without work (the
// engine is logging, or idle between run_to calls) sleeps on the counter (a futex) instead, and
// post() wakes it. The slice, w and b are read only between post() and the matching wait(): the
// engine changes none of them in that time. (The padding that clang-tidy reports is on
// purpose: it keeps the lines that the two threads write apart.)
class KernelWorker {  // NOLINT(clang-analyzer-optin.performance.Padding)
 public:
  KernelWorker(int d, bool avx512)
      : d_(d),
        avx512_(avx512),
        gw_(static_cast<std::size_t>(d)),
        scratch_(static_cast<std::size_t>(8 * d)) {
    thread_ = std::thread([this] { loop(); });
  }
  ~KernelWorker() {
    job_.stop = true;
    post_signal();
    thread_.join();
  }
  KernelWorker(const KernelWorker&) = delete;
  KernelWorker& operator=(const KernelWorker&) = delete;

  void post(const CompactSet& part, const double* w, double b, bool logistic, int parity) {
    if (!same(part, part_)) part_ = part;  // written only when the active set changed
    job_.w = w;
    if (d_ <= kInline) std::copy(w, w + d_, job_.w_inline.begin());
    job_.b = b;
    job_.logistic = logistic;
    job_.parity = parity;
    post_signal();
  }
  // Waits for the posted slice; its -Σ q y x is then in gw().
  KernelSums wait() {
    const std::uint32_t want = job_.posted.load(std::memory_order_relaxed);
    for (long spins = 0; result_.done.load(std::memory_order_acquire) != want; ++spins) {
      if (spins > kSpinsBeforeYield) std::this_thread::yield();  // the worker lost its core
    }
    return result_.sums;
  }
  const double* gw() const { return d_ <= kInline ? result_.gw_inline.data() : gw_.data(); }

 private:
  static constexpr long kSpinsBeforeSleep = 1L << 15;
  static constexpr long kSpinsBeforeYield = 1L << 14;
  static constexpr int kInline = 4;  // w and the gradient travel inside the two lines for d ≤ 4

  static bool same(const CompactSet& a, const CompactSet& b) {
    return a.yx == b.yx && a.live == b.live && a.block_norm == b.block_norm &&
           a.block_norm2 == b.block_norm2 && a.ref_z == b.ref_z && a.ref_e == b.ref_e &&
           a.rows == b.rows && a.pos_rows == b.pos_rows && a.d == b.d;
  }

  // seq_cst on both sides: either post_signal() sees `sleeping` (and wakes the worker), or the
  // worker's wait() sees the new count (and does not block).
  void post_signal() {
    job_.posted.fetch_add(1, std::memory_order_seq_cst);
    if (result_.sleeping.load(std::memory_order_seq_cst)) job_.posted.notify_one();
  }

  void loop() {
    std::uint32_t seen = 0;
    for (;;) {
      std::uint32_t now = 0;
      for (long spins = 0; (now = job_.posted.load(std::memory_order_acquire)) == seen; ++spins) {
        if (spins < kSpinsBeforeSleep) continue;
        result_.sleeping.store(true, std::memory_order_seq_cst);
        job_.posted.wait(seen, std::memory_order_seq_cst);
        result_.sleeping.store(false, std::memory_order_relaxed);
        spins = 0;
      }
      seen = now;
      if (job_.stop) return;
      const bool small = d_ <= kInline;
      result_.sums = run_kernel(part_, small ? job_.w_inline.data() : job_.w, job_.b, job_.logistic,
                                job_.parity, avx512_, small ? result_.gw_inline.data() : gw_.data(),
                                scratch_.data());
      result_.done.store(now, std::memory_order_release);
    }
  }

  // What the engine's thread writes each step and what the worker writes lie on one cache line
  // each, so that a step moves one line each way: the count, w and b one way, the count, the
  // sums and the gradient the other (for d ≤ 4; above that w and the gradient add their own).
  struct alignas(64) Job {
    std::atomic<std::uint32_t> posted{0};
    bool stop = false;
    bool logistic = true;
    int parity = 0;
    double b = 0.0;
    const double* w = nullptr;
    std::array<double, kInline> w_inline{};
  };
  struct alignas(64) Result {
    std::atomic<std::uint32_t> done{0};
    std::atomic<bool> sleeping{false};
    KernelSums sums{};
    std::array<double, kInline> gw_inline{};
  };
  int d_;
  bool avx512_;
  Job job_;
  Result result_;
  alignas(64) CompactSet part_{};
  std::vector<double> gw_, scratch_;
  std::thread thread_;
};

}  // namespace lingrok::gd_detail
