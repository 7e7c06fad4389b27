// Separable data sets that lingrok's own sampler does not make, for the max-margin solver's
// property test (tests/theory/svm_property_test.cpp) and its larger sweep
// (bench/svm_robustness_bench.cpp). Random numbers come from std::mt19937_64, not lingrok's Rng,
// and support vectors lie on the margin only up to rounding, as in anyone's data:
//   float_projection  the paper's protocol with planting by floating-point projection onto
//                     w_true, x <- x - (w_true·x - γ/2) w_true;
//   rotated_exact     lingrok's exactly planted set, randomly rotated and rescaled;
//   csv_rounded       a float_projection set printed with 6, 9 or 17 significant digits and
//                     read back;
//   duplicated        a float_projection set with some rows repeated several times;
//   near_ties         planted points at p = ±(γ/2 + δ), δ drawn from 1e-15 … 1e-9;
//   collinear         support vectors on one line inside each margin hyperplane (d >= 3).
// Every set is separable through the origin by w_true with margin at least γ/2 - 1e-9 before
// rounding; `true_margin_lower_bound` says what survives it.
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "data/data_config.hpp"
#include "data/dataset.hpp"
#include "data/sampling/paper_samplers.hpp"

namespace lingrok::test {

enum class Generator {
  float_projection,
  rotated_exact,
  csv_rounded,
  duplicated,
  near_ties,
  collinear
};

inline const char* to_string(Generator g) {
  switch (g) {
    case Generator::float_projection:
      return "float_projection";
    case Generator::rotated_exact:
      return "rotated_exact";
    case Generator::csv_rounded:
      return "csv_rounded";
    case Generator::duplicated:
      return "duplicated";
    case Generator::near_ties:
      return "near_ties";
    case Generator::collinear:
      return "collinear";
  }
  return "?";
}

struct GeneratedSet {
  Dataset data;
  Eigen::VectorXd separator;  // a unit vector that separates the set through the origin
  std::string description;
};

struct GeneratorSpec {
  Generator kind = Generator::float_projection;
  int d = 2;
  int n_plus = 100, n_minus = 100;
  int k_plus = 30, k_minus = 30;  // planted points (on or near the margin hyperplanes)
  double gamma = 1e-3;
  int digits = 17;  // csv_rounded only
  std::uint64_t seed = 1;
};

namespace detail {

inline Eigen::VectorXd w_true(int d) { return Eigen::VectorXd::Constant(d, 1.0 / std::sqrt(d)); }

// Uniform in [-a, a]^d with |w_true·x| >= gap, labelled by its sign.
inline Eigen::VectorXd draw_labelled(std::mt19937_64& rng, int d, double a, double gap,
                                     double label) {
  std::uniform_real_distribution<double> u(-a, a);
  const Eigen::VectorXd w = w_true(d);
  for (;;) {
    Eigen::VectorXd x(d);
    for (int j = 0; j < d; ++j) x(j) = u(rng);
    const double p = w.dot(x);
    if (label * p >= gap) return x;
    if (-label * p >= gap) return -x;  // the mirror image lies on the right side
  }
}

// x moved onto w_true·x = target by the floating-point projection (exact only up to rounding).
inline Eigen::VectorXd project(const Eigen::VectorXd& x, double target) {
  const Eigen::VectorXd w = w_true(static_cast<int>(x.size()));
  return x - (w.dot(x) - target) * w;
}

inline void push(Dataset& data, const Eigen::VectorXd& x, double y, bool planted) {
  const Eigen::Index i = data.X.rows();
  data.X.conservativeResize(i + 1, x.size());
  data.X.row(i) = x.transpose();
  data.y.conservativeResize(i + 1);
  data.y(i) = y;
  data.planted.push_back(planted ? 1 : 0);
}

inline double round_to_digits(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return std::strtod(buf, nullptr);
}

// The paper's train distribution with planting by projection; `offset(rng)` moves each planted
// point off the margin hyperplane by that much (0 for float_projection).
template <class Offset>
Dataset projected_set(const GeneratorSpec& s, std::mt19937_64& rng, Offset offset) {
  Dataset data;
  data.name = "independent";
  data.X.resize(0, s.d);
  const double a = 5.0;
  for (int c = 0; c < 2; ++c) {
    const double y = c == 0 ? 1.0 : -1.0;
    const int n = c == 0 ? s.n_plus : s.n_minus, k = c == 0 ? s.k_plus : s.k_minus;
    for (int i = 0; i < n; ++i) {
      Eigen::VectorXd x = draw_labelled(rng, s.d, a, s.gamma / 2, y);
      if (i < k) x = project(x, y * (s.gamma / 2 + offset(rng)));
      push(data, x, y, i < k);
    }
  }
  return data;
}

}  // namespace detail

inline GeneratedSet generate_independent(const GeneratorSpec& s) {
  std::mt19937_64 rng(s.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(s.kind));
  GeneratedSet out;
  out.separator = detail::w_true(s.d);
  out.description = std::string(to_string(s.kind)) + " d=" + std::to_string(s.d) +
                    " N=" + std::to_string(s.n_plus + s.n_minus) +
                    " seed=" + std::to_string(s.seed);
  auto none = [](std::mt19937_64&) { return 0.0; };
  switch (s.kind) {
    case Generator::float_projection:
      out.data = detail::projected_set(s, rng, none);
      break;
    case Generator::near_ties: {
      std::uniform_real_distribution<double> e(-15, -9);
      out.data =
          detail::projected_set(s, rng, [&](std::mt19937_64& r) { return std::pow(10.0, e(r)); });
      break;
    }
    case Generator::csv_rounded: {
      out.data = detail::projected_set(s, rng, none);
      for (Eigen::Index i = 0; i < out.data.X.rows(); ++i)
        for (Eigen::Index j = 0; j < out.data.X.cols(); ++j)
          out.data.X(i, j) = detail::round_to_digits(out.data.X(i, j), s.digits);
      out.description += " digits=" + std::to_string(s.digits);
      break;
    }
    case Generator::duplicated: {
      Dataset base = detail::projected_set(s, rng, none);
      out.data = base;
      std::uniform_int_distribution<Eigen::Index> pick(0, base.X.rows() - 1);
      std::uniform_int_distribution<int> times(1, 4);
      for (int r = 0; r < 10; ++r) {
        // Planted rows (the likely support vectors) first, then any row.
        const Eigen::Index i = r < 6 ? (r % 2 == 0 ? r : s.n_plus + r) : pick(rng);
        for (int t = times(rng); t > 0; --t)
          detail::push(out.data, base.X.row(i).transpose(), base.y(i), base.planted[i] != 0);
      }
      break;
    }
    case Generator::collinear: {
      // Planted points on a line {c w_true + s v} inside each margin hyperplane.
      GeneratorSpec plain = s;
      plain.k_plus = plain.k_minus = 0;
      out.data = detail::projected_set(plain, rng, none);
      Eigen::VectorXd v = Eigen::VectorXd::Zero(s.d);
      v(0) = 1;
      v(1) = -1;
      v /= std::sqrt(2.0);  // orthogonal to w_true
      std::uniform_real_distribution<double> t(-3, 3);
      for (int c = 0; c < 2; ++c) {
        const double y = c == 0 ? 1.0 : -1.0;
        for (int i = 0; i < (c == 0 ? s.k_plus : s.k_minus); ++i)
          detail::push(out.data, y * (s.gamma / 2) * detail::w_true(s.d) + t(rng) * v, y, true);
      }
      break;
    }
    case Generator::rotated_exact: {
      DataConfig c;
      c.d = s.d;
      c.n_plus = s.n_plus;
      c.n_minus = s.n_minus;
      c.k_plus = s.k_plus;
      c.k_minus = s.k_minus;
      c.gamma = s.gamma;
      c.n_test_standard = c.n_test_conc = 0;
      c.seed = s.seed;
      Dataset base = sample_train(c);
      std::normal_distribution<double> g;
      Eigen::MatrixXd m(s.d, s.d);
      for (int i = 0; i < s.d; ++i)
        for (int j = 0; j < s.d; ++j) m(i, j) = g(rng);
      const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(m).householderQ();
      std::uniform_real_distribution<double> e(-3, 3);
      const double scale = std::pow(10.0, e(rng));
      out.data = base;
      out.data.X = (base.X * q.transpose()) * scale;  // x -> scale Q x
      out.separator = q * detail::w_true(s.d);
      out.description += " scale=" + std::to_string(scale);
      break;
    }
  }
  out.data.name = out.description;
  return out;
}

// The four-point set on which an exact stage without a ratio test (drop the most negative
// multiplier, add the worst violator) cycles (bias-free solve): points 2 and 4 are the exact
// support set, points 1 and 3 lie 6.3e-13 and 3.1e-13 above the margin.
inline Dataset four_point_regression_set() {
  Dataset data;
  data.name = "four_point_regression";
  data.X.resize(4, 2);
  data.X << 2.0335676588672613, -2.0328605520860745, 3.7451935606244335, -3.7459006674056199,
      1.2547981123611809, -1.2555052191423675, -3.5078426120150183, 3.507135505233832;
  data.y.resize(4);
  data.y << 1, -1, -1, -1;
  return data;
}

// min_i y_i (separator·x_i) in double: positive means the set stayed separable through the origin
// after whatever rounding the generator applied (up to the 1e-12 slack of this check).
inline double true_margin_lower_bound(const GeneratedSet& g) {
  const Eigen::VectorXd m = g.data.y.cwiseProduct(g.data.X * g.separator);
  return m.minCoeff();
}

}  // namespace lingrok::test
