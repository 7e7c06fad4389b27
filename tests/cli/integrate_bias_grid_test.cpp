// `lingrok integrate --which bias` on its default grid (no --grid): the grid resolves the
// closed form's transient — points dense in log(t/t0) next to t0 and across the switch at
// g = 2ck log(t/t0) ≈ 1 — and the reported largest error over the transient is the largest
// error of those rows. g is recomputed here from each row's t and the A±, η given to the
// command, not read from its output.
#define BOOST_TEST_MODULE cli_integrate_bias_grid
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../support/run_command.hpp"

using namespace lingrok::testing;

namespace {

struct Row {
  double t, error, g;
};

// A theory.json with only what the bias ODE reads.
std::string theory_json(const std::string& A_plus, const std::string& A_minus,
                        const std::string& eta) {
  const auto q = [](const std::string& v) {
    return R"({"value": )" + v + R"(, "digits": ")" + v + R"("})";
  };
  return R"({"A_plus": )" + q(A_plus) + R"(, "A_minus": )" + q(A_minus) + R"(, "eta": )" + q(eta) +
         "}";
}

// Columns t and error of flow_bias.csv, with g = 2 η sqrt(A+ A-) log(t) (t0 = 1).
std::vector<Row> read_rows(const std::filesystem::path& csv, double two_ck) {
  std::istringstream in(slurp(csv));
  std::string line;
  std::getline(in, line);
  BOOST_REQUIRE(line.rfind("t,b,b_closed_form,error,", 0) == 0);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string t, b, cf, err;
    std::getline(cells, t, ',');
    std::getline(cells, b, ',');
    std::getline(cells, cf, ',');
    std::getline(cells, err, ',');
    const double tv = std::stod(t);
    // t - 1 is exact for t in [0.5, 2] (Sterbenz), so log1p keeps every digit near t0 = 1.
    rows.push_back({tv, std::stod(err), two_ck * std::log1p(tv - 1)});
  }
  return rows;
}

void check_transient(const std::string& A_plus, const std::string& A_minus,
                     const std::string& eta) {
  TempDir dir("bias_grid");
  write_file(dir.path() / "theory.json", theory_json(A_plus, A_minus, eta));
  const auto out = dir.path() / "flows";
  const auto r = run_lingrok("integrate --which bias --theory " +
                             (dir.path() / "theory.json").string() + " --out " + out.string());
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const double two_ck = 2 * std::stod(eta) * std::sqrt(std::stod(A_plus) * std::stod(A_minus));
  const auto rows = read_rows(out / "flow_bias.csv", two_ck);
  const auto summary = nlohmann::json::parse(slurp(out / "flow_bias.json"));

  // Rows within 1e-5 (relative) of the transient's ends may fall on either side: t is a double
  // near t0 there, so its g is known to ~1e-6 only. Count and maximise over the rows surely
  // inside and over the rows possibly inside; the report must lie between.
  int near_t0 = 0, across_switch = 0, sure = 0, possible = 0;
  double worst_sure = 0, worst_possible = 0;
  for (const Row& row : rows) {
    if (row.g >= 1e-3 && row.g < 0.1) ++near_t0;
    if (row.g >= 0.1 && row.g <= 10) ++across_switch;
    if (row.g >= 1e-3 * (1 + 1e-5) && row.g <= 100 * (1 - 1e-5)) {
      ++sure;
      worst_sure = std::max(worst_sure, row.error);
    }
    if (row.g >= 1e-3 * (1 - 1e-5) && row.g <= 100 * (1 + 1e-5)) {
      ++possible;
      worst_possible = std::max(worst_possible, row.error);
    }
  }
  BOOST_TEST(near_t0 >= 50, near_t0 << " grid times with g in [1e-3, 0.1)");
  BOOST_TEST(across_switch >= 50, across_switch << " grid times with g in [0.1, 10]");
  const auto& tr = summary.at("transient");
  const int points = tr.at("points").get<int>();
  BOOST_TEST(points >= sure);
  BOOST_TEST(points <= possible);
  // The reported transient error is the largest error over those rows, found where it says.
  const double reported = tr.at("max_error").get<double>();
  BOOST_TEST(reported >= worst_sure * (1 - 1e-12));
  BOOST_TEST(reported <= worst_possible * (1 + 1e-12));
  const double at_t = tr.at("at_t").get<double>();
  bool found = false;
  for (const Row& row : rows) {
    if (row.t == at_t) {
      found = true;
      BOOST_TEST(row.error == reported, boost::test_tools::tolerance(1e-12));
      BOOST_TEST(row.g >= 1e-3 * (1 - 1e-5));
      BOOST_TEST(row.g <= 100 * (1 + 1e-5));
    }
  }
  BOOST_TEST(found, "no row at the reported t = " << at_t);
  BOOST_TEST(summary.at("achieved_error").get<double>() >= reported);
  const double worst = worst_possible;
  // The 50-digit integration matches the closed form over the transient as well.
  BOOST_TEST(worst <= 1e-35);
  BOOST_TEST(r.out.find("transient") != std::string::npos, r.out);
}

}  // namespace

// The literal family's scale: 2ck ≈ 4e6, the whole switch within t - t0 < 1e-5.
BOOST_AUTO_TEST_CASE(default_grid_resolves_a_fast_transient) {
  check_transient("3e8", "1.2e8", "0.01");
}

// 2ck = 2: the switch at t ≈ e^{1/2}, where a log grid in t already has points.
BOOST_AUTO_TEST_CASE(default_grid_resolves_a_slow_transient) { check_transient("2", "0.5", "1"); }

// With --grid (a GD log) the transient may hold no grid time: the report says so.
BOOST_AUTO_TEST_CASE(a_gd_grid_without_transient_points_is_reported) {
  TempDir dir("bias_grid_gd");
  write_file(dir.path() / "theory.json", theory_json("3e8", "1.2e8", "0.01"));
  write_file(dir.path() / "trajectory.csv", "t,b\n1,0\n2,0.1\n10,0.2\n100,0.3\n");
  const auto out = dir.path() / "flows";
  const auto r =
      run_lingrok("integrate --which bias --theory " + (dir.path() / "theory.json").string() +
                  " --grid " + (dir.path() / "trajectory.csv").string() + " --out " + out.string());
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto summary = nlohmann::json::parse(slurp(out / "flow_bias.json"));
  BOOST_TEST(summary.at("transient").at("points").get<int>() == 0);
  BOOST_TEST(summary.at("transient").at("max_error").is_null());
}
