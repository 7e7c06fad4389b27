// Deterministic random numbers. std::uniform_real_distribution is implementation-defined,
// so lingrok draws its uniforms itself from std::mt19937_64 (whose output sequence the
// C++ standard fixes): identical seeds give identical data on every platform.
#pragma once

#include <cstdint>
#include <random>

namespace lingrok {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform on [0, 1) with 53 random bits: k * 2^-53, k uniform in {0, ..., 2^53 - 1}.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  std::uint64_t next_u64() { return engine_(); }
  // An independent stream for a named purpose, derived from the seed (splitmix64 of seed+tag).
  static std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t tag) {
    std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (tag + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace lingrok
