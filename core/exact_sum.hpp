// Exact, order-independent summation of doubles (Kulisch's long accumulator;
// docs/numerics.md#exact-sum).
//
// Every finite double is an integer multiple of 2^-1074 of magnitude below 2^1024, so the sum of
// any number of them is an integer M times 2^-1074 that a fixed-point integer of about 2100 bits
// holds exactly. ExactSum keeps M in base-2^32 digits stored in int64 words: adding a double adds
// at most three digits (each < 2^32) to three words, so 2^30 additions fit before the carries
// have to be propagated. Because M is an integer, the result does not depend on the order of the
// additions or on how they are split between accumulators that are added together — in
// particular between MPI ranks that sum their words with integer addition (words(), then
// normalize()). round() returns M·2^-1074 correctly rounded to the nearest double (ties to even),
// a function of M alone.
//
// Cost: an add is a bit decomposition and three integer additions (no branch on the data beyond
// the exponent), about 2–3 ns; a merge or a reduction moves kWords 64-bit words.
#pragma once

#include <array>
#include <cstdint>

namespace lingrok {

class ExactSum {
 public:
  static constexpr int kDigitBits = 32;
  // Digits for bits 0 .. 2047+52 of M plus two of headroom for carries out of the top.
  static constexpr int kDigits = 68;
  // The digits, then the counts of NaN, +inf and -inf terms (IEEE semantics in round()).
  static constexpr int kWords = kDigits + 3;
  using Words = std::array<std::int64_t, kWords>;

  void add(double x);
  void add(const ExactSum& other);
  // Σ x_i correctly rounded to the nearest double; NaN if a term was NaN or both infinities
  // occurred, ±inf if one infinity occurred or the exact sum is beyond the double range.
  double round() const;

  // Propagates carries so that every digit but the top lies in [0, 2^32): the unique
  // representation of M. Call before handing words() to an integer all-reduce, and after it.
  void normalize();
  // The words, for an all-reduce with integer addition across P ranks (P < 2^30 after
  // normalize()): summing the words of normalized accumulators is adding the accumulators.
  Words& words() { return words_; }
  const Words& words() const { return words_; }

  void clear();

 private:
  Words words_{};
  std::int64_t pending_ = 0;  // additions since the last normalize()
};

}  // namespace lingrok
