#define BOOST_TEST_MODULE theory_compute_theory
#include "theory/theory.hpp"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <set>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "results/theory_json.hpp"
#include "tests/theory/test_util.hpp"
#include "theory/bias/closed_form.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;
using lingrok::test::make_dataset;

namespace {

const Real50 kTight("1e-40");

// d = 2, docs/data.md style: k+ points on x1 + x2 = c (label +1), k- on x1 + x2 = -c (label -1),
// coordinates on the grid 2^-20 so that x2 = ±c - x1 is exact; other points have
// |x1 + x2| >= 4c. `mirror` makes the negatives the mirror images of the positives.
lingrok::Dataset planted(int k_plus, int k_minus, int n_other, std::uint64_t seed, bool mirror) {
  lingrok::Rng rng(seed);
  const double c = 0.5;
  auto grid = [&](double lo, double hi) {
    return std::ldexp(std::floor(std::ldexp(rng.uniform(lo, hi), 20)), -20);
  };
  std::vector<std::vector<double>> rows;
  for (int i = 0; i < k_plus; ++i) {
    const double u = grid(-4, 4);
    rows.push_back({u, c - u, +1});
  }
  for (int i = 0; i < n_other; ++i) {
    double a, b;
    do {
      a = grid(-5, 5);
      b = grid(-5, 5);
    } while (a + b < 4 * c);
    rows.push_back({a, b, +1});
  }
  if (mirror) {
    const std::size_t n = rows.size();
    for (std::size_t i = 0; i < n; ++i) rows.push_back({-rows[i][0], -rows[i][1], -1});
  } else {
    for (int i = 0; i < k_minus; ++i) {
      const double u = grid(-4, 4);
      rows.push_back({u, -c - u, -1});
    }
    for (int i = 0; i < n_other; ++i) {
      double a, b;
      do {
        a = grid(-5, 5);
        b = grid(-5, 5);
      } while (a + b > -4 * c);
      rows.push_back({a, b, -1});
    }
  }
  lingrok::Dataset data;
  data.X.resize(static_cast<Eigen::Index>(rows.size()), 2);
  data.y.resize(static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    data.X(static_cast<Eigen::Index>(i), 0) = rows[i][0];
    data.X(static_cast<Eigen::Index>(i), 1) = rows[i][1];
    data.y(static_cast<Eigen::Index>(i)) = rows[i][2];
  }
  return data;
}

lingrok::TheoryOptions options() {
  lingrok::TheoryOptions o;
  o.gamma = 1e-3;
  o.alpha = 10;
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(planted_data_identities) {
  const auto data = planted(30, 5, 100, 3, false);
  const auto r = lingrok::compute_theory(data, options());
  BOOST_TEST(r.assumption_3_1);
  BOOST_TEST(lingrok::to_json(r)["assumption_3_1"]["holds"].get<bool>());
  BOOST_TEST(r.late_time_available);
  // ŵ = (1/c)(1,1) = (2,2) exactly for planted data; |S+| = 30, |S-| = 5.
  BOOST_TEST(r.svm.w(0) == Real50(2), tt::tolerance(kTight));
  BOOST_TEST(r.svm.w(1) == Real50(2), tt::tolerance(kTight));
  BOOST_TEST(r.svm.support_plus.size() == 30u);
  BOOST_TEST(r.svm.support_minus.size() == 5u);
  BOOST_TEST(abs(r.svm_eq7.b) <= kTight);
  // b∞ = b̃, dual residuals.
  BOOST_TEST(abs(r.b_inf_minus_b_tilde) <= kTight);
  BOOST_TEST(r.late.residual_w <= kTight);
  BOOST_TEST(r.late.residual_b <= kTight);
  BOOST_TEST(r.bias.b_inf > Real50(0));  // more positive supports pull the bias up
  // The closed form starts at b0 and tends to b∞; its late-time expansion is its leading term.
  lingrok::BiasOdeParams<Real50> p{r.bias.A_plus, r.bias.A_minus, r.eta_effective, Real50(1),
                                   Real50(0)};
  BOOST_TEST(abs(lingrok::bias_closed_form(p, Real50(1))) <= kTight);
  // At g = 100, b is within 1e-40 of b∞; at g = 40 the difference b - b∞ (~1e-17, so still
  // ~33 significant digits after the cancellation) equals -2 r e^{-g} up to O(e^{-2g}).
  const Real50 k2c = 2 * p.c * lingrok::bias_k(p);
  BOOST_TEST(abs(lingrok::bias_closed_form_log_time(p, Real50(100) / k2c) - r.bias.b_inf) <=
             Real50("1e-40"));
  const Real50 late = lingrok::bias_closed_form_log_time(p, Real50(40) / k2c) - r.bias.b_inf;
  const Real50 expansion = -2 * lingrok::bias_r(p) * exp(Real50(-40));
  BOOST_TEST(late == expansion, tt::tolerance(Real50("1e-30")));
}

BOOST_AUTO_TEST_CASE(mirror_symmetric_data_give_delta_one) {
  const auto data = planted(12, 12, 50, 5, true);
  const auto r = lingrok::compute_theory(data, options());
  BOOST_TEST(r.late_time_available);
  BOOST_TEST(r.bias.delta == Real50(1), tt::tolerance(kTight));
  BOOST_TEST(abs(r.bias.b_inf) <= kTight);
  BOOST_TEST(abs(r.late.b_tilde) <= kTight);
}

// The progress hook sees every stage, in order, with the times the result records; the stages are
// the seven theory.hpp documents, and each time lies between 0 and the wall time the test measures
// around the whole call (svm_eq7 and svm_bias_free overlap, the others do not).
BOOST_AUTO_TEST_CASE(stage_hook_reports_each_stage) {
  const auto data = planted(12, 12, 50, 5, true);
  auto o = options();
  std::vector<std::pair<std::string, double>> seen;
  o.on_stage_done = [&](const std::string& stage, double seconds) {
    seen.emplace_back(stage, seconds);
  };
  const auto start = std::chrono::steady_clock::now();
  const auto r = lingrok::compute_theory(data, o);
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST_REQUIRE(seen.size() == r.seconds.size());
  std::set<std::string> names;
  double serial = 0;
  for (std::size_t k = 0; k < seen.size(); ++k) {
    BOOST_TEST(seen[k].first == r.seconds[k].first);
    BOOST_TEST(seen[k].second == r.seconds[k].second);
    BOOST_TEST(seen[k].second >= 0.0, seen[k].first);
    BOOST_TEST(seen[k].second <= wall, seen[k].first);
    names.insert(seen[k].first);
    if (seen[k].first != "svm_bias_free") serial += seen[k].second;
  }
  BOOST_TEST(serial <= wall);
  const std::set<std::string> documented{"R",          "svm_eq7", "svm_bias_free", "late_time",
                                         "smoothness", "phases",  "grokking"};
  BOOST_TEST(names == documented, boost::test_tools::per_element());
  BOOST_TEST(seen.size() == documented.size());
}

BOOST_AUTO_TEST_CASE(swapping_classes_flips_b_inf) {
  const auto data = planted(20, 4, 60, 11, false);
  auto swapped = data;
  swapped.y = -data.y;
  const auto a = lingrok::compute_theory(data, options());
  const auto b = lingrok::compute_theory(swapped, options());
  BOOST_TEST(a.late_time_available);
  BOOST_TEST(b.late_time_available);
  BOOST_TEST(abs(a.bias.b_inf) > Real50("0.1"));
  BOOST_TEST(b.bias.b_inf == -a.bias.b_inf, tt::tolerance(kTight));
  BOOST_TEST(b.svm.w(0) == -a.svm.w(0), tt::tolerance(kTight));
  BOOST_TEST(b.svm.support_plus == a.svm.support_minus);
}

BOOST_AUTO_TEST_CASE(scaling_x_scales_w_hat) {
  const auto data = planted(10, 10, 40, 13, false);
  auto scaled = data;
  scaled.X *= 2.0;
  const auto a = lingrok::compute_theory(data, options());
  const auto b = lingrok::compute_theory(scaled, options());
  for (int j = 0; j < 2; ++j) BOOST_TEST(b.svm.w(j) * 2 == a.svm.w(j), tt::tolerance(kTight));
  BOOST_TEST(b.svm.support_plus == a.svm.support_plus);
}

BOOST_AUTO_TEST_CASE(bad_input_is_rejected) {
  const auto inseparable = make_dataset({{1, 0, +1}, {1, 0, -1}, {0, 1, +1}});
  BOOST_CHECK_THROW(lingrok::compute_theory(inseparable, options()), lingrok::InputError);
  const auto only_with_bias = make_dataset({{3, 0, +1}, {1, 0, -1}});
  try {
    lingrok::compute_theory(only_with_bias, options());
    BOOST_FAIL("data separable only with a bias accepted");
  } catch (const lingrok::InputError& e) {
    BOOST_TEST(std::string(e.what()).find("origin") != std::string::npos);
  }
  const auto ok = make_dataset({{1, 0, +1}, {-1, 0, -1}});
  auto o = options();
  o.eta = Real50(0);
  BOOST_CHECK_THROW(lingrok::compute_theory(ok, o), lingrok::InputError);
  o = options();
  o.alpha = 0.5;
  BOOST_CHECK_THROW(lingrok::compute_theory(ok, o), lingrok::InputError);
  o = options();
  o.epsilons = {0.1, 1.0};
  BOOST_CHECK_THROW(lingrok::compute_theory(ok, o), lingrok::InputError);
}

// (2,1) (+), (-1,0) (-): separable through the origin, but the eq. (7) separator has
// b̂ = -4/11 (hard_margin_svm_test): Assumption 3.1 fails and is reported, with b̂.
BOOST_AUTO_TEST_CASE(nonzero_max_margin_bias_is_reported) {
  const auto data = make_dataset({{2, 1, +1}, {-1, 0, -1}});
  const auto r = lingrok::compute_theory(data, options());
  BOOST_TEST(!r.assumption_3_1);
  BOOST_TEST(r.svm_eq7.b == Real50(-4) / 11, tt::tolerance(kTight));
  BOOST_TEST(!r.late_time_available);
  const auto j = lingrok::to_json(r);
  BOOST_TEST(j["assumption_3_1"]["holds"].get<bool>() == false);
  BOOST_TEST(j["w_tilde"].is_null());
  BOOST_TEST(j["b_hat"]["value"].get<double>() == -4.0 / 11, tt::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(json_has_the_keys_the_gd_engine_reads) {
  const auto data = planted(8, 3, 30, 17, false);
  const auto j = lingrok::to_json(lingrok::compute_theory(data, options()));
  for (const char* k : {"w_hat", "w_tilde", "b_tilde", "b_hat", "eta", "beta_smoothness",
                        "eta_beta", "A_plus", "A_minus", "delta", "b_inf", "k", "T_c"}) {
    BOOST_TEST_CONTEXT(k) {
      BOOST_TEST(j.contains(k));
      BOOST_TEST(j[k].contains("value"));
      BOOST_TEST(j[k].contains("digits"));
    }
  }
  BOOST_TEST(j["support_plus"].size() == 8u);
  BOOST_TEST(j["support_minus"].size() == 3u);
  BOOST_TEST(j["support_plus"][0].is_number_integer());
  BOOST_TEST(j["delta"]["digits"].get<std::string>().size() >= 45u);
  BOOST_TEST(j["w_hat"]["digits"].size() == 2u);
  BOOST_TEST(j.contains("lingrok_version"));
  BOOST_TEST(j.contains("git"));
  BOOST_TEST(j["grokking"]["predictions"].size() == 5u);
  // Both reductions' smoothness: mean = sum / N.
  BOOST_TEST(j["smoothness"]["beta_sum"]["value"].get<double>() ==
                 j["smoothness"]["beta_mean"]["value"].get<double>() * j["data"]["n"].get<double>(),
             tt::tolerance(1e-14));
}

// The T_te and T_tr predictions (docs/theory.md#grokking-time) against the formulas written out:
// ℓ(ε) = 1 + 2ε(2α - 1), log bounds = ±γB/2 + |b∞|/ℓ(ε) with B = ||w̃||, and for T_tr the same
// with α replaced by R/γ (Remark 4.7); read from the result's w̃, b∞ and R.
BOOST_AUTO_TEST_CASE(predictions_follow_the_paper_formulas) {
  const auto data = planted(30, 5, 100, 3, false);
  const auto r = lingrok::compute_theory(data, options());
  BOOST_TEST_REQUIRE(r.late_time_available);
  BOOST_TEST_REQUIRE(!r.predictions.empty());
  const double gamma = 1e-3, alpha = 10;
  const double B =
      std::hypot(static_cast<double>(r.late.w_tilde(0)), static_cast<double>(r.late.w_tilde(1)));
  const double abs_log_delta = std::fabs(static_cast<double>(r.bias.b_inf));
  const double R_over_gamma = static_cast<double>(r.R) / gamma;
  for (const auto& p : r.predictions) {
    BOOST_TEST_CONTEXT("eps = " << p.epsilon) {
      const double level = 1 + 2 * p.epsilon * (2 * alpha - 1);
      const double level_tr = 1 + 2 * p.epsilon * (2 * R_over_gamma - 1);
      BOOST_TEST(static_cast<double>(p.te.log_small_gamma) == abs_log_delta / level,
                 tt::tolerance(1e-12));
      BOOST_TEST(static_cast<double>(p.te.log_lower) == abs_log_delta / level - gamma * B / 2,
                 tt::tolerance(1e-12));
      BOOST_TEST(static_cast<double>(p.te.log_upper) == abs_log_delta / level + gamma * B / 2,
                 tt::tolerance(1e-12));
      BOOST_TEST(static_cast<double>(p.tr.log_upper) == abs_log_delta / level_tr + gamma * B / 2,
                 tt::tolerance(1e-12));
    }
  }
}

// With reduction = mean the late-time limit is that of the sum with η/N (η_eff of
// docs/theory.md#late-time-limit): two runs of compute_theory, not one formula.
BOOST_AUTO_TEST_CASE(mean_reduction_is_the_sum_with_eta_over_n) {
  const auto data = planted(12, 4, 40, 9, false);
  auto mean = options();
  mean.reduction = lingrok::Reduction::mean;
  auto sum = options();
  sum.eta = mean.eta / Real50(static_cast<double>(data.size()));
  const auto a = lingrok::compute_theory(data, mean);
  const auto b = lingrok::compute_theory(data, sum);
  BOOST_TEST_REQUIRE(a.late_time_available);
  BOOST_TEST_REQUIRE(b.late_time_available);
  for (int j = 0; j < 2; ++j) {
    BOOST_TEST(a.late.w_tilde(j) == b.late.w_tilde(j), tt::tolerance(Real50("1e-40")));
  }
  BOOST_TEST(a.late.b_tilde == b.late.b_tilde, tt::tolerance(Real50("1e-40")));
}
