// results/measured.hpp on logs small enough to solve by hand.
#define BOOST_TEST_MODULE measured
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "results/measured.hpp"

using lingrok::measure_phases;
using lingrok::MeasuredPhases;

namespace {
const double kNan = std::numeric_limits<double>::quiet_NaN();
}

BOOST_AUTO_TEST_CASE(t1_first_r_below_kappa_t2_argmax_D_after_it) {
  const std::vector<double> t{0, 1, 10, 100, 1000, 10000};
  const std::vector<double> r{1, 0.5, 1e-2, 1e-4, 1e-6, 1e-8};
  const std::vector<double> D{0.5, 0.1, 0.2, 0.3, 0.9, 0.4};
  const MeasuredPhases p = measure_phases(t, r, D, 1e-3);
  BOOST_TEST(p.t1 == 100.0);
  BOOST_TEST(p.k1 == 3u);
  BOOST_TEST(p.t2 == 1000.0);  // the D = 0.5 at t = 0 lies before t1 and does not count
  BOOST_TEST(p.k2 == 4u);
  BOOST_TEST(p.peak_inside());
}

BOOST_AUTO_TEST_CASE(peak_at_the_last_row_is_censored) {
  const std::vector<double> t{1, 10, 100, 1000};
  const std::vector<double> r{1e-4, 1e-4, 1e-4, 1e-4};
  const std::vector<double> D{0.1, 0.2, 0.3, 0.4};
  const MeasuredPhases p = measure_phases(t, r, D, 1e-3);
  BOOST_TEST(p.t1 == 1.0);
  BOOST_TEST(p.k2 == 3u);  // still reported as a row: D(T)/D(t1) is the rise so far
  BOOST_TEST(std::isnan(p.t2));
  BOOST_TEST(!p.peak_inside());
}

BOOST_AUTO_TEST_CASE(no_phase1_end_and_nan_entries) {
  const std::vector<double> t{0, 1, 10};
  const MeasuredPhases never = measure_phases(t, {0, 0.5, kNan}, {1, 1, 1}, 1e-3);
  BOOST_TEST(!never.phase1_ends());  // r = 0 at t = 0 is before the first step
  BOOST_TEST(std::isnan(never.t1));
  const MeasuredPhases p = measure_phases({1, 2, 3, 4}, {0, 0, 0, 0}, {0.1, kNan, 5, 1}, 1e-3);
  BOOST_TEST(p.t2 == 3.0);
}

BOOST_AUTO_TEST_CASE(observed_B_is_the_sup_of_finite_values) {
  BOOST_TEST(lingrok::observed_B({1.0, kNan, 3.0, 2.0}) == 3.0);
  BOOST_TEST(std::isnan(lingrok::observed_B({})));
  BOOST_TEST(std::isnan(lingrok::observed_B({kNan, kNan})));
  // Bounds with B: log(estimate) ∓ γB/2; γ = 0.1, B = 4 → ± 0.2.
  const auto b = lingrok::grokking_time_log_bounds(5.0, 0.1, 4.0);
  BOOST_TEST(b.log_lower == 4.8, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(b.log_upper == 5.2, boost::test_tools::tolerance(1e-15));
  BOOST_TEST(std::isnan(lingrok::grokking_time_log_bounds(5.0, 0.1, kNan).log_lower));
}
