// ExactSum against MPFR at 2400 bits (exact for these sums: every term is a multiple of 2^-1074
// below 2^1024, so 2098 + log2(n) bits hold the sum) rounded by mpfr_get_d, which shares no code
// with it; and its independence of order and of splitting into merged or all-reduced parts.
#define BOOST_TEST_MODULE core_exact_sum
#include <mpfr.h>

#include <algorithm>
#include <bit>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "core/exact_sum.hpp"

namespace {

using lingrok::ExactSum;

double exact_sum(const std::vector<double>& xs) {
  ExactSum s;
  for (double x : xs) s.add(x);
  return s.round();
}

double mpfr_sum(const std::vector<double>& xs) {
  mpfr_t acc;
  mpfr_init2(acc, 2400);
  mpfr_set_zero(acc, 1);
  for (double x : xs) {
    const int inexact = mpfr_add_d(acc, acc, x, MPFR_RNDN);
    BOOST_REQUIRE_EQUAL(inexact, 0);  // the reference itself is exact
  }
  // mpfr_get_d rounds to nearest even, subnormals included, once the exponent range is IEEE's.
  const double r = mpfr_get_d(acc, MPFR_RNDN);
  mpfr_clear(acc);
  return r;
}

bool same_bits(double a, double b) {
  return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// Doubles of random sign with exponents spread over [lo_exp, hi_exp] (subnormals when
// lo_exp < -1022) and random 52-bit fractions: sums with heavy cancellation.
std::vector<double> random_terms(std::mt19937_64& gen, int n, int lo_exp, int hi_exp) {
  std::uniform_int_distribution<int> exp(lo_exp, hi_exp);
  std::vector<double> xs;
  for (int i = 0; i < n; ++i) {
    const double mant = 1.0 + static_cast<double>(gen() >> 12) * 0x1p-52;
    const double x = std::ldexp(mant, exp(gen));
    xs.push_back((gen() & 1) != 0 ? -x : x);
  }
  return xs;
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_solvable_sums) {
  BOOST_TEST(exact_sum({1e100, 1.0, -1e100}) == 1.0);
  // 0.1 + 0.2 - 0.3 in binary64 terms is exactly 2^-55 (naive double addition gives 2^-54):
  // 0.1 = 0x1999999999999a·2^-56, 0.2 = 0x33333333333334·2^-56, 0.3 = 0x4ccccccccccccc·2^-56.
  BOOST_TEST(exact_sum({0.1, 0.2, -0.3}) == 0x1p-55);
  // Ties to even at 2^53: 2^53 + 1 lies halfway between 2^53 and 2^53 + 2.
  BOOST_TEST(exact_sum({0x1p53, 1.0}) == 0x1p53);
  BOOST_TEST(exact_sum({0x1p53, 3.0}) == 0x1p53 + 4.0);
  // A sticky bit far below breaks the tie upwards.
  BOOST_TEST(exact_sum({0x1p53, 1.0, 0x1p-1074}) == 0x1p53 + 2.0);
  BOOST_TEST(exact_sum({0x1p53, 1.0, -0x1p-1074}) == 0x1p53);
  // Subnormals: exact sums of the smallest ones.
  BOOST_TEST(exact_sum({0x1p-1074, 0x1p-1074, 0x1p-1074}) == 0x3p-1074);
  BOOST_TEST(exact_sum({std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(),
                        0x1p-1074}) == 0x1p-1074);
  // Beyond the range the exact sum rounds to infinity; back inside it does not.
  const double big = std::numeric_limits<double>::max();
  BOOST_TEST(std::isinf(exact_sum({big, big})));
  BOOST_TEST(exact_sum({big, big, -big}) == big);
  BOOST_TEST(same_bits(exact_sum({}), 0.0));
  BOOST_TEST(exact_sum({-2.5}) == -2.5);
}

BOOST_AUTO_TEST_CASE(non_finite_terms_follow_ieee) {
  const double inf = std::numeric_limits<double>::infinity();
  BOOST_TEST(exact_sum({1.0, inf}) == inf);
  BOOST_TEST(exact_sum({1.0, -inf}) == -inf);
  BOOST_TEST(std::isnan(exact_sum({inf, -inf})));
  BOOST_TEST(std::isnan(exact_sum({1.0, std::numeric_limits<double>::quiet_NaN()})));
}

BOOST_AUTO_TEST_CASE(agrees_with_mpfr_to_the_bit) {
  std::mt19937_64 gen(20261207);
  int checked = 0;
  const std::vector<std::pair<int, int>> ranges = {
      {-60, 60}, {-1074, -1000}, {-1080, 1020}, {900, 1020}, {-30, 30}};
  for (const auto& [lo, hi] : ranges) {
    for (int rep = 0; rep < 40; ++rep) {
      const int n = 1 + static_cast<int>(gen() % 400);
      const auto xs = random_terms(gen, n, lo, hi);
      const double ref = mpfr_sum(xs);
      const double got = exact_sum(xs);
      BOOST_TEST(same_bits(got, ref),
                 "n = " << n << " range [" << lo << ", " << hi << "]: " << got << " vs " << ref);
      ++checked;
    }
  }
  // Cancellation to a tiny remainder: x_i and -x_i for all i, plus one small term.
  auto xs = random_terms(gen, 300, -50, 50);
  const std::size_t n = xs.size();
  for (std::size_t i = 0; i < n; ++i) xs.push_back(-xs[i]);
  xs.push_back(0x1.23456789abcdep-700);
  BOOST_TEST(exact_sum(xs) == 0x1.23456789abcdep-700);
  BOOST_TEST(checked == 200);
}

BOOST_AUTO_TEST_CASE(independent_of_order_and_of_splitting) {
  std::mt19937_64 gen(7);
  auto xs = random_terms(gen, 5000, -40, 40);
  const double whole = exact_sum(xs);
  BOOST_TEST(same_bits(whole, mpfr_sum(xs)));
  for (int P : {2, 3, 4, 7, 64}) {
    std::shuffle(xs.begin(), xs.end(), gen);
    // Merged accumulators.
    std::vector<ExactSum> parts(static_cast<std::size_t>(P));
    for (std::size_t i = 0; i < xs.size(); ++i) parts[i % parts.size()].add(xs[i]);
    ExactSum merged;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) merged.add(*it);
    BOOST_TEST(same_bits(merged.round(), whole));
    // An all-reduce: normalized words added as integers, then normalized again.
    ExactSum::Words reduced{};
    for (auto& part : parts) {
      part.normalize();
      for (std::size_t k = 0; k < reduced.size(); ++k) reduced[k] += part.words()[k];
    }
    ExactSum from_words;
    from_words.words() = reduced;
    from_words.normalize();
    BOOST_TEST(same_bits(from_words.round(), whole));
  }
}
