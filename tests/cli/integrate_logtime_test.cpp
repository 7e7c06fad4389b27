// `lingrok integrate --which logtime` end to end, on `lingrok generate` data scaled like the
// paper's (γ = 1e-3, so ||ŵ|| ~ 2000) at the stable step η = 1/β: the flow from t = 0 and the
// flow continued from a short GD run both run through, log GD's columns on a log grid past
// 2^53 steps, and stop only where the late-time conditions hold with margin, which this test
// reads back from theory.json and the flow's own rows (not from the command's report). Bad
// options exit 2 and write nothing. At d = 24, where GD's log has no w columns and Assumption
// 3.1 fails, the flow starts from summary.json's final state and stops once ||ρ|| has settled.
#define BOOST_TEST_MODULE cli_integrate_logtime
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

std::string q(const std::filesystem::path& p) { return shell_quoted(p); }

struct Csv {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;
  double at(std::size_t row, const std::string& column) const {
    const auto it = std::find(columns.begin(), columns.end(), column);
    BOOST_REQUIRE_MESSAGE(it != columns.end(), "no column " + column);
    return rows.at(row).at(static_cast<std::size_t>(it - columns.begin()));
  }
};

Csv read_csv(const std::filesystem::path& path) {
  std::istringstream in(slurp(path));
  std::string line, cell;
  Csv c;
  std::getline(in, line);
  std::istringstream header(line);
  while (std::getline(header, cell, ',')) c.columns.push_back(cell);
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::vector<double> row;
    while (std::getline(cells, cell, ',')) row.push_back(cell.empty() ? NAN : std::stod(cell));
    c.rows.push_back(row);
  }
  return c;
}

double number(const nlohmann::json& j, const std::string& key) {
  const auto& v = j.at(key);
  return v.is_object() ? v.at("value").get<double>() : v.get<double>();
}

// generate → theory (for η = 1/β) → theory at that η → a short GD run, in `dir`.
void prepare(const std::filesystem::path& dir) {
  write_file(dir / "c.json", R"({"name": "logtime", "seed": 5, "data": {"d": 2, "n_plus": 60,
    "n_minus": 40, "k_plus": 6, "k_minus": 3, "gamma": 1e-3, "n_test_standard": 20,
    "n_test_conc": 20}, "gd": {"eta": "stable", "steps": 20000, "adversarial": true}})");
  const auto gen =
      run_lingrok("generate --config " + q(dir / "c.json") + " --out " + q(dir / "data"));
  BOOST_REQUIRE_MESSAGE(gen.exit_code == 0, gen.err);
  const auto th = run_lingrok("theory --data " + q(dir / "data") + " --out " + q(dir));
  BOOST_REQUIRE_MESSAGE(th.exit_code == 0, th.err);
  const auto first = nlohmann::json::parse(slurp(dir / "theory.json"));
  const std::string eta = first.at("stable_eta").at("digits");
  const auto th2 =
      run_lingrok("theory --data " + q(dir / "data") + " --eta " + eta + " --out " + q(dir));
  BOOST_REQUIRE_MESSAGE(th2.exit_code == 0, th2.err);
  const auto gd =
      run_lingrok("simulate --config " + q(dir / "c.json") + " --data " + q(dir / "data") +
                  " --theory " + q(dir / "theory.json") + " --out " + q(dir / "gd") + " --quiet");
  BOOST_REQUIRE_MESSAGE(gd.exit_code == 0, gd.err);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_flow_runs_through_and_stops_only_where_the_late_time_conditions_hold) {
  TempDir dir("logtime");
  prepare(dir.path());
  const auto theory = nlohmann::json::parse(slurp(dir.path() / "theory.json"));
  const double b_tilde = number(theory, "b_tilde");
  const auto gd = read_csv(dir.path() / "gd" / "trajectory.csv");
  const double gd_end = gd.rows.back().at(0);

  for (const bool from_gd : {false, true}) {
    const auto out = dir.path() / (from_gd ? "flows_gd" : "flows");
    const auto r = run_lingrok(
        "integrate --which logtime --data " + q(dir.path() / "data") + " --theory " +
        q(dir.path() / "theory.json") +
        (from_gd ? " --from-gd " + q(dir.path() / "gd" / "trajectory.csv") : std::string()) +
        " --out " + q(out));
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string stem = from_gd ? "flow_logtime_gd" : "flow_logtime";
    const auto flow = read_csv(out / (stem + ".csv"));
    const auto summary = nlohmann::json::parse(slurp(out / (stem + ".json")));
    // GD's columns, so that every check reads the flow as it reads GD's log.
    BOOST_TEST(flow.columns == gd.columns, std::boolalpha);
    BOOST_REQUIRE(flow.rows.size() >= 10u);
    for (std::size_t k = 1; k < flow.rows.size(); ++k)
      BOOST_TEST(flow.rows[k].at(0) > flow.rows[k - 1].at(0));
    if (from_gd) BOOST_TEST(flow.rows.front().at(0) > gd_end);
    BOOST_TEST(summary.at("t_reached").get<double>() == flow.rows.back().at(0));
    BOOST_TEST(summary.at("precision").get<std::string>() == "double");
    BOOST_TEST(summary.at("stopped_early").get<bool>());
    // The stop rule, read from the rows: r <= κ/10 and |b - b̃| <= 0.005 max(1, |b̃|) at the end.
    const std::size_t last = flow.rows.size() - 1;
    BOOST_TEST(flow.at(last, "r") <= 1e-4);
    BOOST_TEST(std::fabs(flow.at(last, "b") - b_tilde) <=
               0.005 * std::max(1.0, std::fabs(b_tilde)));
    // The estimate (a second run at tolerances / 10) is small and was made.
    BOOST_TEST(summary.at("achieved_error").get<double>() < 1e-3);
  }
}

BOOST_AUTO_TEST_CASE(without_the_early_stop_the_grid_runs_past_2_to_the_53_steps) {
  TempDir dir("logtime_far");
  prepare(dir.path());
  const auto out = dir.path() / "flows";
  const auto r = run_lingrok("integrate --which logtime --data " + q(dir.path() / "data") +
                             " --theory " + q(dir.path() / "theory.json") +
                             " --no-early-stop --no-error-estimate --t-end 1e40 --per-decade 1 "
                             "--out " +
                             q(out));
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto flow = read_csv(out / "flow_logtime.csv");
  BOOST_REQUIRE(flow.rows.size() == 41u);  // t = 10^0 ... 10^39 and t_end
  for (std::size_t k = 0; k < flow.rows.size(); ++k) {
    const double expected = std::pow(10.0, static_cast<double>(k));
    BOOST_TEST(std::fabs(flow.rows[k].at(0) / expected - 1) < 1e-12);
  }
}

BOOST_AUTO_TEST_CASE(bad_options_exit_2_and_write_nothing) {
  TempDir dir("logtime_bad");
  prepare(dir.path());
  const std::string base = "integrate --which logtime --data " + q(dir.path() / "data") +
                           " --theory " + q(dir.path() / "theory.json") + " --out " +
                           q(dir.path() / "bad");
  for (const std::string& extra :
       {std::string(" --precision quad"), " --from-gd " + q(dir.path() / "no_such.csv"),
        std::string(" --t-end -5")}) {
    const auto r = run_lingrok(base + extra);
    BOOST_TEST(r.exit_code == 2, extra);
    BOOST_TEST(!std::filesystem::exists(dir.path() / "bad" / "flow_logtime.csv"), extra);
  }
}

BOOST_AUTO_TEST_CASE(above_d_16_the_flow_continues_from_summary_json_and_settles_rho) {
  TempDir dir("logtime_d24");
  const auto p = dir.path();
  // Unplanted data: the eq. (7) max-margin bias is not 0, so there is no late-time limit.
  write_file(p / "c.json", R"({"name": "logtime24", "seed": 3, "data": {"d": 24, "n_plus": 50,
    "n_minus": 30, "k_plus": 0, "k_minus": 0, "plant": "none", "gamma": 0.05,
    "n_test_standard": 20, "n_test_conc": 20}, "gd": {"eta": "stable", "steps": 2000}})");
  BOOST_REQUIRE(
      run_lingrok("generate --config " + q(p / "c.json") + " --out " + q(p / "data")).exit_code ==
      0);
  BOOST_REQUIRE(run_lingrok("theory --data " + q(p / "data") + " --out " + q(p)).exit_code == 0);
  const auto theory = nlohmann::json::parse(slurp(p / "theory.json"));
  BOOST_REQUIRE(!theory.at("assumption_3_1").at("holds").get<bool>());
  const auto gd =
      run_lingrok("simulate --config " + q(p / "c.json") + " --data " + q(p / "data") +
                  " --theory " + q(p / "theory.json") + " --out " + q(p / "gd") + " --quiet");
  BOOST_REQUIRE_MESSAGE(gd.exit_code == 0, gd.err);
  const auto log = read_csv(p / "gd" / "trajectory.csv");
  BOOST_REQUIRE(std::find(log.columns.begin(), log.columns.end(), "w1") == log.columns.end());

  const std::string base = "integrate --which logtime --data " + q(p / "data") + " --theory " +
                           q(p / "theory.json") + " --from-gd " + q(p / "gd" / "trajectory.csv") +
                           " --no-error-estimate --out ";
  const auto r = run_lingrok(base + q(p / "flows"));
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const auto flow = read_csv(p / "flows" / "flow_logtime_gd.csv");
  const auto summary = nlohmann::json::parse(slurp(p / "flows" / "flow_logtime_gd.json"));
  BOOST_TEST(summary.at("start").get<std::string>().find("summary.json") != std::string::npos);
  BOOST_TEST(flow.rows.front().at(0) > log.rows.back().at(0));
  BOOST_TEST(summary.at("stopped_early").get<bool>());
  // The stop rule, read from the rows and theory.json: over the last decade ||ρ|| moved by at
  // most 1e-3 of ||ŵ|| log 10 (ŵ of eq. (7)).
  const double norm_w = number(theory.at("svm_eq7"), "norm_w");
  const std::size_t last = flow.rows.size() - 1;
  std::size_t k = last;
  while (k > 0 && flow.rows[k - 1].at(0) >= flow.rows[last].at(0) / 10.0001) --k;
  BOOST_REQUIRE(k < last);
  BOOST_TEST(std::fabs(flow.at(last, "rho_norm") - flow.at(k, "rho_norm")) <=
             1e-3 * norm_w * std::log(10.0));
  // b grows like eq. (7)'s b̂ log t: its slope over the last decade, (b(T) - b(T/10)) / log 10,
  // within 5% of b̂.
  const double b_hat = number(theory.at("svm_eq7"), "b");
  const double slope = (flow.at(last, "b") - flow.at(k, "b")) / std::log(10.0);
  BOOST_TEST(std::fabs(slope - b_hat) <= 0.05 * std::fabs(b_hat));

  // Without summary.json beside the log, or at 50 digits, the command refuses and writes nothing.
  std::filesystem::remove(p / "gd" / "summary.json");
  const auto missing = run_lingrok(base + q(p / "bad"));
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(missing.err.find("summary.json") != std::string::npos);
  BOOST_TEST(!std::filesystem::exists(p / "bad"));
  const auto high = run_lingrok("integrate --which logtime --precision 50 --data " + q(p / "data") +
                                " --theory " + q(p / "theory.json") + " --out " + q(p / "bad"));
  BOOST_TEST(high.exit_code == 2);
  BOOST_TEST(!std::filesystem::exists(p / "bad"));
}
