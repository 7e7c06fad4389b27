// The long accumulator of exact_sum.hpp: adding doubles into base-2^32 digits and rounding the
// exact sum once (docs/numerics.md#exact-sum).
#include "core/exact_sum.hpp"

#include <bit>
#include <cmath>
#include <limits>

namespace lingrok {

namespace {

constexpr std::uint64_t kDigitMask = 0xffffffffULL;
constexpr int kNan = ExactSum::kDigits;
constexpr int kPosInf = ExactSum::kDigits + 1;
constexpr int kNegInf = ExactSum::kDigits + 2;
constexpr std::int64_t kMaxPending = std::int64_t{1} << 30;

// The 64 bits of M starting at bit `lo` ≥ 0 (digits normalized and non-negative).
std::uint64_t bits_from(const ExactSum::Words& d, int lo) {
  const int k = lo / ExactSum::kDigitBits;
  const int o = lo % ExactSum::kDigitBits;
  auto digit = [&](int i) -> std::uint64_t {
    return i < ExactSum::kDigits ? static_cast<std::uint64_t>(d[static_cast<std::size_t>(i)]) : 0;
  };
  const std::uint64_t low = digit(k) | (digit(k + 1) << 32);
  const std::uint64_t high = o == 0 ? 0 : digit(k + 2) << (64 - o);
  return (low >> o) | high;
}

// Whether any bit of M below bit `lo` is set.
bool any_bit_below(const ExactSum::Words& d, int lo) {
  const int k = lo / ExactSum::kDigitBits;
  const int o = lo % ExactSum::kDigitBits;
  for (int i = 0; i < k; ++i) {
    if (d[static_cast<std::size_t>(i)] != 0) return true;
  }
  const auto partial = static_cast<std::uint64_t>(d[static_cast<std::size_t>(k)]);
  return (partial & ((std::uint64_t{1} << o) - 1)) != 0;
}

}  // namespace

void ExactSum::add(double x) {
  const auto bits = std::bit_cast<std::uint64_t>(x);
  const bool negative = (bits >> 63) != 0;
  const int biased_exponent = static_cast<int>((bits >> 52) & 0x7ff);
  std::uint64_t m = bits & ((std::uint64_t{1} << 52) - 1);
  if (biased_exponent == 0x7ff) {
    ++words_[m != 0 ? kNan : (negative ? kNegInf : kPosInf)];
    return;
  }
  // x = m·2^shift·2^-1074: subnormals have shift 0, normals the hidden bit and shift e - 1.
  int shift = 0;
  if (biased_exponent > 0) {
    m |= std::uint64_t{1} << 52;
    shift = biased_exponent - 1;
  }
  if (m == 0) return;
  const int k = shift / kDigitBits;
  const int o = shift % kDigitBits;
  const std::uint64_t low = m << o;                       // bits 0..63 of m·2^o
  const std::uint64_t high = o == 0 ? 0 : m >> (64 - o);  // bits 64..84 (m < 2^53)
  const auto d0 = static_cast<std::int64_t>(low & kDigitMask);
  const auto d1 = static_cast<std::int64_t>(low >> 32);
  const auto d2 = static_cast<std::int64_t>(high);
  auto* w = words_.data() + k;
  if (negative) {
    w[0] -= d0;
    w[1] -= d1;
    w[2] -= d2;
  } else {
    w[0] += d0;
    w[1] += d1;
    w[2] += d2;
  }
  if (++pending_ >= kMaxPending) normalize();
}

void ExactSum::add(const ExactSum& other) {
  for (std::size_t i = 0; i < words_.size(); ++i) words_[i] += other.words_[i];
  // A normalized accumulator's digits are below 2^32, like one addition's: it counts at least 1.
  pending_ += other.pending_ > 0 ? other.pending_ : 1;
  if (pending_ >= kMaxPending) normalize();
}

void ExactSum::normalize() {
  for (int i = 0; i + 1 < kDigits; ++i) {
    auto& digit = words_[static_cast<std::size_t>(i)];
    const std::int64_t carry = digit >> kDigitBits;  // floor(digit / 2^32) (C++20: arithmetic)
    digit &= static_cast<std::int64_t>(kDigitMask);
    words_[static_cast<std::size_t>(i) + 1] += carry;
  }
  pending_ = 1;
}

void ExactSum::clear() {
  words_.fill(0);
  pending_ = 0;
}

double ExactSum::round() const {
  if (words_[kNan] > 0 || (words_[kPosInf] > 0 && words_[kNegInf] > 0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (words_[kPosInf] > 0) return std::numeric_limits<double>::infinity();
  if (words_[kNegInf] > 0) return -std::numeric_limits<double>::infinity();

  ExactSum a = *this;
  a.normalize();
  auto& d = a.words_;
  const bool negative = d[kDigits - 1] < 0;
  if (negative) {  // |M| = -M, again in normalized digits
    for (int i = 0; i < kDigits; ++i)
      d[static_cast<std::size_t>(i)] = -d[static_cast<std::size_t>(i)];
    a.normalize();
  }
  int h = kDigits - 1;
  while (h >= 0 && d[static_cast<std::size_t>(h)] == 0) --h;
  if (h < 0) return 0.0;
  const auto top = static_cast<std::uint32_t>(d[static_cast<std::size_t>(h)]);
  const int p = kDigitBits * h + (31 - std::countl_zero(top));  // |M| ∈ [2^p, 2^{p+1})

  double magnitude = 0.0;
  if (p < 53) {
    // |M| < 2^53: exact in a double, and |M|·2^-1074 is representable (subnormal or the
    // smallest binade of normals).
    magnitude = std::ldexp(static_cast<double>(bits_from(d, 0)), -1074);
  } else {
    // The 64 bits from p - 63 down, rounded to 53 at bit 11 with a sticky bit for the rest.
    // |M|·2^-1074 ≥ 2^-1021 is normal, so 53 bits is the precision that applies.
    const int lo = p - 63;
    std::uint64_t head = 0;
    bool sticky = false;
    if (lo >= 0) {
      head = bits_from(d, lo);
      sticky = any_bit_below(d, lo);
    } else {
      head = bits_from(d, 0) << (-lo);
    }
    std::uint64_t keep = head >> 11;
    const std::uint64_t rest = head & 0x7ff;
    if (rest > 0x400 || (rest == 0x400 && (sticky || (keep & 1) != 0))) ++keep;
    magnitude = std::ldexp(static_cast<double>(keep), lo + 11 - 1074);  // inf beyond the range
  }
  return negative ? -magnitude : magnitude;
}

}  // namespace lingrok
