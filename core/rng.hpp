// Deterministic random numbers. The standard library's distributions are
// implementation-defined, so lingrok draws its uniforms itself, from xoshiro256++
// (Blackman & Vigna, 2019) seeded through splitmix64: identical seeds give identical data on
// every platform and compiler. xoshiro256++ is ~2x faster than std::mt19937_64, which matters
// for the d = 1024 samplers (billions of draws).
#pragma once

#include <cstdint>

namespace lingrok {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto& s : s_) s = splitmix64(x);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[0] + s_[3], 23) + s_[0];
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform on [0, 1) with 53 random bits: k * 2^-53, k uniform in {0, ..., 2^53 - 1}.
  double uniform01() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform on [lo, hi).
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  // Uniform integer in {0, ..., n - 1}, n >= 1, without modulo bias (rejection).
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t r = next_u64();
    while (r >= limit) r = next_u64();
    return r % n;
  }

  // An independent stream for a named purpose: Rng(derive_seed(seed, tag)).
  static std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t tag) {
    std::uint64_t x = seed ^ (0xD1B54A32D192ED03ULL * (tag + 1));
    return splitmix64(x);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
};

}  // namespace lingrok
