// The trajectory's diagnostic columns (numerics/gd/trajectory.hpp, docs/theory.md#phases and
// docs/numerics.md#gd-engine) against expectations derived by hand on small sets with known w, b,
// ŵ, w̃ and S, and, on a real GD run, against a few-line long double recomputation that shares no
// code with lingrok. The checks T4.1, T4.2, A4.4, S4.3, S4.5, S6 and R4.7 decide from these
// columns.
#define BOOST_TEST_MODULE numerics_gd_trajectory
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulation.hpp"
#include "numerics/gd/trajectory.hpp"

using namespace lingrok;
namespace tt = boost::test_tools;

namespace {

Dataset make_set(const std::string& name, std::vector<std::vector<double>> xs,
                 std::vector<double> ys) {
  Dataset s;
  s.name = name;
  const auto n = static_cast<Eigen::Index>(xs.size());
  const auto d = static_cast<Eigen::Index>(xs.front().size());
  s.X.resize(n, d);
  s.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < d; ++j)
      s.X(i, j) = xs[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    s.y(i) = ys[static_cast<std::size_t>(i)];
  }
  return s;
}

// d = 2. Margins of ŵ = (1, 0) with b = 0: 1, 1, 2, 3, 1.5, 2, so S = {x1, x2} and ŵ is the
// max-margin separator (x1 alone forces w_1 ≥ 1). On S, F(ρ, β) = η(e^{-ρ1-β} + e^{-ρ1+β}) + ρ1
// is least at β = 0, ρ1 = log(2η), and ρ2 = 0 (orthogonal to span{(x_s, 1)}); with η = 2,
// w̃ = (log 4, 0).
DataBundle hand_data_d2() {
  DataBundle data;
  data.train = make_set("train", {{1, 0}, {-1, 0}, {2, 1}, {-3, 0}, {1.5, -4}, {-2, 3.5}},
                        {+1, -1, +1, -1, +1, -1});
  data.tests.push_back(
      make_set("test_standard", {{3, 0}, {0, -1}, {0, -0.5}, {-1, -1}}, {+1, +1, -1, -1}));
  data.tests.push_back(make_set("test_conc", {{0.25, 0}}, {-1}));
  return data;
}

ReferenceGeometry hand_geometry_d2() {
  ReferenceGeometry g;
  g.w_hat = Eigen::Vector2d(1, 0);
  g.w_tilde = Eigen::Vector2d(std::log(4.0), 0);
  g.b_tilde = 0;
  g.in_support = {1, 1, 0, 0, 0, 0};
  return g;
}

double at(const std::vector<std::string>& columns, const std::vector<double>& row,
          const std::string& name) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == name) return row.at(c);
  }
  BOOST_FAIL("no column " << name);
  return 0;
}

}  // namespace

BOOST_AUTO_TEST_CASE(column_names_are_in_the_documented_order) {
  const DataBundle data = hand_data_d2();
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.adversarial = [](const Eigen::VectorXd&, double) { return std::pair{0.0, 0.0}; };
  const std::vector<std::string> expected{"t",
                                          "b",
                                          "w_norm",
                                          "w1",
                                          "w2",
                                          "D",
                                          "angle_w_hat",
                                          "rho_norm",
                                          "rho_minus_w_tilde",
                                          "loss",
                                          "r",
                                          "A_plus",
                                          "A_minus",
                                          "b_steady",
                                          "acc_train",
                                          "acc_test_standard",
                                          "acc_test_conc",
                                          "acc_pgd",
                                          "acc_pgd_exact",
                                          "cos_update"};
  BOOST_TEST(trajectory_columns(ctx) == expected, tt::per_element());
}

// w = (2, 1), b = 1/2 at t = 100. w·x = 2, -2, 5, -6, -1, -1/2; f = w·x + b = 5/2, -3/2, 11/2,
// -11/2, -1/2, 0; z = y f = 5/2, 3/2, 11/2, 11/2, -1/2, 0. x5 is misclassified and x6 has f = 0
// (an error), so training accuracy is 4/6.
BOOST_AUTO_TEST_CASE(hand_computed_row_d2_logistic_sum) {
  const DataBundle data = hand_data_d2();
  const ReferenceGeometry g = hand_geometry_d2();
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = &g;
  ctx.adversarial = [](const Eigen::VectorXd&, double) { return std::pair{0.25, 0.125}; };
  const auto cols = trajectory_columns(ctx);
  const auto row = measure_row(ctx, 100.0, Eigen::Vector2d(2, 1), 0.5, 0.75);
  BOOST_REQUIRE_EQUAL(row.size(), cols.size());
  const auto v = [&](const char* name) { return at(cols, row, name); };
  const auto e = [](double x) { return std::exp(x); };
  BOOST_TEST(v("t") == 100.0);
  BOOST_TEST(v("b") == 0.5);
  BOOST_TEST(v("w_norm") == std::sqrt(5.0), tt::tolerance(1e-15));
  BOOST_TEST(v("w1") == 2.0);
  BOOST_TEST(v("w2") == 1.0);
  BOOST_TEST(v("D") == 0.5 / std::sqrt(5.0), tt::tolerance(1e-15));
  BOOST_TEST(v("angle_w_hat") == std::atan(0.5), tt::tolerance(1e-15));
  // ρ = w - ŵ log 100 = (2 - log 100, 1); ρ - w̃ = (2 - log 400, 1).
  BOOST_TEST(v("rho_norm") == std::hypot(2 - std::log(100.0), 1.0), tt::tolerance(1e-15));
  BOOST_TEST(v("rho_minus_w_tilde") == std::hypot(2 - std::log(400.0), 1.0), tt::tolerance(1e-15));
  // Σ log(1 + e^{-z}).
  const double loss = std::log1p(e(-2.5)) + std::log1p(e(-1.5)) + 2 * std::log1p(e(-5.5)) +
                      std::log1p(e(0.5)) + std::log(2.0);
  BOOST_TEST(v("loss") == loss, tt::tolerance(1e-14));
  // q = 1/(1 + e^z); S = {x1, x2}, the rest x3..x6.
  const double q_rest = 2 / (1 + e(5.5)) + 1 / (1 + e(-0.5)) + 0.5;
  const double q_support = 1 / (1 + e(2.5)) + 1 / (1 + e(1.5));
  BOOST_TEST(v("r") == q_rest / q_support, tt::tolerance(1e-14));
  // A+ = Σ_{y=+1} e^{-w·x} over x1, x3, x5; A- = Σ_{y=-1} e^{w·x} over x2, x4, x6.
  const double a_plus = e(-2) + e(-5) + e(1);
  const double a_minus = e(-2) + e(-6) + e(-0.5);
  BOOST_TEST(v("A_plus") == a_plus, tt::tolerance(1e-14));
  BOOST_TEST(v("A_minus") == a_minus, tt::tolerance(1e-14));
  BOOST_TEST(v("b_steady") == 0.5 * std::log(a_plus / a_minus), tt::tolerance(1e-14));
  BOOST_TEST(v("acc_train") == 4.0 / 6.0, tt::tolerance(1e-15));
  // Standard test: f = 13/2 (right), -1/2 for y = +1 (wrong), 0 (an error), -5/2 (right).
  BOOST_TEST(v("acc_test_standard") == 0.5);
  // Concentrated: one point with y = -1 and f = 1.
  BOOST_TEST(v("acc_test_conc") == 0.0);
  BOOST_TEST(v("acc_pgd") == 0.25);
  BOOST_TEST(v("acc_pgd_exact") == 0.125);
  BOOST_TEST(v("cos_update") == 0.75);
}

// The same point with the exponential loss, mean reduction: q = e^{-z}, L = (1/N) Σ e^{-z}.
BOOST_AUTO_TEST_CASE(hand_computed_row_d2_exponential_mean) {
  const DataBundle data = hand_data_d2();
  const ReferenceGeometry g = hand_geometry_d2();
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = &g;
  ctx.loss = Loss::exponential;
  ctx.reduction = Reduction::mean;
  const auto cols = trajectory_columns(ctx);
  const auto row = measure_row(ctx, 100.0, Eigen::Vector2d(2, 1), 0.5, 0.0);
  const auto v = [&](const char* name) { return at(cols, row, name); };
  const auto e = [](double x) { return std::exp(x); };
  const double sum = e(-2.5) + e(-1.5) + 2 * e(-5.5) + e(0.5) + 1;
  BOOST_TEST(v("loss") == sum / 6, tt::tolerance(1e-14));
  BOOST_TEST(v("r") == (2 * e(-5.5) + e(0.5) + 1) / (e(-2.5) + e(-1.5)), tt::tolerance(1e-14));
  // A± and b_steady do not depend on the loss.
  BOOST_TEST(v("b_steady") == 0.5 * std::log((e(-2) + e(-5) + e(1)) / (e(-2) + e(-6) + e(-0.5))),
             tt::tolerance(1e-14));
}

// Far from the origin the sums overflow a double, but the log-domain columns stay exact:
// w = (-1000, 0), b = 0 gives w·x = -1000, 1000, -2000, 3000, -1500, 2000, so
// A+ = e^{1000} + e^{2000} + e^{1500}, A- = e^{1000} + e^{3000} + e^{2000} (both inf),
// b_steady = ½(2000 - 3000) + O(e^{-500}) = -500; every point is misclassified with
// z ≤ -1000, q = 1 to rounding, so r = 4/2.
BOOST_AUTO_TEST_CASE(log_domain_columns_survive_overflow) {
  const DataBundle data = hand_data_d2();
  const ReferenceGeometry g = hand_geometry_d2();
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = &g;
  const auto cols = trajectory_columns(ctx);
  const auto row = measure_row(ctx, 10.0, Eigen::Vector2d(-1000, 0), 0.0, 0.0);
  const auto v = [&](const char* name) { return at(cols, row, name); };
  BOOST_TEST(std::isinf(v("A_plus")));
  BOOST_TEST(std::isinf(v("A_minus")));
  BOOST_TEST(v("b_steady") == -500.0, tt::tolerance(1e-14));
  BOOST_TEST(v("r") == 2.0, tt::tolerance(1e-14));
  BOOST_TEST(v("acc_train") == 0.0);
  BOOST_TEST(v("D") == 0.0);
  BOOST_TEST(v("angle_w_hat") == std::numbers::pi, tt::tolerance(1e-15));
}

// Before t = 1 the residual ρ = w - ŵ log t is undefined; without theory.json every column
// that compares with it is nan while the data columns are still measured.
BOOST_AUTO_TEST_CASE(undefined_columns_are_nan) {
  const DataBundle data = hand_data_d2();
  const ReferenceGeometry g = hand_geometry_d2();
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = &g;
  const auto cols = trajectory_columns(ctx);
  const auto row0 = measure_row(ctx, 0.0, Eigen::Vector2d(2, 1), 0.5, 0.0);
  BOOST_TEST(std::isnan(at(cols, row0, "rho_norm")));
  BOOST_TEST(std::isnan(at(cols, row0, "rho_minus_w_tilde")));
  const auto row_half = measure_row(ctx, 0.5, Eigen::Vector2d(2, 1), 0.5, 0.0);
  BOOST_TEST(std::isnan(at(cols, row_half, "rho_norm")));
  // At t = 1, log t = 0: ρ = w.
  const auto row1 = measure_row(ctx, 1.0, Eigen::Vector2d(2, 1), 0.5, 0.0);
  BOOST_TEST(at(cols, row1, "rho_norm") == std::sqrt(5.0), tt::tolerance(1e-15));
  BOOST_TEST(at(cols, row1, "rho_minus_w_tilde") == std::hypot(2 - std::log(4.0), 1.0),
             tt::tolerance(1e-15));

  TrajectoryContext bare;
  bare.data = &data;
  const auto row = measure_row(bare, 100.0, Eigen::Vector2d(2, 1), 0.5, 0.0);
  for (const char* c : {"angle_w_hat", "rho_norm", "rho_minus_w_tilde", "r"}) {
    BOOST_TEST(std::isnan(at(cols, row, c)), c);
  }
  BOOST_TEST(at(cols, row, "D") == 0.5 / std::sqrt(5.0), tt::tolerance(1e-15));
  BOOST_TEST(at(cols, row, "acc_train") == 4.0 / 6.0, tt::tolerance(1e-15));
}

// d = 3, by hand. ŵ = (0, 0, 2) with S = {x1, x2} on x_3 = ±1/2 (margins 1, 1, 4, 2);
// w̃ = (1/4, -1/4, 0) is a given input here (the columns take it as given).
// w = (1, -1, 2), b = -1, t = e^2 (log t = 2): ρ = (1, -1, -2), ρ - w̃ = (3/4, -3/4, -2).
BOOST_AUTO_TEST_CASE(hand_computed_row_d3) {
  DataBundle data;
  data.train =
      make_set("train", {{1, 1, 0.5}, {-1, 0, -0.5}, {1, 0, 2}, {0, 3, -1}}, {+1, -1, +1, -1});
  ReferenceGeometry g;
  g.w_hat = Eigen::Vector3d(0, 0, 2);
  g.w_tilde = Eigen::Vector3d(0.25, -0.25, 0);
  g.in_support = {1, 1, 0, 0};
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = &g;
  const auto cols = trajectory_columns(ctx);
  const double t = std::exp(2.0);
  const auto row = measure_row(ctx, t, Eigen::Vector3d(1, -1, 2), -1.0, 0.0);
  const auto v = [&](const char* name) { return at(cols, row, name); };
  const auto e = [](double x) { return std::exp(x); };
  // w·x = 1 - 1 + 1 = 1, -1 + 0 - 1 = -2, 1 + 0 + 4 = 5, 0 - 3 - 2 = -5;
  // f = 0, -3, 4, -6; z = 0, 3, 4, 6 (x1 on the hyperplane: an error).
  BOOST_TEST(v("w3") == 2.0);
  BOOST_TEST(v("D") == 1 / std::sqrt(6.0), tt::tolerance(1e-15));
  // cos(angle) = w·ŵ/(|w||ŵ|) = 4/(2√6).
  BOOST_TEST(v("angle_w_hat") == std::acos(2 / std::sqrt(6.0)), tt::tolerance(1e-14));
  BOOST_TEST(v("rho_norm") == std::sqrt(6.0), tt::tolerance(1e-14));
  BOOST_TEST(v("rho_minus_w_tilde") == std::sqrt(0.5625 * 2 + 4), tt::tolerance(1e-14));
  BOOST_TEST(v("loss") == std::log(2.0) + std::log1p(e(-3)) + std::log1p(e(-4)) + std::log1p(e(-6)),
             tt::tolerance(1e-14));
  BOOST_TEST(v("r") == (1 / (1 + e(4)) + 1 / (1 + e(6))) / (0.5 + 1 / (1 + e(3))),
             tt::tolerance(1e-14));
  BOOST_TEST(v("A_plus") == e(-1) + e(-5), tt::tolerance(1e-14));
  BOOST_TEST(v("A_minus") == e(-2) + e(-5), tt::tolerance(1e-14));
  BOOST_TEST(v("b_steady") == 0.5 * std::log((e(-1) + e(-5)) / (e(-2) + e(-5))),
             tt::tolerance(1e-14));
  BOOST_TEST(v("acc_train") == 0.75);
}

// Every logged row of a real GD run (d = 3, logistic, sum), recomputed from its own w and b
// columns in long double with the formulas of docs/theory.md#phases written out here.
BOOST_AUTO_TEST_CASE(every_row_of_a_gd_run_matches_an_independent_recomputation) {
  DataConfig c;
  c.d = 3;
  c.n_plus = 30;
  c.n_minus = 20;
  c.k_plus = 4;
  c.k_minus = 3;
  c.n_test_standard = 15;
  c.n_test_conc = 10;
  c.gamma = 0.5;
  c.seed = 7;
  const DataBundle data = generate_data(c);
  ReferenceGeometry g;
  g.w_hat = Eigen::Vector3d::Constant(2 / c.gamma / std::sqrt(3.0));
  g.w_tilde = Eigen::Vector3d(0.3, -0.1, 0.2);
  g.in_support = data.train.planted;
  SimulationSetup setup;
  setup.data = &data;
  setup.geometry = &g;
  setup.config.steps = 3000;
  setup.config.progress = false;
  setup.eta = 0.01;
  const Trajectory tr = run_gd_simulation(setup).trajectory;
  const auto col = [&](const char* name) {
    const int k = tr.column(name);
    BOOST_REQUIRE_MESSAGE(k >= 0, "no column " << name);
    return static_cast<std::size_t>(k);
  };
  using LD = long double;
  std::size_t checked = 0;
  for (const auto& row : tr.rows) {
    const LD t = row[col("t")], b = row[col("b")];
    const LD w[3] = {row[col("w1")], row[col("w2")], row[col("w3")]};
    const LD wn = std::sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]);
    LD loss = 0, q_s = 0, q_r = 0, ap = 0, am = 0;
    int correct = 0;
    for (Eigen::Index i = 0; i < data.train.size(); ++i) {
      LD wx = 0;
      for (int j = 0; j < 3; ++j) wx += w[j] * data.train.X(i, j);
      const LD y = data.train.y(i), z = y * (wx + b);
      loss += std::log1p(std::exp(-z));
      (data.train.planted[static_cast<std::size_t>(i)] ? q_s : q_r) += 1 / (1 + std::exp(z));
      (y > 0 ? ap : am) += std::exp(-y * wx);
      correct += z > 0;
    }
    const auto close = [&](const char* name, LD expected, double tol) {
      const double got = row[col(name)];
      BOOST_TEST(std::fabs(got - expected) <= tol * std::max<LD>(1, std::fabs(expected)),
                 name << " at t = " << t << ": " << got << " vs " << static_cast<double>(expected));
    };
    close("w_norm", wn, 1e-14);
    if (t > 0) close("D", std::fabs(b) / wn, 1e-13);
    close("loss", loss, 1e-12);
    close("r", q_r / q_s, 1e-12);
    close("A_plus", ap, 1e-12);
    close("A_minus", am, 1e-12);
    close("b_steady", 0.5 * std::log(ap / am), 1e-12);
    BOOST_TEST(row[col("acc_train")] ==
               static_cast<double>(correct) / static_cast<double>(data.train.size()));
    if (t >= 1) {
      LD rn = 0, rd = 0;
      for (int j = 0; j < 3; ++j) {
        const LD rho = w[j] - g.w_hat(j) * std::log(t);
        rn += rho * rho;
        rd += (rho - g.w_tilde(j)) * (rho - g.w_tilde(j));
      }
      close("rho_norm", std::sqrt(rn), 1e-12);
      close("rho_minus_w_tilde", std::sqrt(rd), 1e-12);
    }
    for (const auto& test : data.tests) {
      int right = 0;
      for (Eigen::Index i = 0; i < test.size(); ++i) {
        LD f = b;
        for (int j = 0; j < 3; ++j) f += w[j] * test.X(i, j);
        right += test.y(i) * f > 0;
      }
      BOOST_TEST(row[col(("acc_" + test.name).c_str())] ==
                 static_cast<double>(right) / static_cast<double>(test.size()));
    }
    ++checked;
  }
  // 0, round(10^{k/50}) up to 3000 without repeats (the first decade has only 10 distinct
  // steps), and the last step: the rows every check reads.
  std::set<long long> grid{0, 3000};
  for (int k = 0; std::pow(10.0, k / 50.0) <= 3000.5; ++k) {
    grid.insert(std::llround(std::pow(10.0, k / 50.0)));
  }
  BOOST_TEST(checked == tr.rows.size());
  BOOST_TEST(checked == grid.size());
  BOOST_TEST(data.tests.size() == 2u);
}
