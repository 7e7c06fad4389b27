// The samplers of data/sampling/paper_samplers.hpp draw exactly the distributions of
// docs/data.md: Kolmogorov–Smirnov tests of the projection against its exact law (Irwin–Hall
// for the sum of d uniform coordinates), planted points exactly on the margin hyperplanes,
// counts, and determinism.
#define BOOST_TEST_MODULE data_sampling
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "data/sampling/paper_samplers.hpp"

using namespace lingrok;

namespace {

// CDF of s = Σ_j x_j, x_j iid uniform on [-a, a] (Irwin–Hall, shifted and scaled).
double sum_cdf(double s, int d, double a) {
  const double u = (s + a * d) / (2 * a);
  if (u <= 0) return 0;
  if (u >= d) return 1;
  double total = 0;
  double binom = 1;
  double fact = 1;
  for (int k = 1; k <= d; ++k) fact *= k;
  for (int k = 0; k <= static_cast<int>(std::floor(u)); ++k) {
    total += (k % 2 == 0 ? 1 : -1) * binom * std::pow(u - k, d);
    binom = binom * (d - k) / (k + 1);
  }
  return total / fact;
}

// Kolmogorov–Smirnov statistic of `sample` against `cdf`.
double ks_statistic(std::vector<double> sample, const std::function<double(double)>& cdf) {
  std::sort(sample.begin(), sample.end());
  const double n = static_cast<double>(sample.size());
  double D = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const double F = cdf(sample[i]);
    D = std::max({D, (static_cast<double>(i) + 1) / n - F, F - static_cast<double>(i) / n});
  }
  return D;
}

// Rejects at the 0.1% level: D > 1.95 / sqrt(n).
double ks_threshold(std::size_t n) { return 1.95 / std::sqrt(static_cast<double>(n)); }

std::vector<double> sums(const Dataset& data, double label, bool planted) {
  std::vector<double> s;
  for (Eigen::Index i = 0; i < data.size(); ++i) {
    const bool is_planted = !data.planted.empty() && data.planted[static_cast<std::size_t>(i)] != 0;
    if (data.y(i) == label && is_planted == planted) s.push_back(data.X.row(i).sum());
  }
  return s;
}

DataConfig wide_band_config(int d) {
  // A wide margin and band so that the shape of the law inside them is visible to the test.
  DataConfig c;
  c.d = d;
  c.gamma = 1.0;
  c.alpha = 3.0;
  c.box = 1.0 * 5;
  c.n_plus = c.n_minus = 3000;
  c.k_plus = 200;
  c.k_minus = 100;
  c.n_test_standard = 3000;
  c.n_test_conc = 3000;
  c.seed = 11;
  return c;
}

}  // namespace

BOOST_AUTO_TEST_CASE(irwin_hall_cdf_is_right) {
  BOOST_TEST(sum_cdf(0.0, 2, 5.0) == 0.5, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(sum_cdf(5.0, 2, 5.0) == 1.0 - 0.125, boost::test_tools::tolerance(1e-14));
  BOOST_TEST(sum_cdf(0.0, 5, 1.0) == 0.5, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(train_projection_follows_the_truncated_box_law) {
  for (int d : {2, 5}) {
    const DataConfig c = wide_band_config(d);
    const Dataset train = sample_train(c);
    const double L = std::sqrt(double(d)) * c.gamma / 2;
    const double FL = sum_cdf(L, d, c.box);
    const auto cdf_plus = [&](double s) { return (sum_cdf(s, d, c.box) - FL) / (1 - FL); };
    const auto plus = sums(train, 1.0, false);
    BOOST_TEST(ks_statistic(plus, cdf_plus) < ks_threshold(plus.size()));
    auto minus = sums(train, -1.0, false);
    for (double& s : minus) s = -s;  // class -1 is the mirror image
    BOOST_TEST(ks_statistic(minus, cdf_plus) < ks_threshold(minus.size()));
    // Power: the untruncated law must be rejected.
    const auto untruncated = [&](double s) { return sum_cdf(s, d, c.box); };
    BOOST_TEST(ks_statistic(plus, untruncated) > ks_threshold(plus.size()));
  }
}

BOOST_AUTO_TEST_CASE(standard_test_projection_follows_the_truncated_box_law) {
  const DataConfig c = wide_band_config(3);
  const Dataset test = sample_standard_test(c);
  const double L = std::sqrt(3.0) * c.gamma / 2;
  const double FL = sum_cdf(L, 3, c.box);
  const auto plus = sums(test, 1.0, false);
  BOOST_TEST(ks_statistic(plus, [&](double s) { return (sum_cdf(s, 3, c.box) - FL) / (1 - FL); }) <
             ks_threshold(plus.size()));
  BOOST_TEST(test.planted.empty());
}

BOOST_AUTO_TEST_CASE(concentrated_projection_follows_the_band_law) {
  for (int d : {1, 2, 5, 64}) {
    const DataConfig c = wide_band_config(d);
    const Dataset test = sample_concentrated_test(c);
    const double L = std::sqrt(double(d)) * c.gamma / 2;
    const double U = std::sqrt(double(d)) * c.alpha * c.gamma;
    for (double label : {1.0, -1.0}) {
      auto s = sums(test, label, false);
      for (double& v : s) v *= label;
      BOOST_TEST(*std::min_element(s.begin(), s.end()) > L);
      BOOST_TEST(*std::max_element(s.begin(), s.end()) <= U * (1 + 1e-15));
      if (d > 5) continue;  // Irwin–Hall by its alternating sum is only accurate for small d
      const double FL = sum_cdf(L, d, c.box);
      const double FU = sum_cdf(U, d, c.box);
      const auto cdf = [&](double v) { return (sum_cdf(v, d, c.box) - FL) / (FU - FL); };
      BOOST_TEST(ks_statistic(s, cdf) < ks_threshold(s.size()));
      if (d >= 2) {
        // Power: a sampler uniform in the projection over the band must be rejected.
        const auto uniform_in_band = [&](double v) { return (v - L) / (U - L); };
        BOOST_TEST(ks_statistic(s, uniform_in_band) > ks_threshold(s.size()));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(concentrated_sampler_is_exact_at_d_1024) {
  // At d = 1024 the projection is near-Gaussian; compare with the CLT law and a wrong one.
  DataConfig c;
  c.d = 1024;
  c.n_test_conc = 400;
  c.gamma = 0.5;
  c.alpha = 3.0;
  const Dataset test = sample_concentrated_test(c);
  const double L = 32 * c.gamma / 2;
  const double U = 32 * c.alpha * c.gamma;
  const double sd = c.box * std::sqrt(1024.0 / 3.0);
  const auto Phi = [&](double v) { return 0.5 * std::erfc(-v / (sd * std::sqrt(2.0))); };
  const auto cdf = [&](double v) { return (Phi(v) - Phi(L)) / (Phi(U) - Phi(L)); };
  auto s = sums(test, 1.0, false);
  BOOST_TEST(ks_statistic(s, cdf) < ks_threshold(s.size()));
  for (Eigen::Index i = 0; i < test.size(); ++i) {
    BOOST_TEST(test.X.row(i).cwiseAbs().maxCoeff() <= c.box);
  }
}

BOOST_AUTO_TEST_CASE(planted_points_lie_exactly_on_the_margin_hyperplanes) {
  for (int d : {1, 2, 3, 16, 1024}) {
    DataConfig c;
    c.d = d;
    c.k_plus = 30;
    c.k_minus = 20;
    c.n_plus = c.n_minus = 40;
    const Dataset train = sample_train(c);
    const PlantingGrid g = planting_grid(c);
    for (Eigen::Index i = 0; i < train.size(); ++i) {
      if (train.planted[static_cast<std::size_t>(i)] == 0) continue;
      // Exact: the coordinates are integers times 2^-q summing to ±C.
      long double exact = 0;
      for (int j = 0; j < d; ++j) exact += std::ldexp(static_cast<long double>(train.X(i, j)), g.q);
      BOOST_TEST(exact == static_cast<long double>(train.y(i) * static_cast<double>(g.C)));
      const double p = train.X.row(i).sum() / std::sqrt(double(d));
      BOOST_TEST(std::fabs(p - train.y(i) * c.gamma / 2) <= (d <= 16 ? 1e-15 : 1e-14));
      BOOST_TEST(train.X.row(i).cwiseAbs().maxCoeff() <= c.box);
    }
  }
}

BOOST_AUTO_TEST_CASE(planted_points_are_uniform_on_the_slice) {
  // d = 2: x1 is uniform on [c - a, a]; d = 3: x1 has the triangular law of the segment length.
  DataConfig c = wide_band_config(2);
  c.k_plus = 3000;
  c.k_minus = 0;
  const Dataset t2 = sample_train(c);
  const double cc = planting_grid(c).c();
  std::vector<double> x1;
  for (Eigen::Index i = 0; i < t2.size(); ++i) {
    if (t2.planted[static_cast<std::size_t>(i)] && t2.y(i) > 0) x1.push_back(t2.X(i, 0));
  }
  BOOST_TEST(x1.size() == 3000u);
  const double lo = cc - c.box;
  BOOST_TEST(ks_statistic(x1, [&](double v) { return (v - lo) / (c.box - lo); }) <
             ks_threshold(x1.size()));

  c = wide_band_config(3);
  c.k_plus = 3000;
  c.k_minus = 0;
  const Dataset t3 = sample_train(c);
  const double c3 = planting_grid(c).c();
  x1.clear();
  for (Eigen::Index i = 0; i < t3.size(); ++i) {
    if (t3.planted[static_cast<std::size_t>(i)] && t3.y(i) > 0) x1.push_back(t3.X(i, 0));
  }
  // Density of x1 ∝ length of {x2 + x3 = c - x1} ∩ [-a,a]^2 ∝ 2a - |c - x1| on [c - 2a... a].
  const double a = c.box;
  const auto density = [&](double v) { return std::max(0.0, 2 * a - std::fabs(c3 - v)); };
  // Numerical CDF on a fine grid (the density is piecewise linear).
  const int n = 20000;
  std::vector<double> grid_cdf(n + 1, 0.0);
  for (int k = 1; k <= n; ++k) {
    const double v0 = -a + 2 * a * (k - 1) / n;
    const double v1 = -a + 2 * a * k / n;
    grid_cdf[k] = grid_cdf[k - 1] + 0.5 * (density(v0) + density(v1)) * (v1 - v0);
  }
  const auto cdf = [&](double v) {
    const double pos = (v + a) / (2 * a) * n;
    const int k = std::clamp(static_cast<int>(pos), 0, n - 1);
    const double frac = pos - k;
    return (grid_cdf[k] + frac * (grid_cdf[k + 1] - grid_cdf[k])) / grid_cdf[n];
  };
  BOOST_TEST(ks_statistic(x1, cdf) < ks_threshold(x1.size()));
}

BOOST_AUTO_TEST_CASE(every_count_is_honoured) {
  DataConfig c;
  c.n_plus = 1500;
  c.n_minus = 500;
  c.k_plus = 350;
  c.k_minus = 50;
  c.n_test_standard = 700;
  c.n_test_conc = 300;
  const DataBundle b = generate_data(c);
  BOOST_TEST(b.train.count_plus() == 1500);
  BOOST_TEST(b.train.count_minus() == 500);
  BOOST_TEST(b.train.count_planted(1.0) == 350);
  BOOST_TEST(b.train.count_planted(-1.0) == 50);
  BOOST_REQUIRE(b.tests.size() == 2u);
  BOOST_TEST(b.tests[0].count_plus() == 700);
  BOOST_TEST(b.tests[0].count_minus() == 700);
  BOOST_TEST(b.tests[1].count_plus() == 300);
  BOOST_TEST(b.tests[1].count_minus() == 300);
  // Labels agree with the side of the hyperplane (train: |p| >= γ/2 up to planting rounding).
  for (Eigen::Index i = 0; i < b.train.size(); ++i) {
    const double p = b.train.X.row(i).sum() / std::sqrt(2.0);
    BOOST_TEST(b.train.y(i) * p >= c.gamma / 2 - 1e-15);
  }
  c.plant = Planting::none;
  c.k_plus = c.k_minus = 0;
  const Dataset none = sample_train(c);
  BOOST_TEST(none.count_planted(1.0) + none.count_planted(-1.0) == 0);
}

BOOST_AUTO_TEST_CASE(equal_seeds_give_equal_data_and_other_seeds_do_not) {
  DataConfig c;
  const DataBundle a = generate_data(c);
  const DataBundle b = generate_data(c);
  BOOST_TEST((a.train.X.array() == b.train.X.array()).all());
  BOOST_TEST((a.tests[1].X.array() == b.tests[1].X.array()).all());
  c.seed = 2;
  const DataBundle other = generate_data(c);
  BOOST_TEST(!(a.train.X.array() == other.train.X.array()).all());
}
