#define BOOST_TEST_MODULE numerics_gd_detection
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "numerics/gd/grokking_detection.hpp"

using namespace lingrok;

BOOST_AUTO_TEST_CASE(first_reach_and_settle_differ_on_a_non_monotone_curve) {
  const std::vector<double> t{0, 1, 10, 100, 1000, 10000};
  const std::vector<double> a{0.0, 0.9, 1.0, 0.5, 1.0, 1.0};
  BOOST_TEST(reach_time(t, a, 1.0, ReachKind::first) == 10.0);
  BOOST_TEST(reach_time(t, a, 1.0, ReachKind::settle) == 1000.0);
  BOOST_TEST(reach_time(t, a, 0.85, ReachKind::first) == 1.0);
  BOOST_TEST(reach_time(t, a, 0.85, ReachKind::settle) == 1000.0);
  BOOST_TEST(std::isnan(reach_time(t, a, 1.1, ReachKind::first)));
  BOOST_TEST(std::isnan(reach_time(t, a, 1.1, ReachKind::settle)));
}

BOOST_AUTO_TEST_CASE(settle_is_nan_when_the_curve_ends_below_the_level) {
  const std::vector<double> t{1, 2, 3};
  const std::vector<double> a{1.0, 1.0, 0.9};
  BOOST_TEST(reach_time(t, a, 1.0, ReachKind::first) == 1.0);
  BOOST_TEST(std::isnan(reach_time(t, a, 1.0, ReachKind::settle)));
}

BOOST_AUTO_TEST_CASE(grokking_is_detected_with_known_delays) {
  // Train reaches 1 at t = 10; test reaches 0.99 at 2000 and 1 at 5000: ζ = 200, 500.
  const std::vector<double> t{0, 1, 10, 100, 1000, 2000, 5000, 10000};
  const std::vector<double> tr{0, 0.5, 1, 1, 1, 1, 1, 1};
  const std::vector<double> te{0, 0.5, 0.5, 0.6, 0.8, 0.99, 1.0, 1.0};
  DetectionOptions o;
  o.epsilons = {0.0, 1e-2};
  const GrokkingReport r = detect_grokking(t, tr, te, o);
  BOOST_TEST(r.sup_train == 1.0);
  BOOST_TEST(r.sup_test == 1.0);
  BOOST_REQUIRE(r.variants.size() == 4u);
  BOOST_TEST(r.variants[0].name() == "first_sup");
  BOOST_TEST(r.variants[0].rows[0].T_tr == 10.0);
  BOOST_TEST(r.variants[0].rows[0].T_te == 5000.0);
  BOOST_TEST(r.variants[0].rows[0].zeta == 500.0);
  BOOST_TEST(r.variants[0].rows[1].T_te == 2000.0);
  BOOST_TEST(r.variants[0].rows[1].zeta == 200.0);
  BOOST_TEST(r.variants[0].rows[1].T_gr == 1990.0);
  BOOST_TEST(r.grokking());
  o.zeta_min = 300;  // ζ(1e-2) = 200 < 300: not for every ε
  BOOST_TEST(!detect_grokking(t, tr, te, o).grokking());
}

BOOST_AUTO_TEST_CASE(supremum_below_one_separates_relative_from_absolute_levels) {
  // Test accuracy peaks at 0.8: relative levels are reached, absolute ones never.
  const std::vector<double> t{0, 10, 100, 1000, 10000};
  const std::vector<double> tr{0, 1, 1, 1, 1};
  const std::vector<double> te{0, 0.5, 0.6, 0.8, 0.7};
  DetectionOptions o;
  o.epsilons = {0.0};
  o.zeta_min = 50;
  const GrokkingReport r = detect_grokking(t, tr, te, o);
  BOOST_TEST(r.sup_test == 0.8);
  BOOST_TEST(r.variants[0].rows[0].T_te == 1000.0);    // first_sup
  BOOST_TEST(r.variants[0].grokking);                  // ζ = 100 ≥ 50
  BOOST_TEST(std::isnan(r.variants[1].rows[0].T_te));  // settle_sup: ends at 0.7 < 0.8
  BOOST_TEST(!r.variants[1].grokking);
  BOOST_TEST(std::isnan(r.variants[2].rows[0].T_te));  // first_abs: never 1
  BOOST_TEST(!r.variants[2].grokking);
  BOOST_TEST(std::isnan(r.variants[2].rows[0].zeta));
  const auto j = to_json(r);
  BOOST_TEST(j["variants"]["first_abs"]["rows"][0]["T_te"].is_null());
  BOOST_TEST(j["grokking"].get<bool>());
}

BOOST_AUTO_TEST_CASE(no_grokking_when_test_learns_with_train) {
  const std::vector<double> t{0, 1, 10, 100};
  const std::vector<double> a{0, 1, 1, 1};
  const GrokkingReport r = detect_grokking(t, a, a, DetectionOptions{});
  BOOST_TEST(r.variants[0].rows[0].zeta == 1.0);
  BOOST_TEST(!r.grokking());
}

BOOST_AUTO_TEST_CASE(train_reached_at_t0_gives_infinite_delay) {
  const std::vector<double> t{0, 10, 100};
  const std::vector<double> tr{1, 1, 1};
  const std::vector<double> te{0, 0, 1};
  DetectionOptions o;
  o.epsilons = {0.0};
  const GrokkingReport r = detect_grokking(t, tr, te, o);
  BOOST_TEST(std::isinf(r.variants[0].rows[0].zeta));
  BOOST_TEST(r.grokking());
}
