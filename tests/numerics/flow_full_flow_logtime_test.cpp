// Tests for numerics/flow/full_flow_logtime.hpp against what it did not make:
//  - a closed form of the full flow on support-vector-only data (every point on a margin
//    hyperplane, positives at x = u, negatives at x = -u, ||u|| = 1): with z± = w·u ± b,
//        dz±/dτ = 2 n± q(z±)   (the other class's term has ||u||² - 1 = 0),
//    so e^{z±} = e^{z±(0)} + 2 n± τ for the exponential loss and z± + e^{z±} = z±(0) +
//    e^{z±(0)} + 2 n± τ for the logistic loss, b = (z+ - z-)/2, w = u (z+ + z-)/2, to t = 1e60,
//    at 50 digits, to 1e-30;
//  - plain GD (data/loss/loss.hpp) at small η on a short horizon: the gap is O(η);
//  - the same run with and without screening, to 1e-25, with the stated bound below it;
//  - in double, on support-vector data scaled like the paper's (margin γ/2 = 5e-4, so ||ŵ|| = 2000
//    and the field cancels from ||ŵ||² to ||ŵ||), its closed form to 1e-6 up to t = 1e60;
//  - the drift (ŵ, b̂) is a change of variables: any drift, with or without a bias part, gives
//    the flow without one, at 50 digits to 1e-25 and in double;
//  - at d = 20 on data from a generator of this file, the double flow (its Jacobian as a rank-k
//    update, Cholesky factorizations) against the 50-digit one (the Jacobian summed point by
//    point, LU).
#define BOOST_TEST_MODULE flow_full_flow_logtime
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/scalar.hpp"
#include "data/loss/loss.hpp"
#include "numerics/flow/full_flow_logtime.hpp"
#include "tests/numerics/flow_test_data.hpp"

using lingrok::Dataset;
using lingrok::integrate_full_flow_logtime;
using lingrok::LogTimeFlowOptions;
using lingrok::LogTimeFlowStart;
using lingrok::Loss;
using lingrok::Real50;
using lingrok::Reduction;
using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;

namespace {

// ||u|| = 1 exactly in double (a dyadic unit vector has one non-zero coordinate).
constexpr double ux = 1.0, uy = 0.0;

// n_plus copies of u and n_minus copies of -u.
Dataset support_only(int n_plus, int n_minus) {
  Dataset d;
  d.X.resize(n_plus + n_minus, 2);
  d.y.resize(n_plus + n_minus);
  for (int i = 0; i < n_plus + n_minus; ++i) {
    const double s = i < n_plus ? 1.0 : -1.0;
    d.X(i, 0) = s * ux;
    d.X(i, 1) = s * uy;
    d.y(i) = s;
  }
  return d;
}

// z(τ) of dz/dτ = 2 n q(z) from z(0) = z0, at 50 digits.
Real50 margin_closed_form(Loss loss, const Real50& z0, int n, const Real50& tau) {
  using boost::multiprecision::exp;
  using boost::multiprecision::log;
  if (loss == Loss::exponential) return log(exp(z0) + 2 * n * tau);
  // z + e^z = c: Newton from log(c) (or c for small c), monotone.
  const Real50 c = z0 + exp(z0) + 2 * n * tau;
  Real50 z = c > 2 ? Real50(log(c)) : Real50(c / 2);
  for (int it = 0; it < 200; ++it) {
    const Real50 g = z + exp(z) - c;
    const Real50 step = g / (1 + exp(z));
    z -= step;
    if (abs(step) < Real50("1e-55") * (1 + abs(z))) break;
  }
  return z;
}

double closed_form_gap(Loss loss, Reduction reduction) {
  const int np = 3, nm = 5;
  const Dataset d = support_only(np, nm);
  LogTimeFlowOptions o;
  o.loss = loss;
  o.reduction = reduction;
  o.eta = 0.05;
  o.t_end = 1e60;
  o.per_decade = 2;
  o.order = 20;
  LogTimeFlowStart<Real50> start;
  start.drift = Vec50(2);
  start.drift << Real50(ux), Real50(uy);  // ŵ = u: every point has margin 1
  const auto flow = integrate_full_flow_logtime<Real50>(d, start, o);
  BOOST_TEST_REQUIRE(flow.trajectory.t.size() == 121u);
  BOOST_TEST(flow.trajectory.t.back() == Real50(1e60));
  const Real50 scale = reduction == Reduction::mean ? Real50(1) / (np + nm) : Real50(1);
  double worst = 0;
  for (std::size_t k = 0; k < flow.trajectory.t.size(); ++k) {
    const Real50 tau = Real50(o.eta) * flow.trajectory.t[k] * scale;
    const Real50 zp = margin_closed_form(loss, Real50(0), np, tau);
    const Real50 zm = margin_closed_form(loss, Real50(0), nm, tau);
    const Real50 b = (zp - zm) / 2, a = (zp + zm) / 2;
    const Real50 wx = a * Real50(ux), wy = a * Real50(uy);
    const auto& w = flow.trajectory.w[k];
    const Real50 sc = std::max({Real50(1), abs(wx), abs(wy), abs(b)});
    for (const Real50& e : {Real50(w(0) - wx), Real50(w(1) - wy), Real50(flow.trajectory.b[k] - b)})
      worst = std::max(worst, static_cast<double>(Real50(abs(e) / sc)));
  }
  BOOST_TEST_MESSAGE("closed form gap " << worst << " with " << flow.steps << " steps, "
                                        << flow.evaluations << " evaluations, " << flow.seconds
                                        << " s");
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_log_time_flow_matches_the_closed_form_on_support_vector_data_to_1e_30) {
  BOOST_TEST(closed_form_gap(Loss::exponential, Reduction::sum) < 1e-30);
  BOOST_TEST(closed_form_gap(Loss::logistic, Reduction::sum) < 1e-30);
  BOOST_TEST(closed_form_gap(Loss::logistic, Reduction::mean) < 1e-30);  // η/N in τ
}

BOOST_AUTO_TEST_CASE(the_closed_form_test_would_see_a_wrong_count) {
  // The comparison is sharp: the same closed form with one positive point more is far off.
  const Dataset d = support_only(3, 5);
  LogTimeFlowOptions o;
  o.loss = Loss::exponential;
  o.eta = 0.05;
  o.t_end = 1e6;
  o.per_decade = 1;
  const auto flow = integrate_full_flow_logtime<Real50>(d, LogTimeFlowStart<Real50>{}, o);
  const Real50 tau = Real50(o.eta) * flow.trajectory.t.back();
  const Real50 b_wrong = (margin_closed_form(Loss::exponential, 0, 4, tau) -
                          margin_closed_form(Loss::exponential, 0, 5, tau)) /
                         2;
  BOOST_TEST(static_cast<double>(abs(flow.trajectory.b.back() - b_wrong)) > 1e-2);
}

BOOST_AUTO_TEST_CASE(continued_from_a_state_the_flow_follows_the_closed_form_from_there) {
  // Start at t0 = 1e3 from the closed form's own state: the continuation must stay on it.
  const int np = 2, nm = 7;
  const Dataset d = support_only(np, nm);
  LogTimeFlowOptions o;
  o.loss = Loss::logistic;
  o.eta = 0.01;
  o.t_end = 1e40;
  o.per_decade = 1;
  o.order = 20;
  const Real50 t0(1000);
  const Real50 zp0 = margin_closed_form(o.loss, 0, np, Real50(o.eta) * t0);
  const Real50 zm0 = margin_closed_form(o.loss, 0, nm, Real50(o.eta) * t0);
  LogTimeFlowStart<Real50> s;
  s.t = t0;
  s.w = Vec50(2);
  s.w << (zp0 + zm0) / 2 * Real50(ux), (zp0 + zm0) / 2 * Real50(uy);
  s.b = (zp0 - zm0) / 2;
  s.drift = Vec50(2);
  s.drift << Real50(ux), Real50(uy);
  const auto flow = integrate_full_flow_logtime<Real50>(d, s, o);
  BOOST_TEST(flow.trajectory.t.front() == Real50(1e4));
  double worst = 0;
  for (std::size_t k = 0; k < flow.trajectory.t.size(); ++k) {
    const Real50 tau = Real50(o.eta) * flow.trajectory.t[k];
    const Real50 b =
        (margin_closed_form(o.loss, 0, np, tau) - margin_closed_form(o.loss, 0, nm, tau)) / 2;
    worst = std::max(worst, static_cast<double>(Real50(abs(flow.trajectory.b[k] - b))));
  }
  BOOST_TEST(worst < 1e-30);
}

BOOST_AUTO_TEST_CASE(gd_at_small_eta_is_within_order_eta_of_the_flow) {
  // GD at step t against the flow at t (τ = η t) on [0, 20/η]: Euler's global error is O(η).
  const Dataset d = lingrok::test::eight_point_data();
  auto gap = [&](double eta) {
    LogTimeFlowOptions o;
    o.eta = eta;
    o.t_end = 20 / eta;
    o.per_decade = 5;
    o.abs_tol = o.rel_tol = 1e-13;
    o.order = 8;
    const auto flow = integrate_full_flow_logtime<double>(d, LogTimeFlowStart<double>{}, o);
    // Plain GD, logging at the flow's (integer, or rounded) output times.
    Eigen::VectorXd w = Eigen::VectorXd::Zero(2);
    double b = 0, worst = 0;
    std::size_t next = 0;
    const long steps = static_cast<long>(std::llround(o.t_end));
    for (long t = 0; t <= steps && next < flow.trajectory.t.size(); ++t) {
      if (static_cast<double>(t) == flow.trajectory.t[next]) {
        worst = std::max(worst, (w - flow.trajectory.w[next]).cwiseAbs().maxCoeff());
        worst = std::max(worst, std::abs(b - flow.trajectory.b[next]));
        ++next;
      }
      const auto g =
          lingrok::loss_and_gradient<double>(d.X, d.y, w, b, Loss::logistic, Reduction::sum);
      w -= eta * g.grad_w;
      b -= eta * g.grad_b;
    }
    BOOST_TEST(next >= 5u);  // compared at several times
    return worst;
  };
  const double g1 = gap(1e-2), g2 = gap(2.5e-3);
  BOOST_TEST_MESSAGE("gap " << g1 << " at eta 1e-2, " << g2 << " at 2.5e-3");
  BOOST_TEST(g1 > 0);
  const double ratio = g1 / g2;  // first order: 4
  BOOST_TEST(ratio > 3.0);
  BOOST_TEST(ratio < 5.0);
}

BOOST_AUTO_TEST_CASE(screening_on_and_off_agree_to_1e_25_and_the_bound_covers_it) {
  // Support vectors at ±u plus three points far from the margin (margins 2, 3, 4; ŵ = u): late,
  // the far points' exponents pass the threshold and are skipped.
  Dataset d = support_only(3, 5);
  d.X.conservativeResize(11, 2);
  d.y.conservativeResize(11);
  d.X.row(8) << 3.0, 0.5;
  d.X.row(9) << 2.0, -1.0;
  d.X.row(10) << -4.0, 0.25;
  d.y(8) = 1;
  d.y(9) = 1;
  d.y(10) = -1;
  LogTimeFlowOptions o;
  o.eta = 0.05;
  o.t_end = 1e60;
  o.per_decade = 1;
  o.order = 20;
  o.abs_tol = o.rel_tol = 1e-34;
  LogTimeFlowStart<Real50> start;
  start.drift = Vec50(2);
  start.drift << Real50(ux), Real50(uy);
  const auto on = integrate_full_flow_logtime<Real50>(d, start, o);
  o.screening = false;
  const auto off = integrate_full_flow_logtime<Real50>(d, start, o);
  BOOST_TEST_REQUIRE(on.trajectory.t.size() == off.trajectory.t.size());
  const double gap = lingrok::max_relative_gap(on.trajectory, off.trajectory);
  BOOST_TEST_MESSAGE("screening gap " << gap << ", bound " << on.screening_bound << ", points "
                                      << on.points_evaluated << " vs " << off.points_evaluated);
  BOOST_TEST(gap < 1e-25);
  BOOST_TEST(on.screening_bound < 1e-40);
  BOOST_TEST(on.points_evaluated < off.points_evaluated);  // screening did skip points
}

BOOST_AUTO_TEST_CASE(in_double_the_flow_on_paper_scaled_data_follows_its_closed_form_to_1e_60) {
  // Support vectors on the margin hyperplanes x·u = ±s, s = 5e-4 (the paper's γ/2), at a·v along
  // them, a in {±2, ±5} in each class, then rotated (u, v not axes): ŵ = u/s, ||ŵ|| = 2000. The
  // field is a sum of terms of size Σα_s = ||ŵ||² that cancels to ||ŵ||, and w·x_i sums terms
  // of size ||w|| ||x_i|| ~ 1e7 to a margin of ~100: the regime of the paper's γ = 1e-3 data.
  // By symmetry b = 0 and every z_i = s w·u obeys dz/dτ = 2 n s² q(z) (n = 4 per class), so
  // z + e^z = 1 + 2 n s² τ (logistic, from 0), w = u z/s.
  const int n = 4;
  const double s = 5e-4, theta = 0.7;
  const Eigen::Vector2d u(std::cos(theta), std::sin(theta)), v(-std::sin(theta), std::cos(theta));
  Dataset d;
  d.X.resize(2 * n, 2);
  d.y.resize(2 * n);
  const double along[n] = {-5, -2, 2, 5};
  for (int i = 0; i < 2 * n; ++i) {
    const double label = i < n ? 1.0 : -1.0;
    d.X.row(i) = (label * s * u + along[i % n] * v).transpose();
    d.y(i) = label;
  }
  LogTimeFlowOptions o;
  o.eta = 1.0;
  o.t_end = 1e60;
  o.per_decade = 1;
  o.order = 10;
  o.abs_tol = o.rel_tol = 1e-8;
  o.screening = false;
  LogTimeFlowStart<double> start;
  start.drift = u / s;
  const auto flow = integrate_full_flow_logtime<double>(d, start, o);
  BOOST_TEST_REQUIRE(flow.trajectory.t.size() == 61u);
  double worst = 0;
  for (std::size_t k = 0; k < flow.trajectory.t.size(); ++k) {
    const Real50 tau = Real50(o.eta) * Real50(flow.trajectory.t[k]);
    // margin_closed_form solves z + e^z = z0 + e^{z0} + 2 n τ; here the rate is 2 n s² τ.
    const Real50 z = margin_closed_form(Loss::logistic, Real50(0), n, tau * Real50(s) * Real50(s));
    const Eigen::Vector2d w = u * static_cast<double>(z / Real50(s));
    const double scale = std::max(1.0, w.norm());
    worst = std::max(
        {worst, (flow.trajectory.w[k] - w).norm() / scale, std::abs(flow.trajectory.b[k]) / scale});
  }
  BOOST_TEST_MESSAGE("paper-scaled closed form gap " << worst << " in double, " << flow.steps
                                                     << " steps, " << flow.seconds << " s");
  BOOST_TEST(worst < 1e-6);
  BOOST_TEST(flow.trajectory.w.back().norm() > 2000 * 100);  // ŵ log t: deep in the late regime
}

namespace {

// The largest gap ||Δ(w, b)||_inf / max(1, ||(w, b)||_inf) between two flows on the same grid.
template <class T>
double trajectory_gap(const lingrok::LogTimeFlow<T>& a, const lingrok::LogTimeFlow<T>& b) {
  BOOST_TEST_REQUIRE(a.trajectory.t.size() == b.trajectory.t.size());
  double worst = 0;
  for (std::size_t k = 0; k < a.trajectory.t.size(); ++k) {
    BOOST_TEST_REQUIRE(static_cast<double>(a.trajectory.t[k]) ==
                       static_cast<double>(b.trajectory.t[k]));
    const Eigen::Index d = a.trajectory.w[k].size();
    double scale = std::abs(static_cast<double>(b.trajectory.b[k])), gap = 0;
    for (Eigen::Index j = 0; j < d; ++j) {
      scale = std::max(scale, std::abs(static_cast<double>(b.trajectory.w[k](j))));
      gap = std::max(gap,
                     std::abs(static_cast<double>(T(a.trajectory.w[k](j) - b.trajectory.w[k](j)))));
    }
    gap = std::max(gap, std::abs(static_cast<double>(T(a.trajectory.b[k] - b.trajectory.b[k]))));
    worst = std::max(worst, gap / std::max(1.0, scale));
  }
  return worst;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_drift_with_a_bias_part_is_a_change_of_variables) {
  // The state (w - ŵ σ, b - b̂ σ) with its field shifted by (ŵ, b̂) is the same flow for any
  // (ŵ, b̂): a drift that is not the max-margin one, with b̂ ≠ 0, must give the undrifted flow.
  // At t = 1e6, b̂ σ ≈ -6: a bias part missing from the state, the field, the margins or the
  // output would show far above the tolerances.
  const Dataset d = lingrok::test::eight_point_data();
  LogTimeFlowOptions o;
  o.eta = 0.1;
  o.t_end = 1e6;
  o.per_decade = 2;
  o.order = 16;
  o.abs_tol = o.rel_tol = 1e-30;
  o.screening = false;
  LogTimeFlowStart<Real50> plain;
  plain.t = Real50(3);
  plain.w = Vec50(2);
  plain.w << Real50("0.25"), Real50("-0.5");
  plain.b = Real50("0.125");
  LogTimeFlowStart<Real50> drifting = plain;
  drifting.drift = Vec50(2);
  drifting.drift << Real50("0.7"), Real50("-0.3");
  drifting.drift_b = Real50("-0.45");
  const auto a = integrate_full_flow_logtime<Real50>(d, plain, o);
  const auto b = integrate_full_flow_logtime<Real50>(d, drifting, o);
  const double gap50 = trajectory_gap(a, b);
  BOOST_TEST_MESSAGE("50 digits: drifted against plain " << gap50);
  BOOST_TEST(gap50 < 1e-25);
  // The same in double (Cholesky, the rank-k Jacobian) at its tolerance.
  o.order = 10;
  o.abs_tol = o.rel_tol = 1e-10;
  LogTimeFlowStart<double> pd;
  pd.t = 3;
  pd.w = Eigen::Vector2d(0.25, -0.5);
  pd.b = 0.125;
  LogTimeFlowStart<double> dd = pd;
  dd.drift = Eigen::Vector2d(0.7, -0.3);
  dd.drift_b = -0.45;
  const double gapd = trajectory_gap(integrate_full_flow_logtime<double>(d, pd, o),
                                     integrate_full_flow_logtime<double>(d, dd, o));
  BOOST_TEST_MESSAGE("double: drifted against plain " << gapd);
  BOOST_TEST(gapd < 1e-7);
}

BOOST_AUTO_TEST_CASE(at_d_20_the_double_flow_follows_the_50_digit_flow) {
  // Data from a generator of this test: a random unit direction v, points uniform in [-1, 1]^20
  // labelled by sign(v·x), those within 0.05 of the hyperplane dropped; N = 60.
  const int dim = 20, n = 60;
  std::mt19937_64 rng(2026);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  Eigen::VectorXd v(dim);
  for (int j = 0; j < dim; ++j) v(j) = normal(rng);
  v.normalize();
  Dataset d;
  d.X.resize(n, dim);
  d.y.resize(n);
  for (int i = 0; i < n;) {
    Eigen::RowVectorXd x(dim);
    for (int j = 0; j < dim; ++j) x(j) = uniform(rng);
    const double m = x.dot(v.transpose());
    if (std::abs(m) < 0.05) continue;
    d.X.row(i) = x;
    d.y(i) = m > 0 ? 1.0 : -1.0;
    ++i;
  }
  LogTimeFlowOptions o;
  o.eta = 0.05;
  o.t_end = 1e8;
  o.per_decade = 1;
  o.screening = false;
  o.order = 12;
  o.abs_tol = o.rel_tol = 1e-16;
  const auto exact = integrate_full_flow_logtime<Real50>(d, LogTimeFlowStart<Real50>{}, o);
  o.order = 10;
  o.abs_tol = o.rel_tol = 1e-10;
  const auto fast = integrate_full_flow_logtime<double>(d, LogTimeFlowStart<double>{}, o);
  BOOST_TEST_REQUIRE(exact.trajectory.t.size() == fast.trajectory.t.size());
  double worst = 0;
  for (std::size_t k = 0; k < fast.trajectory.t.size(); ++k) {
    const Eigen::VectorXd we = exact.trajectory.w[k].cast<double>();
    const double be = static_cast<double>(exact.trajectory.b[k]);
    const double scale = std::max({1.0, we.cwiseAbs().maxCoeff(), std::abs(be)});
    worst = std::max({worst, (fast.trajectory.w[k] - we).cwiseAbs().maxCoeff() / scale,
                      std::abs(fast.trajectory.b[k] - be) / scale});
  }
  BOOST_TEST_MESSAGE("d = 20: double against 50 digits " << worst << " (" << fast.steps << " and "
                                                         << exact.steps << " steps)");
  BOOST_TEST(worst < 1e-7);
  BOOST_TEST(fast.trajectory.w.back().norm() > 1.0);  // the flow has moved far from 0
}

BOOST_AUTO_TEST_CASE(bad_options_are_refused_with_the_field_named) {
  const Dataset d = lingrok::test::eight_point_data();
  LogTimeFlowOptions o;
  o.t_end = -1;
  BOOST_CHECK_THROW(integrate_full_flow_logtime<double>(d, {}, o), std::invalid_argument);
  o = {};
  o.order = 1;
  BOOST_CHECK_THROW(integrate_full_flow_logtime<double>(d, {}, o), std::invalid_argument);
  LogTimeFlowStart<double> s;
  s.w = Eigen::VectorXd::Zero(3);
  BOOST_CHECK_THROW(integrate_full_flow_logtime<double>(d, s, LogTimeFlowOptions{}),
                    std::invalid_argument);
}
