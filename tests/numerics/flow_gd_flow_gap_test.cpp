// Tests for numerics/flow/gd_flow_gap.hpp: the producer of flows/gd_vs_flow.csv (the GD-vs-flow
// figure, docs/outputs.md#figures) writes gaps that shrink with η at first order.
#define BOOST_TEST_MODULE flow_gd_flow_gap
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "numerics/flow/gd_flow_gap.hpp"
#include "tests/numerics/flow_test_data.hpp"

using lingrok::Dataset;
using lingrok::GdFlowGapOptions;

namespace {

Dataset small_data() { return lingrok::test::eight_point_data(); }

std::filesystem::path temp_dir() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("lingrok_gd_flow_gap_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace

BOOST_AUTO_TEST_CASE(writes_a_csv_whose_gaps_shrink_at_first_order) {
  for (const auto loss : {lingrok::Loss::logistic, lingrok::Loss::exponential}) {
    GdFlowGapOptions o;
    o.loss = loss;
    o.reduction =
        loss == lingrok::Loss::logistic ? lingrok::Reduction::sum : lingrok::Reduction::mean;
    const auto gap = lingrok::measure_gd_flow_gap(small_data(), o);
    const auto dir = temp_dir();
    lingrok::write_gd_flow_gap(gap, o, dir / "gd_vs_flow.csv", dir / "gd_vs_flow.json",
                               R"({"source": "test"})");
    std::ifstream in(dir / "gd_vs_flow.csv");
    std::string line;
    BOOST_REQUIRE(std::getline(in, line));
    BOOST_TEST(line == "eta,gap,steps");
    std::vector<double> etas, gaps;
    while (std::getline(in, line)) {
      std::stringstream ss(line);
      std::string e, g;
      std::getline(ss, e, ',');
      std::getline(ss, g, ',');
      etas.push_back(std::stod(e));
      gaps.push_back(std::stod(g));
      // 17 significant digits: the text round-trips to the measured double.
      BOOST_TEST(std::stod(g) == gap.points[gaps.size() - 1].gap);
    }
    BOOST_REQUIRE(gaps.size() == 4u);
    for (std::size_t i = 1; i < gaps.size(); ++i) {
      BOOST_TEST(etas[i] < etas[i - 1]);
      BOOST_TEST(gaps[i] < gaps[i - 1]);
    }
    // η scaled into the stable range: the largest is 0.25/β.
    BOOST_TEST(etas.front() * gap.beta == 0.25, boost::test_tools::tolerance(1e-12));
    // The reported order against a least-squares slope of log gap on log η written out here (not
    // lingrok::log_log_slope, which computed it).
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < gaps.size(); ++i) {
      mx += std::log(etas[i]) / static_cast<double>(gaps.size());
      my += std::log(gaps[i]) / static_cast<double>(gaps.size());
    }
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < gaps.size(); ++i) {
      sxy += (std::log(etas[i]) - mx) * (std::log(gaps[i]) - my);
      sxx += (std::log(etas[i]) - mx) * (std::log(etas[i]) - mx);
    }
    const double order = sxy / sxx;
    BOOST_TEST_MESSAGE(lingrok::to_string(loss) << ": order " << order);
    BOOST_TEST(order == gap.order, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(order >= 0.8);
    BOOST_TEST(order <= 1.2);
    BOOST_TEST(std::filesystem::exists(dir / "gd_vs_flow.json"));
    std::filesystem::remove_all(dir);
  }
}

BOOST_AUTO_TEST_CASE(bad_options_are_rejected) {
  GdFlowGapOptions o;
  o.paper_etas = {1e-2};
  BOOST_CHECK_THROW(lingrok::measure_gd_flow_gap(small_data(), o), std::invalid_argument);
  o = {};
  o.largest_eta_times_beta = 3;
  BOOST_CHECK_THROW(lingrok::measure_gd_flow_gap(small_data(), o), std::invalid_argument);
  BOOST_CHECK_THROW(lingrok::log_log_slope({1.0}, {1.0}), std::invalid_argument);
}
