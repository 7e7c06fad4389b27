#define BOOST_TEST_MODULE theory_hard_margin_svm
#include "theory/svm/hard_margin_svm.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "tests/theory/test_util.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;
using lingrok::SvmVariant;
using lingrok::test::make_dataset;

namespace {
const Real50 kTight("1e-45");

// n points uniform in [-5, 5]^d, labelled by the sign of x·dir, none with |x·dir| < gap.
lingrok::Dataset separable(int n, const Eigen::VectorXd& dir, double gap, lingrok::Rng& rng) {
  const auto d = dir.size();
  lingrok::Dataset data;
  data.X.resize(n, d);
  data.y.resize(n);
  for (int i = 0; i < n; ++i) {
    double p = 0;
    do {
      for (Eigen::Index j = 0; j < d; ++j) data.X(i, j) = rng.uniform(-5, 5);
      p = data.X.row(i).dot(dir);
    } while (std::abs(p) < gap);
    data.y(i) = p > 0 ? 1 : -1;
  }
  return data;
}

// n points in d dimensions, separable along a direction with entries uniform in [-1, 1].
lingrok::Dataset random_direction_separable(int seed, int d, int n) {
  lingrok::Rng rng(seed);
  Eigen::VectorXd dir(d);
  for (int j = 0; j < d; ++j) dir(j) = rng.uniform(-1, 1);
  return separable(n, dir, 0.5, rng);
}

// a is a KKT point to 1e-40 with the support sets and separator of b.
void check_same_exact_separator(const lingrok::HardMarginSvm& a, const lingrok::HardMarginSvm& b) {
  BOOST_TEST(a.kkt_primal_residual <= Real50("1e-40"));
  BOOST_TEST(a.kkt_feasibility >= Real50("-1e-40"));
  BOOST_TEST(a.support_plus == b.support_plus);
  BOOST_TEST(a.support_minus == b.support_minus);
  for (Eigen::Index j = 0; j < a.w.size(); ++j)
    BOOST_TEST(a.w(j) == b.w(j), tt::tolerance(Real50("1e-40")));
  BOOST_TEST(a.b == b.b, tt::tolerance(Real50("1e-40")));
}
}  // namespace

BOOST_AUTO_TEST_CASE(two_symmetric_points) {
  const auto data = make_dataset({{1, 0, +1}, {-1, 0, -1}});
  for (auto v : {SvmVariant::bias_free, SvmVariant::with_bias}) {
    const auto svm = lingrok::solve_hard_margin_svm(data, v);
    BOOST_TEST(svm.w(0) == Real50(1), tt::tolerance(kTight));
    BOOST_TEST(abs(svm.w(1)) <= kTight);
    BOOST_TEST(abs(svm.b) <= kTight);
    BOOST_TEST(svm.support_plus == std::vector<Eigen::Index>{0});
    BOOST_TEST(svm.support_minus == std::vector<Eigen::Index>{1});
    BOOST_TEST(svm.margin == Real50(1), tt::tolerance(kTight));
  }
}

// z1 = (2,1), z2 = (1,0): the min-norm point of the segment is its end z2, so ŵ = (1,0) and
// only the negative point is a support vector. With the bias (eq. 7) the min-norm point of
// the segment between (2,1,1) and (1,0,-1) is at t = 1/6: (7/6, 1/6, -2/3), ||u||² = 11/6,
// so (ŵ, b̂) = (7/11, 1/11, -4/11) and both points are support vectors.
BOOST_AUTO_TEST_CASE(asymmetric_pair_solved_by_hand) {
  const auto data = make_dataset({{2, 1, +1}, {-1, 0, -1}});
  const auto bf = lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free);
  BOOST_TEST(bf.w(0) == Real50(1), tt::tolerance(kTight));
  BOOST_TEST(abs(bf.w(1)) <= kTight);
  BOOST_TEST(bf.support_plus.empty());
  BOOST_TEST(bf.support_minus == std::vector<Eigen::Index>{1});
  BOOST_TEST(bf.min_nonsupport_margin == Real50(2), tt::tolerance(kTight));

  const auto eq7 = lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias);
  BOOST_TEST(eq7.w(0) == Real50(7) / 11, tt::tolerance(kTight));
  BOOST_TEST(eq7.w(1) == Real50(1) / 11, tt::tolerance(kTight));
  BOOST_TEST(eq7.b == Real50(-4) / 11, tt::tolerance(kTight));
  BOOST_TEST(eq7.support_plus.size() == 1u);
  BOOST_TEST(eq7.support_minus.size() == 1u);
  BOOST_TEST(eq7.kkt_primal_residual <= kTight);
  BOOST_TEST(eq7.kkt_stationarity <= kTight);
  BOOST_TEST(eq7.kkt_min_alpha > Real50(0));
}

// Three points: the min-norm point of conv{(1,1), (1,-1), (3,0)} is (1,0): ŵ = (1,0),
// support {0, 1} (weights 1/2 each), the third point has margin 3.
BOOST_AUTO_TEST_CASE(three_points_two_supports) {
  const auto data = make_dataset({{1, 1, +1}, {-1, 1, -1}, {3, 0, +1}});
  const auto svm = lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free);
  BOOST_TEST(svm.w(0) == Real50(1), tt::tolerance(kTight));
  BOOST_TEST(abs(svm.w(1)) <= kTight);
  BOOST_TEST(svm.support_plus == std::vector<Eigen::Index>{0});
  BOOST_TEST(svm.support_minus == std::vector<Eigen::Index>{1});
  BOOST_TEST(svm.min_nonsupport_margin == Real50(3), tt::tolerance(kTight));
  BOOST_TEST(svm.margins(2) == 3.0, tt::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(non_separable_is_rejected) {
  const auto data = make_dataset({{1, 0, +1}, {1, 0, -1}, {0, 1, +1}});
  BOOST_CHECK_THROW(lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free),
                    lingrok::InputError);
  BOOST_CHECK_THROW(lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias),
                    lingrok::InputError);
  // Separable only with a bias: both classes on the same side of every line through 0.
  const auto shifted = make_dataset({{3, 0, +1}, {1, 0, -1}});
  BOOST_CHECK_THROW(lingrok::solve_hard_margin_svm(shifted, SvmVariant::bias_free),
                    lingrok::InputError);
  const auto eq7 = lingrok::solve_hard_margin_svm(shifted, SvmVariant::with_bias);
  // y(w x + b) = 1 at x = 3 (+) and x = 1 (-): w = 1, b = -2.
  BOOST_TEST(eq7.w(0) == Real50(1), tt::tolerance(kTight));
  BOOST_TEST(eq7.b == Real50(-2), tt::tolerance(kTight));
}

// Random separable data with a planted margin: scaling every x by c scales ŵ by 1/c, and the
// solution satisfies its KKT conditions to 1e-40 with the working-set path forced on.
BOOST_AUTO_TEST_CASE(scaling_and_kkt_on_random_data) {
  lingrok::Rng rng(7);
  const int d = 5;
  Eigen::VectorXd dir(d);
  dir << 1, -2, 0.5, 1, 3;
  const lingrok::Dataset data = separable(3000, dir, 0.3, rng);
  lingrok::SvmOptions opt;
  opt.min_norm.working_set_min = 64;  // exercise the working set and full passes
  opt.min_norm.batch = 16;
  const auto a = lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free, opt);
  BOOST_TEST(a.full_passes >= 1);
  BOOST_TEST(a.kkt_primal_residual <= Real50("1e-40"));
  BOOST_TEST(a.kkt_feasibility >= Real50("-1e-40"));
  BOOST_TEST(a.kkt_min_alpha > Real50(0));
  BOOST_TEST(a.support_plus.size() + a.support_minus.size() >= 2u);
  const auto all = lingrok::solve_hard_margin_svm(data, SvmVariant::bias_free);
  for (int j = 0; j < d; ++j) BOOST_TEST(a.w(j) == all.w(j), tt::tolerance(Real50("1e-40")));

  // Partial pricing: a hot set far smaller than the working set changes the order in which
  // constraints enter, not the separator.
  lingrok::SvmOptions hot = opt;
  hot.min_norm.hot_size = 8;
  hot.min_norm.per_pricing = 2;
  const auto h = lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias, hot);
  const auto h_all = lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias);
  BOOST_TEST(h.working_set_pricings > h.full_passes);  // the hot set ran dry more than once
  BOOST_TEST(h.kkt_primal_residual <= Real50("1e-40"));
  BOOST_TEST(h.kkt_feasibility >= Real50("-1e-40"));
  for (int j = 0; j < d; ++j) BOOST_TEST(h.w(j) == h_all.w(j), tt::tolerance(Real50("1e-40")));
  BOOST_TEST(h.b == h_all.b, tt::tolerance(Real50("1e-40")));

  lingrok::Dataset scaled = data;
  scaled.X *= 4.0;  // exact in binary
  const auto s = lingrok::solve_hard_margin_svm(scaled, SvmVariant::bias_free, opt);
  for (int j = 0; j < d; ++j) BOOST_TEST(s.w(j) * 4 == a.w(j), tt::tolerance(Real50("1e-40")));
  BOOST_TEST(s.support_plus == a.support_plus);
  BOOST_TEST(s.support_minus == a.support_minus);
}

// The two double-stage solvers on a problem of a few hundred dimensions (the active-set
// method with partial pricing and full passes, Wolfe's method on every point) give the same
// exact separator and support set.
BOOST_AUTO_TEST_CASE(active_set_matches_wolfe_at_d_300) {
  const lingrok::Dataset data = random_direction_separable(11, 300, 1600);
  lingrok::SvmOptions active;
  active.min_norm.method = lingrok::MinNormOptions::Method::active_set;
  active.min_norm.working_set_min = 64;
  lingrok::SvmOptions wolfe;
  wolfe.min_norm.method = lingrok::MinNormOptions::Method::wolfe;
  const auto a = lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias, active);
  const auto b = lingrok::solve_hard_margin_svm(data, SvmVariant::with_bias, wolfe);
  BOOST_TEST(a.active_set_changes > 0);  // the active-set path ran
  check_same_exact_separator(a, b);
}

// The interior-point double stage, forced on a working set far smaller than the data (so that
// full passes grow it, with cold and centred restarts), identifies the support set that the
// active-set method finds, and the exact stage then gives the same separator; for both
// variants, and without falling back to the active-set method.
BOOST_AUTO_TEST_CASE(interior_point_matches_active_set) {
  const lingrok::Dataset data = random_direction_separable(13, 40, 6000);
  lingrok::SvmOptions ip;
  ip.min_norm.method = lingrok::MinNormOptions::Method::interior_point;
  ip.min_norm.working_set_min = 64;
  ip.min_norm.batch = 48;
  lingrok::SvmOptions active;
  active.min_norm.method = lingrok::MinNormOptions::Method::active_set;
  active.min_norm.working_set_min = 64;
  for (auto v : {SvmVariant::bias_free, SvmVariant::with_bias}) {
    const auto a = lingrok::solve_hard_margin_svm(data, v, ip);
    const auto b = lingrok::solve_hard_margin_svm(data, v, active);
    BOOST_TEST(a.method == "interior_point");
    BOOST_TEST(b.method == "active_set");
    BOOST_TEST(a.full_passes >= 3);        // the working set grew, then was solved tightly
    BOOST_TEST(a.exact_added == 0);  // the identified support set was right as it came
    BOOST_TEST(a.kkt_min_alpha > Real50(0));
    check_same_exact_separator(a, b);
  }
}

// Inseparable data with the interior-point method forced: it cannot converge, the active-set
// method takes over, and the data are rejected as inseparable.
BOOST_AUTO_TEST_CASE(interior_point_falls_back_on_inseparable_data) {
  lingrok::Rng rng(17);
  const int d = 10;
  Eigen::VectorXd dir = Eigen::VectorXd::Ones(d);
  lingrok::Dataset data = separable(2000, dir, 0.5, rng);
  for (Eigen::Index i = 0; i < 40; ++i) data.y(i) = -data.y(i);  // 40 labels flipped
  lingrok::SvmOptions ip;
  ip.min_norm.method = lingrok::MinNormOptions::Method::interior_point;
  ip.min_norm.working_set_min = 64;
  for (auto v : {SvmVariant::bias_free, SvmVariant::with_bias})
    BOOST_CHECK_THROW(lingrok::solve_hard_margin_svm(data, v, ip), lingrok::InputError);
}
