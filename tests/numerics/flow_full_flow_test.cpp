// Tests for numerics/flow/full_flow.hpp: GD is Euler's method for the gradient flow, so GD at
// step t and the flow at τ = ηt differ by O(η). The test measures that order with a plain
// GD loop (data/loss/loss.hpp), independent of the GD engine.
#define BOOST_TEST_MODULE flow_full_flow
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "numerics/flow/full_flow.hpp"
#include "tests/numerics/flow_test_data.hpp"

using lingrok::Dataset;
using lingrok::FullFlowOptions;
using lingrok::integrate_full_flow;
using lingrok::Loss;
using lingrok::Reduction;

namespace {

Dataset small_data() { return lingrok::test::eight_point_data(); }

double lambda_max_at_zero(const Dataset& d, Loss loss, Reduction reduction) {
  const Eigen::MatrixXd h =
      lingrok::loss_hessian(d, Eigen::VectorXd::Zero(2), 0.0, loss, reduction);
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(h).eigenvalues().maxCoeff();
}

// Integer GD steps, about log-spaced from 1 to t_end.
std::vector<double> step_grid(long t_end) {
  std::vector<double> g;
  for (int i = 0; i <= 40; ++i) {
    const double t = std::round(std::pow(static_cast<double>(t_end), i / 40.0));
    if (g.empty() || t > g.back()) g.push_back(t);
  }
  return g;
}

// max over the grid of ||(w,b)_GD(t) - (w,b)_flow(ηt)||_inf.
double gd_flow_gap(const Dataset& d, double eta, long t_end, Loss loss, Reduction reduction) {
  const std::vector<double> grid = step_grid(t_end);
  FullFlowOptions opt;
  opt.loss = loss;
  opt.reduction = reduction;
  opt.eta = eta;
  opt.abs_tol = opt.rel_tol = 1e-12;
  opt.estimate_error = false;
  const auto flow = integrate_full_flow(d, grid, opt);
  Eigen::VectorXd w = Eigen::VectorXd::Zero(2);
  double b = 0, gap = 0;
  std::size_t next = 0;
  for (long t = 0; t <= t_end && next < grid.size(); ++t) {
    if (static_cast<double>(t) == grid[next]) {
      gap = std::max(gap, (w - flow.w[next]).cwiseAbs().maxCoeff());
      gap = std::max(gap, std::abs(b - flow.b[next]));
      ++next;
    }
    const auto g = lingrok::loss_and_gradient<double>(d.X, d.y, w, b, loss, reduction);
    w -= eta * g.grad_w;
    b -= eta * g.grad_b;
  }
  BOOST_REQUIRE(next == grid.size());
  return gap;
}

// Least-squares slope of log(gap) against log(eta).
double order(const std::vector<double>& etas, const std::vector<double>& gaps) {
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < etas.size(); ++i) {
    mx += std::log(etas[i]) / etas.size();
    my += std::log(gaps[i]) / etas.size();
  }
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < etas.size(); ++i) {
    sxy += (std::log(etas[i]) - mx) * (std::log(gaps[i]) - my);
    sxx += (std::log(etas[i]) - mx) * (std::log(etas[i]) - mx);
  }
  return sxy / sxx;
}

void check_first_order(Loss loss, Reduction reduction) {
  const Dataset d = small_data();
  const double lambda0 = lambda_max_at_zero(d, loss, reduction);
  // η ∈ {1e-2, 3e-3, 1e-3, 3e-4} scaled so that the largest is 0.25/λ_max (deep in the stable
  // range; at ηλ = 1 the gap is not yet in its asymptotic regime and the order reads 1.16).
  const std::vector<double> paper_etas{1e-2, 3e-3, 1e-3, 3e-4};
  const double tau_end = 100.0 / lambda0;
  std::vector<double> etas, gaps;
  for (double e : paper_etas) {
    const double eta = e / 1e-2 * 0.25 / lambda0;
    etas.push_back(eta);
    gaps.push_back(gd_flow_gap(d, eta, std::lround(tau_end / eta), loss, reduction));
  }
  for (std::size_t i = 1; i < gaps.size(); ++i) BOOST_TEST(gaps[i] < gaps[i - 1]);
  const double p = order(etas, gaps);
  BOOST_TEST_MESSAGE(lingrok::to_string(loss) << "/" << lingrok::to_string(reduction) << ": order "
                                              << p << ", gap at the largest eta " << gaps.front());
  BOOST_TEST(p > 0.9);
  BOOST_TEST(p < 1.1);
}

}  // namespace

BOOST_AUTO_TEST_CASE(gd_converges_to_the_flow_at_first_order_logistic_sum) {
  check_first_order(Loss::logistic, Reduction::sum);
}

BOOST_AUTO_TEST_CASE(gd_converges_to_the_flow_at_first_order_exponential_mean) {
  check_first_order(Loss::exponential, Reduction::mean);
}

BOOST_AUTO_TEST_CASE(late_flow_separates_the_data_and_reports_its_error) {
  const Dataset d = small_data();
  FullFlowOptions opt;
  opt.eta = 0.01;
  std::vector<double> grid{0.0, 1.0, 10.0, 1e3, 1e5, 1e7, 1e9};
  const auto flow = integrate_full_flow(d, grid, opt);
  BOOST_TEST(flow.w.front().norm() == 0.0);  // τ = 0 is the start (0, 0)
  BOOST_TEST(flow.error_estimate < 1e-7);
  BOOST_TEST(flow.error_estimate >= 0.0);
  BOOST_TEST(flow.steps > 10u);
  // ||w|| grows like log t (Soudry et al.): both late decades add about the same amount.
  const double n5 = flow.w[4].norm(), n7 = flow.w[5].norm(), n9 = flow.w[6].norm();
  BOOST_TEST(n7 > n5);
  BOOST_TEST(std::abs((n9 - n7) / (n7 - n5) - 1.0) < 0.05);
  for (Eigen::Index i = 0; i < d.X.rows(); ++i)
    BOOST_TEST(d.y(i) * (d.X.row(i).dot(flow.w.back()) + flow.b.back()) > 0.0);
}

BOOST_AUTO_TEST_CASE(bad_grids_are_rejected) {
  const Dataset d = small_data();
  BOOST_CHECK_THROW(integrate_full_flow(d, {}), std::invalid_argument);
  BOOST_CHECK_THROW(integrate_full_flow(d, {2.0, 1.0}), std::invalid_argument);
  BOOST_CHECK_THROW(integrate_full_flow(d, {-1.0}), std::invalid_argument);
  FullFlowOptions opt;
  opt.eta = 0;
  BOOST_CHECK_THROW(integrate_full_flow(d, {1.0}, opt), std::invalid_argument);
}
