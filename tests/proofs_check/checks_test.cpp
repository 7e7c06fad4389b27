// Each check on synthetic results whose verdict is known, in each direction: a claim that
// holds, one that fails, a violated premise, and a run too short (or inputs missing) to decide.
#define BOOST_TEST_MODULE proofs_check_checks
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "proofs_check/checks/checks.hpp"
#include "proofs_check/registry.hpp"

using namespace lingrok;

namespace {

nlohmann::json q(double v) { return {{"value", v}, {"digits", std::to_string(v)}}; }

// theory.json for a d = 2 problem: ||ŵ|| = 2/γ, given b̂, ||w̃||, eta*beta, predictions.
nlohmann::json theory(double b_hat, double eta_beta, double log_lower = 2, double log_upper = 6) {
  nlohmann::json th;
  th["b_hat"] = q(b_hat);
  // As `lingrok theory` writes it: the premise decided once (TheoryRecord::assumption_3_1_holds).
  th["assumption_3_1"]["holds"] = std::fabs(b_hat) <= 1e-9;
  th["assumption_3_1"]["holds_exactly"] = std::fabs(b_hat) <= 1e-30 * 2000;
  th["assumption_3_1"]["tol"] = 1e-9;
  th["svm_bias_free"]["norm_w"] = q(2000);
  th["margin"] = q(5e-4);
  th["R"] = q(7);
  th["w_hat"] = {{"value", {1414.2, 1414.2}}, {"digits", {"1414.2", "1414.2"}}};
  th["w_hat_eq7"] = {{"value", {1414.2, 1414.2}}, {"digits", {"1414.2", "1414.2"}}};
  th["norm_w_tilde"] = q(3);
  th["eta_beta"] = q(eta_beta);
  th["eta"] = q(0.01);
  th["A_plus"] = q(2);
  th["A_minus"] = q(0.5);
  th["b_inf"] = q(std::log(2.0));
  th["b_inf_minus_b_tilde"] = q(0);
  th["grokking"]["gamma"] = q(1e-3);
  th["grokking"]["predictions"] = nlohmann::json::array();
  for (double eps : {1e-3, 1e-2, 5e-2}) {
    th["grokking"]["predictions"].push_back({{"epsilon", eps},
                                             {"T_te_lower", {{"log_t", q(log_lower)}}},
                                             {"T_te_upper", {{"log_t", q(log_upper)}}},
                                             {"T_te_small_gamma", {{"log_t", q(4)}}},
                                             {"T_te_refined", {{"log_t", q(4)}}}});
  }
  return th;
}

// A GD log on t = 1, 2, 5, 10, ..., 1e5 with the given curves.
Table trajectory(const std::function<double(double)>& acc_conc,
                 const std::function<double(double)>& rho, double cos_value = 0.5,
                 double rho_gap = 1e9) {
  std::vector<double> t;
  for (double decade = 1; decade <= 1e5; decade *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * decade <= 1e5) t.push_back(m * decade);
    }
  }
  std::vector<double> train, conc, std_acc, r, rho_col, cos, gap;
  for (double x : t) {
    train.push_back(x >= 5 ? 1.0 : 0.5);
    std_acc.push_back(x >= 5 ? 1.0 : 0.5);
    conc.push_back(acc_conc(x));
    r.push_back(x >= 100 ? 1e-5 : 1.0);
    rho_col.push_back(rho(x));
    cos.push_back(cos_value);
    gap.push_back(rho_gap);
  }
  return Table::from_columns({{"t", t},
                              {"acc_train", train},
                              {"acc_test_standard", std_acc},
                              {"acc_test_conc", conc},
                              {"r", r},
                              {"rho_norm", rho_col},
                              {"cos_update", cos},
                              {"rho_minus_w_tilde", gap}});
}

RunArtifacts run_with(nlohmann::json th, Table tr, nlohmann::json summary = nullptr) {
  RunArtifacts run;
  run.dir = "synthetic";
  run.theory = std::move(th);
  run.trajectory = std::move(tr);
  if (!summary.is_null()) run.gd_summary = std::move(summary);
  return run;
}

const auto late_step = [](double t) { return t >= 1e4 ? 1.0 : 0.5; };  // conc accuracy jumps at 1e4
const auto bounded = [](double) { return 3.0; };
const auto growing = [](double t) { return 3.0 + 2000.0 * std::log(t); };

}  // namespace

BOOST_AUTO_TEST_CASE(a3_1_holds_for_zero_bias_and_fails_otherwise) {
  CheckOptions o;
  BOOST_TEST(
      checks::check_A3_1(run_with(theory(1e-45, 1), trajectory(late_step, bounded)), o).verdict ==
      Verdict::holds);
  BOOST_TEST(
      checks::check_A3_1(run_with(theory(0.3, 1), trajectory(late_step, bounded)), o).verdict ==
      Verdict::fails);
  BOOST_TEST(checks::check_A3_1(RunArtifacts{}, o).verdict == Verdict::inconclusive);
}

BOOST_AUTO_TEST_CASE(t4_3_is_not_applicable_when_assumption_3_1_fails) {
  CheckOptions o;
  BOOST_TEST(
      checks::check_T4_3(run_with(theory(0, 1), trajectory(late_step, bounded)), o).verdict ==
      Verdict::holds);
  BOOST_TEST(
      checks::check_T4_3(run_with(theory(0.3, 1), trajectory(late_step, bounded)), o).verdict ==
      Verdict::not_applicable);
  auto th = theory(0, 1);
  th["w_hat_eq7"]["digits"] = {"1414.2", "1414.3"};
  BOOST_TEST(checks::check_T4_3(run_with(th, trajectory(late_step, bounded)), o).verdict ==
             Verdict::fails);
}

BOOST_AUTO_TEST_CASE(t4_1_bounded_unbounded_and_premise_violated) {
  CheckOptions o;
  BOOST_TEST(
      checks::check_T4_1(run_with(theory(0, 1), trajectory(late_step, bounded)), o).verdict ==
      Verdict::holds);
  // Growth before the late-time regime is not yet a contradiction; inside it, it is.
  BOOST_TEST(
      checks::check_T4_1(run_with(theory(0, 1), trajectory(late_step, growing)), o).verdict ==
      Verdict::inconclusive);
  BOOST_TEST(checks::check_T4_1(run_with(theory(0, 1), trajectory(late_step, growing, 0.5, 0.0)), o)
                 .verdict == Verdict::fails);
  // The late-time regime starts at t0 = 5e4, inside the last decade [1e4, 1e5]: the growth
  // measured there may be the approach to the limit, so it decides nothing.
  Table late = trajectory(late_step, growing, 0.5, 0.0);
  std::vector<double> gap = late.col("t");
  for (double& g : gap) g = g >= 5e4 ? 0.0 : 1e9;
  std::vector<std::pair<std::string, std::vector<double>>> cols;
  for (const auto& name : late.names())
    cols.emplace_back(name, name == "rho_minus_w_tilde" ? gap : late.col(name));
  const auto late_start = checks::check_T4_1(run_with(theory(0, 1), Table::from_columns(cols)), o);
  BOOST_TEST(late_start.verdict == Verdict::inconclusive);
  BOOST_TEST(late_start.reason.find("begins before the late-time regime") != std::string::npos);
  // Inside the regime, ||ρ|| approaching its limit like 1/t changes less each decade: converging.
  const auto converging = [](double t) { return 3000.0 - 2e6 / (t + 1e3); };
  const auto c =
      checks::check_T4_1(run_with(theory(0, 1), trajectory(late_step, converging, 0.5, 0.0)), o);
  BOOST_TEST(c.verdict == Verdict::inconclusive);
  BOOST_TEST(c.reason.find("converging") != std::string::npos);
  BOOST_TEST(
      checks::check_T4_1(run_with(theory(0, 50), trajectory(late_step, bounded)), o).verdict ==
      Verdict::not_applicable);
  // ρ not logged (GD ran without ŵ): inconclusive; a comparison with NaN must not read as growth.
  const auto not_logged = [](double) { return std::nan(""); };
  const auto r = checks::check_T4_1(run_with(theory(0, 1), trajectory(late_step, not_logged)), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.reason.find("not logged") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(t4_6_inside_outside_and_unreached) {
  CheckOptions o;
  // T_te = 1e4, log = 9.2: inside [2, 10], outside [2, 6], never reached if accuracy never rises.
  BOOST_TEST(checks::check_T4_6(run_with(theory(0, 1, 2, 10), trajectory(late_step, bounded)), o)
                 .verdict == Verdict::holds);
  BOOST_TEST(
      checks::check_T4_6(run_with(theory(0, 1, 2, 6), trajectory(late_step, bounded)), o).verdict ==
      Verdict::fails);
  const auto never = [](double t) {
    return t < 10 ? 0.9 : 0.5;
  };  // sup reached at t = 1 ... then falls
  auto r = checks::check_T4_6(run_with(theory(0, 50, 2, 10), trajectory(never, bounded)), o);
  BOOST_TEST(r.verdict == Verdict::not_applicable);  // ηβ = 50 > 2
  // b̂ ≠ 0 (Assumption 3.1 fails): no δ, no B = ||w̃||, no bounds to hold.
  r = checks::check_T4_6(run_with(theory(0.5, 1, 2, 10), trajectory(late_step, bounded)), o);
  BOOST_TEST(r.verdict == Verdict::not_applicable);
  BOOST_TEST(r.reason.find("Assumption 3.1 fails") != std::string::npos);
  // Bounds that theory.json leaves null: nothing to compare with, not a failure.
  r = checks::check_T4_6(
      run_with(theory(0, 1, std::nan(""), std::nan("")), trajectory(late_step, bounded)), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
}

BOOST_AUTO_TEST_CASE(d3_4_grokking_on_conc_only) {
  CheckOptions o;
  // Train at 5, conc at 1e4 (ζ = 2000), standard at 5 (ζ = 1); PGD not logged: inconclusive.
  auto r = checks::check_D3_4(run_with(theory(0, 1), trajectory(late_step, bounded)), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.value("groks on concentrated") == 1.0);
  BOOST_TEST(r.value("groks on standard") == 0.0);
  BOOST_TEST(r.key_measurement()->name == "smallest zeta, concentrated");
  // Concentrated accuracy arriving with the train accuracy: no grokking, the claim fails, and
  // the key number is the set that contradicts it (not the first measurement).
  const auto early = [](double t) { return t >= 5 ? 1.0 : 0.5; };
  r = checks::check_D3_4(run_with(theory(0, 1), trajectory(early, bounded)), o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.key_measurement()->name == "smallest zeta, concentrated");
  BOOST_TEST(r.measured.front().name == "groks on standard");
  BOOST_TEST(lingrok::to_json(r)["key"] == "smallest zeta, concentrated");
}

BOOST_AUTO_TEST_CASE(the_key_number_defaults_to_the_first_measurement) {
  lingrok::CheckReport r;
  BOOST_TEST(r.key_measurement() == nullptr);
  r.add("first", 1);
  r.add("second", 2);
  BOOST_TEST(r.key_measurement()->value == 1);
  r.key = "second";
  BOOST_TEST(r.key_measurement()->value == 2);
  BOOST_TEST(lingrok::to_markdown({r}, "t", {}).find("second = 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(gd_regime_fails_on_oscillation_and_large_steps) {
  CheckOptions o;
  const nlohmann::json calm = {
      {"eta_beta", 1.0},
      {"rounding_check",
       {{"first_b_divergence", -1}, {"first_reach_agree", true}, {"steps", 1000}}}};
  BOOST_TEST(
      checks::check_GD(run_with(theory(0, 1), trajectory(late_step, bounded), calm), o).verdict ==
      Verdict::holds);
  BOOST_TEST(
      checks::check_GD(run_with(theory(0, 1), trajectory(late_step, bounded, -0.999), calm), o)
          .verdict == Verdict::fails);
  const nlohmann::json big = {{"eta_beta", 50.0}};
  BOOST_TEST(
      checks::check_GD(run_with(theory(0, 50), trajectory(late_step, bounded), big), o).verdict ==
      Verdict::fails);
  // What simulate writes when b never diverges: null, not -1 (summary.json regime block).
  const nlohmann::json calm_null = {
      {"eta_beta", 1.0},
      {"rounding_check",
       {{"first_b_divergence", nullptr}, {"first_reach_agree", true}, {"steps", 1000}}}};
  BOOST_TEST(checks::check_GD(run_with(theory(0, 1), trajectory(late_step, bounded), calm_null), o)
                 .verdict == Verdict::holds);
  const nlohmann::json diverged = {
      {"eta_beta", 1.0},
      {"rounding_check",
       {{"first_b_divergence", 120}, {"first_reach_agree", true}, {"steps", 1000}}}};
  BOOST_TEST(checks::check_GD(run_with(theory(0, 1), trajectory(late_step, bounded), diverged), o)
                 .verdict == Verdict::fails);
  const nlohmann::json no_rounding = {{"eta_beta", 1.0}};
  BOOST_TEST(
      checks::check_GD(run_with(theory(0, 1), trajectory(late_step, bounded), no_rounding), o)
          .verdict == Verdict::inconclusive);
}

BOOST_AUTO_TEST_CASE(every_registered_check_runs_on_an_empty_run_and_says_inconclusive) {
  const auto reports = run_checks(RunArtifacts{}, CheckOptions{});
  BOOST_TEST(reports.size() == 14u);
  for (const auto& r : reports) {
    BOOST_TEST((r.verdict == Verdict::inconclusive), r.id << ": " << to_string(r.verdict));
    BOOST_TEST(!r.reason.empty());
  }
}
