// `lingrok sweep` (pipeline/sweep_plan.cpp): the tiny preset (configs/sweep_tiny.json: stable family,
// k_minus 350 and 20, one seed, 5000 steps) writes sweep.csv with the columns the
// bound-versus-observed figure reads, one row per point and ε, δ and the predictions as
// theory.json states them, the same bytes on a second run, sweep.json and the figure; a bad
// configuration exits with code 2, a one-line message naming the field, and no output.
#define BOOST_TEST_MODULE cli_sweep
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "../support/run_command.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/table.hpp"

using namespace lingrok::testing;

namespace {

const char* const kHeader =
    "family,seed,k_minus,delta,abs_log_delta,epsilon,T_te_first,T_te_settle,bound_lower_Blim,"
    "bound_upper_Blim,bound_lower_Bobs,bound_upper_Bobs,estimate_small_gamma,estimate_refined";

std::string tiny_config() { return (source_dir() / "configs" / "sweep_tiny.json").string(); }

CommandResult sweep(const std::string& config, const std::filesystem::path& out,
                    const std::string& extra = "") {
  return run_lingrok("sweep --config " + config + " --out " + out.string() + extra);
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

bool close(double a, double b, double rel = 1e-12) {
  return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b));
}

// The tiny sweep, run once for all test cases (two runs for the determinism check).
struct TinySweep {
  TempDir dir{"sweep_tiny"};
  std::filesystem::path a = dir.path() / "a", b = dir.path() / "b";
  CommandResult ra = sweep(tiny_config(), a);
  CommandResult rb = sweep(tiny_config(), b, " --no-figure");
};

TinySweep& tiny() {
  static TinySweep s;
  return s;
}

void expect_rejected(const std::string& sweep_section, const std::string& needle,
                     const std::string& extra_top = "") {
  TempDir dir("sweep_bad");
  write_file(dir.path() / "c.json", "{" + extra_top + R"("sweep": )" + sweep_section + "}");
  const auto out = dir.path() / "out";
  const auto r = sweep((dir.path() / "c.json").string(), out);
  BOOST_TEST(r.exit_code == 2, "exit code " << r.exit_code << " for " << sweep_section);
  BOOST_TEST(r.err.find(needle) != std::string::npos,
             "stderr \"" << r.err << "\" lacks \"" << needle << "\"");
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);
  BOOST_TEST(!std::filesystem::exists(out), "output left behind for " << sweep_section);
}

}  // namespace

BOOST_AUTO_TEST_CASE(tiny_sweep_writes_the_table_the_figure_reads) {
  auto& s = tiny();
  BOOST_REQUIRE_MESSAGE(s.ra.exit_code == 0, s.ra.err + s.ra.out);
  const std::string csv = slurp(s.a / "sweep.csv");
  BOOST_TEST(first_line(csv) == kHeader);
  const auto table = lingrok::Table::read(s.a / "sweep.csv");
  // 2 k_minus x 1 seed x 3 ε, in the configuration's order: k_minus 350 then 20, ε ascending.
  BOOST_REQUIRE(table.rows() == 6u);
  const std::vector<double> k{350, 350, 350, 20, 20, 20};
  const std::vector<double> eps{0.01, 0.05, 0.2, 0.01, 0.05, 0.2};
  for (std::size_t i = 0; i < 6; ++i) {
    BOOST_TEST(table.col("k_minus")[i] == k[i]);
    BOOST_TEST(table.col("epsilon")[i] == eps[i]);
    BOOST_TEST(table.col("seed")[i] == 1.0);
  }
  BOOST_TEST(csv.find("\nstable,1,350,") != std::string::npos);
  // Every point finished, with a status and wall time in sweep.json and none in the CSV.
  const auto j = nlohmann::json::parse(slurp(s.a / "sweep.json"));
  BOOST_TEST(j["points"].size() == 2u);
  for (const auto& p : j["points"]) BOOST_TEST(p["status"].get<std::string>() == "ok");
  BOOST_TEST(j["points_failed"].get<int>() == 0);
  BOOST_TEST(j.contains("lingrok_version"));
  BOOST_TEST(j["seeds"] == nlohmann::json::array({1}));
  BOOST_TEST(j["config"]["sweep"]["k_plus"].get<int>() == 350);
  BOOST_TEST(j["wall_time_s"].get<double>() > 0);
  BOOST_TEST(csv.find("wall") == std::string::npos);
  // The figure, drawn from the table when gnuplot is there.
  if (j["figure"].is_string()) {
    BOOST_TEST(std::filesystem::exists(j["figure"].get<std::string>()));
    BOOST_TEST(std::filesystem::exists(s.a / "figures" / "bound_vs_observed.gp"));
  } else {
    BOOST_TEST(j["figure_note"].get<std::string>().find("gnuplot") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(delta_and_predictions_are_the_theorys) {
  auto& s = tiny();
  BOOST_REQUIRE(s.ra.exit_code == 0);
  const auto table = lingrok::Table::read(s.a / "sweep.csv");
  BOOST_REQUIRE(table.rows() == 6u);
  for (std::size_t i = 0; i < table.rows(); ++i) {
    const int k = static_cast<int>(table.col("k_minus")[i]);
    std::string point = "k";  // (built by += : GCC 12 warns falsely on "k" + to_string(k))
    point += std::to_string(k);
    point += "_seed1";
    const auto dir = s.a / "runs" / "stable" / point;
    const auto theory = nlohmann::json::parse(slurp(dir / "theory.json"));
    // Read here directly (theory.json's {"value": x or null} quantities), not through
    // results/theory_record.hpp, which the sweep itself uses.
    const auto num = [](const nlohmann::json& q) {
      return q.is_object() && q.contains("value") && q.at("value").is_number()
                 ? q.at("value").get<double>()
                 : std::nan("");
    };
    const double A_plus = num(theory["A_plus"]);
    const double A_minus = num(theory["A_minus"]);
    const double delta = table.col("delta")[i];
    // docs/theory.md#bias-constants: δ = (A-/A+)^{1/2}, b∞ = -log δ.
    BOOST_TEST(close(delta, std::sqrt(A_minus / A_plus), 1e-12));
    BOOST_TEST(close(table.col("abs_log_delta")[i], std::fabs(std::log(delta)), 1e-9));
    // The B_lim bounds, small-γ and refined estimates are theory.json's, bit for bit.
    const double e = table.col("epsilon")[i];
    const nlohmann::json* p = nullptr;
    for (const auto& q : theory["grokking"]["predictions"]) {
      if (q["epsilon"].get<double>() == e) p = &q;
    }
    BOOST_REQUIRE(p != nullptr);
    BOOST_TEST(table.col("bound_lower_Blim")[i] == num((*p)["T_te_lower"]["t"]));
    BOOST_TEST(table.col("bound_upper_Blim")[i] == num((*p)["T_te_upper"]["t"]));
    BOOST_TEST(table.col("estimate_small_gamma")[i] == num((*p)["T_te_small_gamma"]["t"]));
    // The refined estimate has no solution when the threshold lies above the largest D of
    // the model trajectory (k_minus = 350, ε = 0.2 here): nan in both.
    const double refined = num((*p)["T_te_refined"]["t"]);
    const double refined_csv = table.col("estimate_refined")[i];
    BOOST_TEST((refined_csv == refined || (std::isnan(refined_csv) && std::isnan(refined))));
    // docs/theory.md#grokking-time: the small-γ estimate is exp(|log δ| / ℓ(ε)), ℓ = 1 + 2ε(2α-1),
    // α = 10 here; each pair of bounds brackets it symmetrically in log t.
    const double small = table.col("estimate_small_gamma")[i];
    BOOST_TEST(close(std::log(small), table.col("abs_log_delta")[i] / (1 + 2 * e * 19), 1e-9));
    for (const char* b : {"Blim", "Bobs"}) {
      const double lo = table.col(std::string("bound_lower_") + b)[i];
      const double hi = table.col(std::string("bound_upper_") + b)[i];
      BOOST_TEST(lo <= small);
      BOOST_TEST(small <= hi);
      BOOST_TEST(close(std::log(small) - std::log(lo), std::log(hi) - std::log(small), 1e-9));
    }
    // Observed times are logged GD steps, or nan when the level is never reached.
    for (const char* c : {"T_te_first", "T_te_settle"}) {
      const double t = table.col(c)[i];
      BOOST_TEST((std::isnan(t) || (t >= 0 && t <= 5000 && t == std::floor(t))), c << " = " << t);
    }
  }
}

BOOST_AUTO_TEST_CASE(predictions_grow_with_the_imbalance) {
  auto& s = tiny();
  BOOST_REQUIRE(s.ra.exit_code == 0);
  const auto t = lingrok::Table::read(s.a / "sweep.csv");
  BOOST_REQUIRE(t.rows() == 6u);
  // Row i (k_minus = 350) and row i + 3 (k_minus = 20) have the same ε; fewer negative support
  // vectors make the imbalance larger, and the small-γ estimate exp(|log δ|/ℓ(ε)) grows with it
  // (docs/theory.md#grokking-time), and so does the refined estimate where it exists; for a fixed
  // point the small-γ estimate falls as ε grows.
  for (std::size_t i = 0; i < 3; ++i) {
    BOOST_TEST(t.col("abs_log_delta")[i + 3] > t.col("abs_log_delta")[i]);
    BOOST_TEST(t.col("estimate_small_gamma")[i + 3] > t.col("estimate_small_gamma")[i]);
    const double r350 = t.col("estimate_refined")[i], r20 = t.col("estimate_refined")[i + 3];
    if (std::isfinite(r350)) BOOST_TEST(r20 > r350);
  }
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    BOOST_TEST(t.col("estimate_small_gamma")[i + 1] < t.col("estimate_small_gamma")[i]);
  }
}

BOOST_AUTO_TEST_CASE(identical_configurations_give_identical_tables) {
  auto& s = tiny();
  BOOST_REQUIRE(s.ra.exit_code == 0);
  BOOST_REQUIRE_MESSAGE(s.rb.exit_code == 0, s.rb.err);
  BOOST_TEST(slurp(s.a / "sweep.csv") == slurp(s.b / "sweep.csv"));
  BOOST_TEST(!std::filesystem::exists(s.b / "figures"));
  const auto j = nlohmann::json::parse(slurp(s.b / "sweep.json"));
  BOOST_TEST(j["figure"].is_null());
}

BOOST_AUTO_TEST_CASE(bad_configurations_are_refused_without_output) {
  expect_rejected(R"({"k_minus": []})", "sweep.k_minus is empty");
  expect_rejected(R"({"k_minus": [1001]})", "k_minus = 1001 is outside [0, n_minus = 1000]");
  expect_rejected(R"({"k_minus": [60]})", "raise data.n_minus", R"("data": {"n_minus": 50}, )");
  expect_rejected(R"({"families": ["stabel"]})", "unknown family \"stabel\"");
  expect_rejected(R"({"families": []})", "sweep.families is empty");
  expect_rejected(R"({"steps": 0})", "sweep.steps = 0 must be at least 1");
  expect_rejected(R"({"steps": -5})", "sweep.steps = -5 must be at least 1");
  expect_rejected(R"({"steps": {"stable": 100}})", "no entry for family \"literal\"");
  expect_rejected(R"({"seeds": []})", "sweep.seeds is empty");
  expect_rejected(R"({"epsilon": [0]})", "is outside (0, 1)");
  expect_rejected(R"({"k_minus": [50, 50]})", "lists 50 twice");
  expect_rejected(R"({"jobs": 0})", "jobs must be at least 1");
  expect_rejected(R"({"kminus": [10]})", "unknown key \"kminus\"");
  expect_rejected(R"({})", "data.gamma is set by the sweep", R"("data": {"gamma": 0.1}, )");
  expect_rejected(R"({})", "takes no \"gd\" section", R"("gd": {"steps": 10}, )");
}
