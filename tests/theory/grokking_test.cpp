#define BOOST_TEST_MODULE theory_grokking
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "core/rng.hpp"
#include "core/scalar.hpp"
#include "theory/grokking/accuracy_model.hpp"
#include "theory/grokking/grokking_time.hpp"
#include "theory/phases/phase_boundaries.hpp"
#include "theory/smoothness.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;

BOOST_AUTO_TEST_CASE(accuracy_model_ends_and_clipping) {
  const double g = 1e-3, a = 10;
  BOOST_TEST(lingrok::accuracy_model(g / 2, g, a) == 1.0);
  BOOST_TEST(lingrok::accuracy_model(a * g, g, a) == 0.5, tt::tolerance(1e-15));
  BOOST_TEST(lingrok::accuracy_model(0.0, g, a) == 1.0);
  BOOST_TEST(lingrok::accuracy_model(1.0, g, a) == 0.5);
  // Q(D) <= 1 - ε exactly at the level of grokking_time.hpp: D = (γ/2)(1 + 2ε(2α-1)).
  const double eps = 0.1;
  BOOST_TEST(lingrok::accuracy_model(g / 2 * lingrok::grokking_level(eps, a), g, a) == 1 - eps,
             tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(exact_q_of_the_generator) {
  for (int d : {1, 2, 3, 10, 60, 100, 1024}) {
    BOOST_TEST_CONTEXT("d = " << d) {
      lingrok::ConcentratedAccuracy q(d, 5.0, 1e-3, 10.0);
      BOOST_TEST(q.accuracy(1e-3 / 2) == 1.0);
      BOOST_TEST(q.accuracy(1e-2) == 0.5, tt::tolerance(1e-12));
      // The band is narrow: the model is accurate but not exact (for d >= 2 the density of
      // p is not flat on it).
      const double err = q.max_model_error();
      BOOST_TEST(err < 1e-3);
      if (d >= 2) BOOST_TEST(err > 0.0);
      // Total probability and the density at 0 against the CLT (p ~ N(0, a²/3) for large d).
      BOOST_TEST(q.probability(-60.0, 60.0) == 1.0, tt::tolerance(1e-12));
      if (d >= 60) {
        const double f0 = 1.0 / std::sqrt(2 * M_PI * 25.0 / 3.0);
        BOOST_TEST(q.probability(0.0, 1e-3) / 1e-3 == f0, tt::tolerance(0.01));
      }
    }
  }
  // d = 2 by hand: the density of p = (x1 + x2)/√2 near 0 is √2 (2a - √2|p|)/(4a²).
  lingrok::ConcentratedAccuracy q2(2, 5.0, 1e-3, 10.0);
  const double s = std::sqrt(2.0);
  auto F = [&](double p) { return s * (10 * p - s * p * p / 2) / 100; };  // ∫_0^p density
  BOOST_TEST(q2.probability(5e-4, 1e-2) == F(1e-2) - F(5e-4), tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(time_predictions) {
  const Real50 eps("0.1"), alpha(10), gamma("0.001"), ald("0.7"), B(3);
  const Real50 ww(8), wwt(-5), wtwt(9);
  const auto p = lingrok::predict_time(eps, alpha, gamma, ald, B, ww, wwt, wtwt);
  const Real50 lev = 1 + 2 * eps * (2 * alpha - 1);
  BOOST_TEST(p.log_small_gamma == ald / lev, tt::tolerance(Real50("1e-45")));
  BOOST_TEST(p.log_upper - p.log_lower == gamma * B, tt::tolerance(Real50("1e-45")));
  // The refined T solves |b∞| / ||ŵ log T + w̃|| = (γ/2) ℓ(ε).
  const Real50 L = p.log_refined;
  const Real50 D = ald / sqrt(ww * L * L + 2 * wwt * L + wtwt);
  BOOST_TEST(D == gamma / 2 * lev, tt::tolerance(Real50("1e-40")));
  BOOST_CHECK_THROW(lingrok::predict_time(Real50(1), alpha, gamma, ald, B, ww, wwt, wtwt),
                    std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(smoothness_constant) {
  lingrok::Rng rng(2);
  lingrok::Dataset data;
  data.X.resize(200, 2);
  data.y.resize(200);
  for (int i = 0; i < 200; ++i) {
    data.X(i, 0) = rng.uniform(-5, 5);
    data.X(i, 1) = rng.uniform(-5, 5);
    data.y(i) = i % 2 ? 1 : -1;
  }
  Eigen::MatrixXd xt(200, 3);
  xt << data.X, Eigen::VectorXd::Ones(200);
  const double lmax =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(xt.transpose() * xt).eigenvalues()(2);
  const Real50 eta("0.01");
  const auto s =
      lingrok::smoothness<Real50>(data, lingrok::Reduction::sum, lingrok::Loss::logistic, eta);
  BOOST_TEST(s.full_precision);
  BOOST_TEST(static_cast<double>(s.beta) == lmax / 4, tt::tolerance(1e-12));
  BOOST_TEST(s.eta_beta == eta * s.beta, tt::tolerance(Real50("1e-45")));
  BOOST_TEST(s.stable_eta * s.beta == Real50(1), tt::tolerance(Real50("1e-45")));
  // λ_max is an eigenvalue in 50 digits: det(M - λ I) = 0 relative to λ³.
  Eigen::Matrix<Real50, 3, 3> M = Eigen::Matrix<Real50, 3, 3>::Zero();
  for (int i = 0; i < 200; ++i)
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) M(a, b) += Real50(xt(i, a)) * Real50(xt(i, b));
  const Real50 det = (M - s.lambda_max * Eigen::Matrix<Real50, 3, 3>::Identity()).determinant();
  BOOST_TEST(abs(det) / pow(s.lambda_max, 3) < Real50("1e-40"));
  const auto m =
      lingrok::smoothness<Real50>(data, lingrok::Reduction::mean, lingrok::Loss::logistic, eta);
  BOOST_TEST(m.beta * 200 == s.beta, tt::tolerance(Real50("1e-45")));
}

// Large d (>= 64) takes the tiled AVX Gram kernel on two threads: λ_max must match Eigen's
// eigenvalue of Eigen's own Gram matrix. d = 70 is not a multiple of the 8-wide panels nor of
// the 6-row tiles, and N = 1501 splits into halves that end mid-block; x > 0 on average spreads
// the top eigenvector over every coordinate, so a missing or misplaced entry would show.
BOOST_AUTO_TEST_CASE(smoothness_of_a_wide_set_matches_eigen) {
  lingrok::Rng rng(3);
  const int n = 1501, d = 70;
  lingrok::Dataset data;
  data.X.resize(n, d);
  data.y.resize(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) data.X(i, j) = rng.uniform(-1, 3);
    data.y(i) = i % 2 ? 1 : -1;
  }
  Eigen::MatrixXd xt(n, d + 1);
  xt << data.X, Eigen::VectorXd::Ones(n);
  const Eigen::VectorXd ev =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(xt.transpose() * xt).eigenvalues();
  const auto s =
      lingrok::smoothness<double>(data, lingrok::Reduction::sum, lingrok::Loss::logistic, 0.01);
  BOOST_TEST(!s.full_precision);
  BOOST_TEST(s.lambda_max == ev(d), tt::tolerance(1e-12));
  // Dropping one coordinate's row and column would move λ_max by far more than that.
  Eigen::MatrixXd xs = xt;
  xs.col(d - 1).setZero();
  const double without =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(xs.transpose() * xs).eigenvalues()(d);
  BOOST_TEST(std::fabs(without - ev(d)) > 1e-4 * ev(d));
}

// A small model trajectory: t1 is where r crosses κ, t2 a local maximum of D.
BOOST_AUTO_TEST_CASE(phase_boundaries_on_a_model) {
  lingrok::PhaseModel pm;
  const int n = 6;
  pm.m.resize(n);
  pm.c.resize(n);
  pm.y.resize(n);
  pm.m << 1, 1, 1, 1.5, 2, 3;
  pm.c << -1, -1.2, 0.5, 0, 0.3, -0.2;
  pm.y << 1, 1, -1, 1, -1, -1;
  pm.in_support = {1, 1, 1, 0, 0, 0};
  pm.ww = 2;
  pm.wwt = -1;
  pm.wtwt = 3;
  pm.bias = lingrok::BiasOdeParams<double>{2.0, 0.5, 0.01, 1.0, 0.0};
  const auto b = lingrok::phase_boundaries(pm);
  BOOST_TEST(b.t1_found);
  BOOST_TEST(std::exp(pm.log_share_at(b.log_t1)) == 1e-3, tt::tolerance(1e-8));
  BOOST_TEST(b.log_t2 >= b.log_t1);
  const double h = 1e-3 * std::max(1.0, b.log_t2);
  BOOST_TEST(pm.distance_at(b.log_t2) >= pm.distance_at(b.log_t2 + h));
  if (b.phase2_present) BOOST_TEST(pm.distance_at(b.log_t2) >= pm.distance_at(b.log_t2 - h));
}

// The same model against the formulas of docs/theory.md#phases written out here: ||w|| =
// √(ŵ·ŵ L² + 2 ŵ·w̃ L + w̃·w̃), z_i = m_i L + c_i + y_i b, q_i = 1/(1 + e^{z_i}), r = Σ_{i∉S} q_i /
// Σ_S q_i, b_ss = ½ log(Σ_{y=+1} e^{-(m_i L + c_i)} / Σ_{y=-1} e^{-(m_i L + c_i)}); t1 by a
// bisection of r = κ and t2 by a scan of D, both here, not the model's own search.
BOOST_AUTO_TEST_CASE(phase_model_against_formulas_written_out) {
  lingrok::PhaseModel pm;
  pm.m.resize(6);
  pm.c.resize(6);
  pm.y.resize(6);
  pm.m << 1, 1, 1, 1.5, 2, 3;
  pm.c << -1, -1.2, 0.5, 0, 0.3, -0.2;
  pm.y << 1, 1, -1, 1, -1, -1;
  pm.in_support = {1, 1, 1, 0, 0, 0};
  pm.ww = 2;
  pm.wwt = -1;
  pm.wtwt = 3;
  pm.bias = lingrok::BiasOdeParams<double>{2.0, 0.5, 0.01, 1.0, 0.0};
  BOOST_TEST(pm.norm_w_at(2.0) == std::sqrt(7.0), tt::tolerance(1e-15));  // 8 - 4 + 3
  const auto r_at = [&](double L) {
    const double b = pm.bias_at(L);
    double s = 0, rest = 0;
    for (int i = 0; i < 6; ++i) {
      const double q = 1 / (1 + std::exp(pm.m(i) * L + pm.c(i) + pm.y(i) * b));
      (pm.in_support[static_cast<std::size_t>(i)] ? s : rest) += q;
    }
    return rest / s;
  };
  const auto D_at = [&](double L) {
    return std::fabs(pm.bias_at(L)) / std::sqrt(2 * L * L - 2 * L + 3);
  };
  for (double L : {0.5, 2.0, 7.0}) {
    BOOST_TEST_CONTEXT("L = " << L) {
      BOOST_TEST(std::exp(pm.log_share_at(L)) == r_at(L), tt::tolerance(1e-12));
      BOOST_TEST(pm.distance_at(L) == D_at(L), tt::tolerance(1e-12));
      double plus = 0, minus = 0;
      for (int i = 0; i < 6; ++i)
        (pm.y(i) > 0 ? plus : minus) += std::exp(-(pm.m(i) * L + pm.c(i)));
      BOOST_TEST(pm.steady_bias_at(L) == 0.5 * std::log(plus / minus), tt::tolerance(1e-12));
    }
  }
  const auto b = lingrok::phase_boundaries(pm);
  double lo = 0, hi = 60;
  BOOST_TEST_REQUIRE(r_at(lo) > 1e-3);
  BOOST_TEST_REQUIRE(r_at(hi) < 1e-3);
  for (int it = 0; it < 200; ++it) (r_at(0.5 * (lo + hi)) <= 1e-3 ? hi : lo) = 0.5 * (lo + hi);
  BOOST_TEST(b.log_t1 == hi, tt::tolerance(1e-9));
  double best = b.log_t1, bestD = D_at(b.log_t1);
  for (double L = b.log_t1; L <= 2000; L += 1e-3) {
    if (D_at(L) > bestD) {
      bestD = D_at(L);
      best = L;
    }
  }
  BOOST_TEST(b.D_t2 == bestD, tt::tolerance(1e-9));
  BOOST_TEST(std::fabs(b.log_t2 - best) <= 2e-3);
}
