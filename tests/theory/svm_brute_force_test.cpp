// An independent check of the max-margin solver for D <= 3 (d = 2, both variants): brute force in
// exact rational arithmetic (GMP's mpq_class, sharing nothing with the solver's MPFR code). The
// optimum ŵ = Z_Bᵀ (Z_B Z_Bᵀ)^{-1} 1 for some linearly independent subset B of at most D points,
// and every feasible candidate of that form is at least as long, so ŵ is the shortest feasible
// candidate over all subsets of size 1 … D. The sets are small and near-degenerate on purpose.
#define BOOST_TEST_MODULE theory_svm_brute_force
#include <gmpxx.h>
#include <mpfr.h>

#include <boost/test/unit_test.hpp>
#include <optional>

#include "tests/theory/independent_generators.hpp"
#include "theory/svm/hard_margin_svm.hpp"

using lingrok::Real50;
using lingrok::SvmVariant;

namespace {

using QVec = std::vector<mpq_class>;

QVec z_of(const lingrok::Dataset& data, Eigen::Index i, bool with_bias) {
  QVec z;
  for (Eigen::Index j = 0; j < data.X.cols(); ++j) z.emplace_back(data.y(i) * data.X(i, j));
  if (with_bias) z.emplace_back(data.y(i));
  return z;
}

mpq_class dot(const QVec& a, const QVec& b) {
  mpq_class s = 0;
  for (std::size_t j = 0; j < a.size(); ++j) s += a[j] * b[j];
  return s;
}

// λ with G λ = 1 by Gaussian elimination; nullopt when G is singular.
std::optional<QVec> solve_ones(std::vector<QVec> g) {
  const std::size_t k = g.size();
  QVec rhs(k, mpq_class(1));
  for (std::size_t c = 0; c < k; ++c) {
    std::size_t p = c;
    while (p < k && g[p][c] == 0) ++p;
    if (p == k) return std::nullopt;
    std::swap(g[p], g[c]);
    std::swap(rhs[p], rhs[c]);
    for (std::size_t r = 0; r < k; ++r) {
      if (r == c || g[r][c] == 0) continue;
      const mpq_class f = g[r][c] / g[c][c];
      for (std::size_t j = c; j < k; ++j) g[r][j] -= f * g[c][j];
      rhs[r] -= f * rhs[c];
    }
  }
  for (std::size_t c = 0; c < k; ++c) rhs[c] /= g[c][c];
  return rhs;
}

struct BruteForce {
  QVec w;
  mpq_class norm2;
};

BruteForce brute_force(const lingrok::Dataset& data, bool with_bias) {
  const auto n = static_cast<std::size_t>(data.X.rows());
  const std::size_t D = static_cast<std::size_t>(data.X.cols()) + (with_bias ? 1 : 0);
  std::vector<QVec> z;
  for (std::size_t i = 0; i < n; ++i)
    z.push_back(z_of(data, static_cast<Eigen::Index>(i), with_bias));
  std::optional<BruteForce> best;
  std::vector<std::size_t> subset;
  auto consider = [&]() {
    std::vector<QVec> g(subset.size(), QVec(subset.size()));
    for (std::size_t a = 0; a < subset.size(); ++a)
      for (std::size_t b = 0; b < subset.size(); ++b) g[a][b] = dot(z[subset[a]], z[subset[b]]);
    const auto lam = solve_ones(g);
    if (!lam) return;
    QVec w(D, mpq_class(0));
    for (std::size_t a = 0; a < subset.size(); ++a)
      for (std::size_t j = 0; j < D; ++j) w[j] += (*lam)[a] * z[subset[a]][j];
    for (std::size_t i = 0; i < n; ++i)
      if (dot(z[i], w) < 1) return;
    const mpq_class nn = dot(w, w);
    if (!best || nn < best->norm2) best = BruteForce{w, nn};
  };
  // All subsets of size 1 … D, in lexicographic order.
  auto recurse = [&](auto&& self, std::size_t from) -> void {
    if (!subset.empty()) consider();
    if (subset.size() == D) return;
    for (std::size_t i = from; i < n; ++i) {
      subset.push_back(i);
      self(self, i + 1);
      subset.pop_back();
    }
  };
  recurse(recurse, 0);
  BOOST_TEST_REQUIRE(best.has_value());
  return *best;
}

Real50 to_real50(const mpq_class& q) {
  Real50 r;
  mpfr_set_q(r.backend().data(), q.get_mpq_t(), MPFR_RNDN);
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(brute_force_over_support_subsets_gives_the_same_separator_to_40_digits) {
  using lingrok::test::Generator;
  int sets = 0;
  for (auto kind : {Generator::float_projection, Generator::near_ties, Generator::duplicated,
                    Generator::csv_rounded, Generator::rotated_exact, Generator::collinear}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      lingrok::test::GeneratorSpec s;
      s.kind = kind;
      s.d = 2;
      s.n_plus = s.n_minus = 9;
      s.k_plus = 4;
      s.k_minus = seed % 2 ? 4 : 1;
      s.gamma = seed % 2 ? 1e-3 : 0.05;
      s.digits = seed % 3 == 0 ? 6 : 17;
      s.seed = seed;
      const auto g = lingrok::test::generate_independent(s);
      BOOST_TEST_CONTEXT(g.description) {
        for (bool with_bias : {false, true}) {
          const auto svm = lingrok::solve_hard_margin_svm(
              g.data, with_bias ? SvmVariant::with_bias : SvmVariant::bias_free);
          const BruteForce bf = brute_force(g.data, with_bias);
          const Real50 norm = sqrt(to_real50(bf.norm2));
          BOOST_TEST(abs(svm.norm - norm) <= Real50("1e-40") * norm);
          for (Eigen::Index j = 0; j < 2; ++j)
            BOOST_TEST(abs(svm.w(j) - to_real50(bf.w[static_cast<std::size_t>(j)])) <=
                       Real50("1e-40") * norm);
          if (with_bias) BOOST_TEST(abs(svm.b - to_real50(bf.w[2])) <= Real50("1e-40") * norm);
        }
      }
      ++sets;
    }
  }
  BOOST_TEST(sets == 30);
}

// The four-point set on which an exact stage without a ratio test (drop the most negative
// multiplier, add the worst violator) cycles, against the brute force.
BOOST_AUTO_TEST_CASE(the_four_point_regression_set_agrees_with_the_brute_force) {
  const lingrok::Dataset data = lingrok::test::four_point_regression_set();
  const auto svm = lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free);
  const BruteForce bf = brute_force(data, false);
  for (Eigen::Index j = 0; j < 2; ++j)
    BOOST_TEST(abs(svm.w(j) - to_real50(bf.w[static_cast<std::size_t>(j)])) <= Real50("1e-44"));
}
