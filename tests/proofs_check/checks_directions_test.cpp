// The checks that tests/proofs_check/checks_test.cpp leaves out (A3.3, T4.2, A4.4, T4.5, S4.3,
// S4.5, R4.7, S6), each on synthetic results whose verdict is known, in every direction the
// check can reach: a claim that holds, one that fails, a violated premise, and a run too short
// (or inputs missing) to decide. Holding and failing inputs differ in one number, so that each
// assertion can really fail.
#define BOOST_TEST_MODULE proofs_check_checks_directions
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "proofs_check/checks/checks.hpp"
#include "theory/bias/closed_form.hpp"

using namespace lingrok;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

nlohmann::json q(double v) { return {{"value", v}, {"digits", std::to_string(v)}}; }

// theory.json with the quantities these checks read: ||w̃|| = 3 (so the ρ tolerance is
// 0.05 · 3 = 0.15), A+ = 2, A- = 1/2 (δ = 1/2, b∞ = log 2), η = 0.01, ηβ, R, γ.
nlohmann::json theory(double eta_beta = 1) {
  nlohmann::json th;
  th["R"] = q(7);
  th["norm_w_tilde"] = q(3);
  th["eta_beta"] = q(eta_beta);
  th["eta"] = q(0.01);
  th["A_plus"] = q(2);
  th["A_minus"] = q(0.5);
  th["b_inf"] = q(std::log(2.0));
  th["b_inf_minus_b_tilde"] = q(0);
  th["grokking"]["gamma"] = q(1e-3);
  return th;
}

// Logged steps: ten per decade (1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8 times 10^k) up to 1e5.
std::vector<double> fine_steps() {
  std::vector<double> t;
  for (double decade = 1; decade < 1e5; decade *= 10) {
    for (double m : {1.0, 1.25, 1.6, 2.0, 2.5, 3.2, 4.0, 5.0, 6.3, 8.0}) t.push_back(m * decade);
  }
  t.push_back(1e5);
  return t;
}

// Logged steps: 1, 2, 5, 10, ..., 1e5 (three per decade).
std::vector<double> coarse_steps() {
  std::vector<double> t;
  for (double decade = 1; decade <= 1e5; decade *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * decade <= 1e5) t.push_back(m * decade);
    }
  }
  return t;
}

using Curve = std::function<double(double)>;

// A GD log on the steps `t` with one column per named curve of t.
Table trajectory(const std::vector<double>& t,
                 const std::vector<std::pair<std::string, Curve>>& curves) {
  std::vector<std::pair<std::string, std::vector<double>>> columns{{"t", t}};
  for (const auto& [name, f] : curves) {
    std::vector<double> col;
    for (double x : t) col.push_back(f(x));
    columns.emplace_back(name, std::move(col));
  }
  return Table::from_columns(columns);
}

RunArtifacts run_with(nlohmann::json th, Table tr, nlohmann::json summary = nullptr) {
  RunArtifacts run;
  run.dir = "synthetic";
  if (!th.is_null()) run.theory = std::move(th);
  run.trajectory = std::move(tr);
  if (!summary.is_null()) run.gd_summary = std::move(summary);
  return run;
}

// The run's theory.json with one field replaced.
void set_theory(RunArtifacts& run, const std::string& key, const nlohmann::json& value) {
  nlohmann::json th = run.theory->json();
  th[key] = value;
  run.theory = th;
}

Curve constant(double v) {
  return [v](double) { return v; };
}
// `before` until `t_jump`, `after` from it on.
Curve jump_at(double t_jump, double before, double after) {
  return [=](double t) { return t >= t_jump ? after : before; };
}
// r(t): the non-support points stop mattering (r <= κ = 1e-3) from t = 100.
const Curve r_drops_at_100 = jump_at(100, 1.0, 1e-5);

}  // namespace

// ---------------------------------------------------------------------------------------------
// A3.3: R finite. No premise; `fails` needs a non-finite R.

BOOST_AUTO_TEST_CASE(a3_3_finite_R_holds_infinite_R_fails) {
  CheckOptions o;
  const Table tr = trajectory(coarse_steps(), {});
  auto r = checks::check_A3_3(run_with(theory(), tr), o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("R") == 7.0);
  BOOST_TEST(r.key_measurement()->name == "R");
  BOOST_TEST(r.inputs["source"] == "theory.json");

  auto th = theory();
  th["R"] = q(kInf);
  r = checks::check_A3_3(run_with(th, tr), o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(std::isinf(r.value("R")));
}

BOOST_AUTO_TEST_CASE(a3_3_reads_R_from_data_json_when_theory_lacks_it) {
  CheckOptions o;
  auto th = theory();
  th.erase("R");
  RunArtifacts run = run_with(th, trajectory(coarse_steps(), {}));
  run.data_summary = nlohmann::json{{"sets", {{"train", {{"R", 6.5}}}}}};
  auto r = checks::check_A3_3(run, o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("R") == 6.5);
  BOOST_TEST(r.inputs["source"] == "data/data.json");

  run.data_summary = nlohmann::json{{"sets", {{"train", {{"R", kInf}}}}}};
  BOOST_TEST(checks::check_A3_3(run, o).verdict == Verdict::fails);
}

BOOST_AUTO_TEST_CASE(a3_3_without_R_is_inconclusive) {
  CheckOptions o;
  auto th = theory();
  th.erase("R");
  const auto r = checks::check_A3_3(run_with(th, trajectory(coarse_steps(), {})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
  BOOST_TEST(r.reason.find("generate") != std::string::npos);
  // data.json without the "sets" block does not help either.
  RunArtifacts run = run_with(th, trajectory(coarse_steps(), {}));
  run.data_summary = nlohmann::json{{"gamma", 1e-3}};
  BOOST_TEST(checks::check_A3_3(run, o).verdict == Verdict::inconclusive);
}

// ---------------------------------------------------------------------------------------------
// T4.2: ||ρ(T) - w̃|| <= 0.05 · max(1, ||w̃||) = 0.15; premise ηβ < 2.

BOOST_AUTO_TEST_CASE(t4_2_holds_when_rho_ends_near_w_tilde) {
  CheckOptions o;
  const auto r = checks::check_T4_2(
      run_with(theory(), trajectory(coarse_steps(), {{"rho_minus_w_tilde", constant(0.14)}})), o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("||rho(T) - w_tilde||") == 0.14);
  BOOST_TEST(r.value("eta*beta") == 1.0);
  BOOST_TEST(r.key_measurement()->name == "||rho(T) - w_tilde||");
}

BOOST_AUTO_TEST_CASE(t4_2_fails_when_rho_stays_away_and_is_not_shrinking) {
  CheckOptions o;
  // Same run, ||ρ - w̃|| = 0.16 > 0.15 throughout: no progress over the last decade.
  const auto r = checks::check_T4_2(
      run_with(theory(), trajectory(coarse_steps(), {{"rho_minus_w_tilde", constant(0.16)}})), o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("||rho(T) - w_tilde||") == 0.16);
  BOOST_TEST(r.value("||rho(T/10) - w_tilde||") == 0.16);
  BOOST_TEST(r.key_measurement()->name == "||rho(T) - w_tilde||");
  // A larger ||w̃|| widens the tolerance to 0.05 · 4 = 0.2: the same log then holds.
  auto th = theory();
  th["norm_w_tilde"] = q(4);
  BOOST_TEST(
      checks::check_T4_2(
          run_with(th, trajectory(coarse_steps(), {{"rho_minus_w_tilde", constant(0.16)}})), o)
          .verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(t4_2_is_inconclusive_while_rho_is_still_shrinking) {
  CheckOptions o;
  // 0.16 at T = 1e5 but 0.17 at T/10: still approaching w̃, a longer run would settle it.
  const Curve shrinking = [](double t) { return t >= 1e5 ? 0.16 : 0.17; };
  const auto r = checks::check_T4_2(
      run_with(theory(), trajectory(coarse_steps(), {{"rho_minus_w_tilde", shrinking}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.value("||rho(T) - w_tilde||") == 0.16);
  BOOST_TEST(r.value("||rho(T/10) - w_tilde||") == 0.17);
}

BOOST_AUTO_TEST_CASE(t4_2_is_not_applicable_when_the_step_is_unstable) {
  CheckOptions o;
  // ρ ends near w̃, but ηβ = 2 violates η < 2/β (from theory.json) ...
  const Table tr = trajectory(coarse_steps(), {{"rho_minus_w_tilde", constant(0.14)}});
  auto r = checks::check_T4_2(run_with(theory(2.0), tr), o);
  BOOST_TEST(r.verdict == Verdict::not_applicable);
  BOOST_TEST(r.value("eta*beta") == 2.0);
  BOOST_TEST(r.reason.find("premise") != std::string::npos);
  // ... and the GD summary's ηβ takes precedence over theory.json's.
  r = checks::check_T4_2(run_with(theory(1.0), tr, {{"eta_beta", 3.0}}), o);
  BOOST_TEST(r.verdict == Verdict::not_applicable);
  BOOST_TEST(r.value("eta*beta") == 3.0);
  r = checks::check_T4_2(run_with(theory(3.0), tr, {{"regime", {{"eta_beta", 1.5}}}}), o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("eta*beta") == 1.5);
}

BOOST_AUTO_TEST_CASE(t4_2_without_the_gap_column_or_theory_is_inconclusive) {
  CheckOptions o;
  auto r = checks::check_T4_2(
      run_with(theory(), trajectory(coarse_steps(), {{"rho_norm", constant(3)}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
  r = checks::check_T4_2(
      run_with(nullptr, trajectory(coarse_steps(), {{"rho_minus_w_tilde", constant(0.14)}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.reason.find("simulate --theory") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// A4.4: both r <= κ and ||ρ - w̃|| <= 0.15 from some t0 to the end. An assumption about all
// later times: a finite run can confirm it (holds) or leave it open (inconclusive), never
// refute it, and it has no premise.

BOOST_AUTO_TEST_CASE(a4_4_holds_from_the_later_of_the_two_times) {
  CheckOptions o;
  const auto r = checks::check_A4_4(
      run_with(theory(), trajectory(coarse_steps(), {{"r", r_drops_at_100},
                                                     {"rho_minus_w_tilde", constant(0.14)}})),
      o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("t(r <= kappa)") == 100.0);
  BOOST_TEST(r.value("t(||rho - w_tilde|| <= tol)") == 1.0);
  BOOST_TEST(r.value("t0") == 100.0);
  BOOST_TEST(r.value("T") == 1e5);
  BOOST_TEST(r.key_measurement()->name == "t0");

  // ρ reaching w̃ later than r reaching κ moves t0 there.
  const auto r2 = checks::check_A4_4(
      run_with(theory(),
               trajectory(coarse_steps(),
                          {{"r", r_drops_at_100}, {"rho_minus_w_tilde", jump_at(2000, 1, 0.14)}})),
      o);
  BOOST_TEST(r2.verdict == Verdict::holds);
  BOOST_TEST(r2.value("t0") == 2000.0);
}

BOOST_AUTO_TEST_CASE(a4_4_is_inconclusive_when_a_condition_does_not_hold_to_the_end) {
  CheckOptions o;
  // ||ρ - w̃|| = 0.16 > 0.15: the weights never follow ŵ log t + w̃ within tolerance.
  auto r = checks::check_A4_4(
      run_with(theory(), trajectory(coarse_steps(), {{"r", r_drops_at_100},
                                                     {"rho_minus_w_tilde", constant(0.16)}})),
      o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("t0")));
  BOOST_TEST(r.value("t(r <= kappa)") == 100.0);
  BOOST_TEST(std::isnan(r.value("t(||rho - w_tilde|| <= tol)")));
  // r falls below κ but rises again at the last step: not held to the end.
  const Curve r_back_up = [](double t) { return t >= 100 && t < 1e5 ? 1e-5 : 1.0; };
  r = checks::check_A4_4(
      run_with(theory(), trajectory(coarse_steps(),
                                    {{"r", r_back_up}, {"rho_minus_w_tilde", constant(0.14)}})),
      o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("t(r <= kappa)")));
  BOOST_TEST(r.value("t(||rho - w_tilde|| <= tol)") == 1.0);
}

BOOST_AUTO_TEST_CASE(a4_4_without_its_columns_or_theory_is_inconclusive) {
  CheckOptions o;
  auto r = checks::check_A4_4(
      run_with(theory(), trajectory(coarse_steps(), {{"r", r_drops_at_100}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
  r = checks::check_A4_4(
      run_with(nullptr, trajectory(coarse_steps(),
                                   {{"r", r_drops_at_100}, {"rho_minus_w_tilde", constant(0.14)}})),
      o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
}

// ---------------------------------------------------------------------------------------------
// T4.5: four parts (symbolic identities, the 50-digit bias ODE, b∞ = b̃, the GD bias against
// the closed form after t0). Any failing part fails it; all decided and passing holds; else
// inconclusive. No premise of its own.

namespace {

// The GD bias: 0 before t0 = 100 (where r <= κ and ρ ≈ w̃), the closed form from (100, 0) after,
// plus `offset` from t = 1e4 on.
Curve gd_bias(double offset) {
  const BiasOdeParams<double> p{2.0, 0.5, 0.01, 100.0, 0.0};
  return [=](double t) {
    if (t < 100) return 0.0;
    return bias_closed_form(p, t) + (t >= 1e4 ? offset : 0.0);
  };
}

RunArtifacts t4_5_run(double offset, double rho_gap = 0.14) {
  RunArtifacts run =
      run_with(theory(), trajectory(coarse_steps(), {{"b", gd_bias(offset)},
                                                     {"r", r_drops_at_100},
                                                     {"rho_minus_w_tilde", constant(rho_gap)}}));
  run.symbolic = nlohmann::json{
      {"identities",
       nlohmann::json::array({{{"name", "closed form solves the ODE"}, {"holds", true}},
                              {{"name", "limit is b_inf"}, {"holds", true}},
                              {{"name", "late-time expansion"}, {"holds", true}}})}};
  run.flow_bias_summary = nlohmann::json{{"achieved_error", 1e-40}};
  return run;
}

const std::string kGdVsClosedForm = "max |b_GD - b_closed_form| after t0";

}  // namespace

BOOST_AUTO_TEST_CASE(t4_5_holds_when_every_part_passes) {
  CheckOptions o;
  // The GD bias 0.04 off the closed form after t = 1e4: within 0.05 · max(1, log 2).
  const auto r = checks::check_T4_5(t4_5_run(0.04), o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("symbolic identities that fail") == 0.0);
  BOOST_TEST(r.value("bias ODE vs closed form (max rel. error)") == 1e-40);
  BOOST_TEST(r.value("b_inf - b_tilde") == 0.0);
  BOOST_TEST(r.value(kGdVsClosedForm) == 0.04, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.key_measurement()->name == kGdVsClosedForm);
  // An exact closed-form bias matches to rounding.
  BOOST_TEST(checks::check_T4_5(t4_5_run(0.0), o).value(kGdVsClosedForm) < 1e-12);
}

BOOST_AUTO_TEST_CASE(t4_5_fails_when_the_gd_bias_leaves_the_closed_form) {
  CheckOptions o;
  // The same run with the bias 0.06 off: beyond 0.05.
  const auto r = checks::check_T4_5(t4_5_run(0.06), o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value(kGdVsClosedForm) == 0.06, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.key_measurement()->name == kGdVsClosedForm);
  // The same gap at eta*beta = 50 (the paper's literal step): GD need not follow the flow there,
  // so the claim does not apply; a GD bias that does follow still holds.
  RunArtifacts run = t4_5_run(0.06);
  set_theory(run, "eta_beta", q(50));
  BOOST_TEST(checks::check_T4_5(run, o).verdict == Verdict::not_applicable);
  run = t4_5_run(0.04);
  set_theory(run, "eta_beta", q(50));
  BOOST_TEST(checks::check_T4_5(run, o).verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(t4_5_fails_on_each_other_part_and_names_it) {
  CheckOptions o;
  RunArtifacts run = t4_5_run(0.0);
  (*run.symbolic)["identities"][1]["holds"] = false;
  auto r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("symbolic identities that fail") == 1.0);
  BOOST_TEST(r.key_measurement()->name == "symbolic identities that fail");

  run = t4_5_run(0.0);
  run.flow_bias_summary = nlohmann::json{{"achieved_error", 1e-20}};  // > ode_tol = 1e-30
  r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.key_measurement()->name == "bias ODE vs closed form (max rel. error)");

  run = t4_5_run(0.0);
  set_theory(run, "b_inf_minus_b_tilde", q(1e-20));  // > exact_tol = 1e-30
  r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("b_inf - b_tilde") == 1e-20);
  BOOST_TEST(r.key_measurement()->name == "b_inf - b_tilde");

  // Two failing parts: the key stays on the first.
  run = t4_5_run(0.06);
  (*run.symbolic)["identities"][0]["holds"] = false;
  r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.key_measurement()->name == "symbolic identities that fail");
}

BOOST_AUTO_TEST_CASE(t4_5_is_inconclusive_when_a_part_is_open_and_none_fails) {
  CheckOptions o;
  // No symbolic check in this run.
  RunArtifacts run = t4_5_run(0.0);
  run.symbolic.reset();
  auto r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("symbolic identities that fail")));
  BOOST_TEST(r.key_measurement()->name == kGdVsClosedForm);

  // No bias-ODE integration (a non-finite error is written as null).
  run = t4_5_run(0.0);
  run.flow_bias_summary = nlohmann::json{{"achieved_error", nullptr}};
  BOOST_TEST(checks::check_T4_5(run, o).verdict == Verdict::inconclusive);

  // The run never reaches the late-time regime (||ρ - w̃|| = 0.16 > 0.15): the GD comparison
  // is open and the key number is the distance to b∞.
  run = t4_5_run(0.06, 0.16);
  r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value(kGdVsClosedForm)));
  BOOST_TEST(r.key_measurement()->name == "b(T) - b_inf");
  BOOST_TEST(r.value("b(T) - b_inf") == gd_bias(0.06)(1e5) - std::log(2.0));

  // No GD log at all.
  run = t4_5_run(0.0);
  run.trajectory.reset();
  BOOST_TEST(checks::check_T4_5(run, o).verdict == Verdict::inconclusive);

  // An open part does not hide a failing one.
  run = t4_5_run(0.0);
  run.symbolic.reset();
  run.flow_bias_summary = nlohmann::json{{"achieved_error", 1e-20}};
  BOOST_TEST(checks::check_T4_5(run, o).verdict == Verdict::fails);
}

// ---------------------------------------------------------------------------------------------
// S4.3: median |b - b_steady| over the second half (in log t) of the measured Phase 1, here
// [sqrt(10 · 1000), 1000] = [100, 1000] (r <= κ from t = 1000), against 0.05 · max(1, |b_steady|).

namespace {

const Curve r_drops_at_1000 = jump_at(1000, 1.0, 1e-5);
const Curve steady = [](double t) { return 0.2 + 0.1 * std::log10(t); };  // <= 0.7: scale 1

// b = b_steady + offset inside the window [100, 1000], far off outside it.
Curve bias_near_steady(double offset) {
  return [=](double t) { return steady(t) + (t >= 100 && t <= 1000 ? offset : 5.0); };
}

}  // namespace

BOOST_AUTO_TEST_CASE(s4_3_holds_when_the_bias_sits_near_the_steady_state) {
  CheckOptions o;
  const auto r =
      checks::check_S4_3(run_with(theory(), trajectory(fine_steps(), {{"b", bias_near_steady(0.04)},
                                                                      {"b_steady", steady},
                                                                      {"r", r_drops_at_1000}})),
                         o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("median |b - b_steady| in Phase 1") == 0.04,
             boost::test_tools::tolerance(1e-9));
  BOOST_TEST(r.value("end of Phase 1 (r <= kappa)") == 1000.0);
  BOOST_TEST(r.key_measurement()->name == "median |b - b_steady| in Phase 1");
}

BOOST_AUTO_TEST_CASE(s4_3_fails_when_the_bias_is_off_the_steady_state) {
  CheckOptions o;
  const auto r =
      checks::check_S4_3(run_with(theory(), trajectory(fine_steps(), {{"b", bias_near_steady(0.06)},
                                                                      {"b_steady", steady},
                                                                      {"r", r_drops_at_1000}})),
                         o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("median |b - b_steady| in Phase 1") == 0.06,
             boost::test_tools::tolerance(1e-9));
  // The tolerance scales with |b_steady|: the same offset 0.06 near b_steady = 2 is within
  // 0.05 · 2 = 0.1.
  const Curve large_steady = [](double t) { return steady(t) + 1.5; };
  const Curve b_large = [](double t) { return bias_near_steady(0.06)(t) + 1.5; };
  BOOST_TEST(
      checks::check_S4_3(run_with(theory(), trajectory(fine_steps(), {{"b", b_large},
                                                                      {"b_steady", large_steady},
                                                                      {"r", r_drops_at_1000}})),
                         o)
          .verdict == Verdict::holds);
}

BOOST_AUTO_TEST_CASE(s4_3_uses_the_median_so_a_few_outliers_do_not_decide) {
  CheckOptions o;
  // Window [100, 1000] has 11 logged steps (100 ... 800, 1000); 5 of them far off.
  int seen = 0;
  const Curve b = [&seen](double t) {
    if (t < 100 || t > 1000) return steady(t) + 5.0;
    return steady(t) + (seen++ < 5 ? 1.0 : 0.01);
  };
  const auto r = checks::check_S4_3(
      run_with(theory(),
               trajectory(fine_steps(), {{"b", b}, {"b_steady", steady}, {"r", r_drops_at_1000}})),
      o);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("median |b - b_steady| in Phase 1") == 0.01,
             boost::test_tools::tolerance(1e-9));
}

BOOST_AUTO_TEST_CASE(s4_3_is_inconclusive_on_a_coarse_log_or_without_b_steady) {
  CheckOptions o;
  // Three steps per decade and Phase 1 ending at 100: only 50 and 100 lie in [31.6, 100].
  auto r = checks::check_S4_3(
      run_with(theory(), trajectory(coarse_steps(),
                                    {{"b", steady}, {"b_steady", steady}, {"r", r_drops_at_100}})),
      o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("median |b - b_steady| in Phase 1")));
  BOOST_TEST(r.value("end of Phase 1 (r <= kappa)") == 100.0);
  // The same fine log without b_steady.
  r = checks::check_S4_3(
      run_with(theory(), trajectory(fine_steps(), {{"b", steady}, {"r", r_drops_at_1000}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
  // b_steady undefined (overflowed sums) everywhere in the window: nothing to compare.
  const Curve undefined = [](double t) { return t >= 100 && t <= 1000 ? kNaN : 0.5; };
  r = checks::check_S4_3(run_with(theory(), trajectory(fine_steps(), {{"b", steady},
                                                                      {"b_steady", undefined},
                                                                      {"r", r_drops_at_1000}})),
                         o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
}

// ---------------------------------------------------------------------------------------------
// S4.5: t1 = first t with r <= κ (100 here), t2 = argmax D after t1; D must rise by 10% and
// fall by 10%, and the predicted t1, t2 lie within a factor 10 of the measured ones.

namespace {

// D(t): 1 at t1 = 100, rising to 2 at t2 = 1000, falling to 1 at 1e5 (large before t1, which
// does not count).
const Curve D_rise_fall = [](double t) {
  if (t < 100) return 5.0;
  if (t <= 1000) return 1 + std::log10(t / 100);
  return 2 - 0.5 * std::log10(t / 1000);
};

nlohmann::json theory_with_phases(double t1, double t2) {
  auto th = theory();
  th["phases"]["t1"] = {{"log_t", q(std::log(t1))}, {"t", q(t1)}};
  th["phases"]["t2"] = {{"log_t", q(std::log(t2))}, {"t", q(t2)}};
  return th;
}

CheckReport s4_5(const nlohmann::json& th, const Curve& D, const Curve& r = r_drops_at_100) {
  return checks::check_S4_5(run_with(th, trajectory(fine_steps(), {{"D", D}, {"r", r}})),
                            CheckOptions{});
}

}  // namespace

BOOST_AUTO_TEST_CASE(s4_5_holds_when_D_rises_falls_and_the_predictions_match) {
  const auto r = s4_5(theory_with_phases(300, 9000), D_rise_fall);
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("t1 measured (r <= kappa)") == 100.0);
  BOOST_TEST(r.value("t2 measured (argmax D after t1)") == 1000.0);
  BOOST_TEST(r.value("t1 predicted") == 300.0);
  BOOST_TEST(r.value("t2 predicted") == 9000.0);
  BOOST_TEST(r.value("D(t2)/D(t1)") == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.value("D(T)/D(t2)") == 0.5, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(r.key_measurement()->name == "t2 measured (argmax D after t1)");
}

BOOST_AUTO_TEST_CASE(s4_5_fails_when_a_prediction_is_off_by_more_than_the_factor) {
  // t2 predicted 11000 against 1000 measured: a factor 11 > 10 (9000 held above).
  auto r = s4_5(theory_with_phases(300, 11000), D_rise_fall);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("t2 predicted") == 11000.0);
  // t1 predicted 1100 against 100 measured.
  r = s4_5(theory_with_phases(1100, 9000), D_rise_fall);
  BOOST_TEST(r.verdict == Verdict::fails);
}

BOOST_AUTO_TEST_CASE(s4_5_fails_when_D_does_not_rise_after_phase_1) {
  // D falls from t1 on (no Phase 2): the maximum after t1 is at t1.
  const Curve falling = [](double t) { return 2.0 / (1 + std::log10(std::max(t, 100.0) / 100)); };
  const auto r = s4_5(theory_with_phases(100, 1000), falling);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("D(t2)/D(t1)") == 1.0);
  BOOST_TEST(r.value("D(T)/D(t2)") < 0.9);
  BOOST_TEST(r.value("t2 measured (argmax D after t1)") == 100.0);
}

BOOST_AUTO_TEST_CASE(s4_5_is_inconclusive_when_the_run_ends_too_early) {
  const auto th = theory_with_phases(300, 9000);
  // r never drops to κ: Phase 1 lasts the whole run.
  auto r = s4_5(th, D_rise_fall, constant(1.0));
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("t1 measured")));
  BOOST_TEST(r.value("t1 predicted") == 300.0);
  // D still rising at the end: Phase 3 not reached.
  const Curve rising = [](double t) { return 1 + std::log10(std::max(t, 100.0) / 100); };
  r = s4_5(th, rising);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  // The largest D is at the last row: t2 lies beyond the run (censored), not at T = 1e5.
  BOOST_TEST(std::isnan(r.value("t2 measured (argmax D after t1)")));
  // D peaked but has fallen by only 5% at the end.
  const Curve small_fall = [](double t) {
    if (t <= 1000) return 1 + std::log10(std::max(t, 100.0) / 100);
    return 2 - 0.05 * std::log10(t / 1000);
  };
  r = s4_5(th, small_fall);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.value("D(T)/D(t2)") == 0.95, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(s4_5_is_inconclusive_without_predictions_or_D) {
  // The shape holds but theory.json has no phases block (or there is no theory at all).
  auto r = s4_5(theory(), D_rise_fall);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("t1 predicted")));
  BOOST_TEST(r.value("D(t2)/D(t1)") == 2.0, boost::test_tools::tolerance(1e-12));
  r = s4_5(nullptr, D_rise_fall);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  r = checks::check_S4_5(
      run_with(theory_with_phases(300, 9000), trajectory(fine_steps(), {{"r", r_drops_at_100}})),
      CheckOptions{});
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
}

// ---------------------------------------------------------------------------------------------
// R4.7: ζ(ε) = T_te(ε)/T_tr(ε) >= ζ_min = 100 on the concentrated set for every ε (first reach,
// relative to the supremum). Training accuracy reaches 1 at t = 5 here.

namespace {

const Curve acc_train = jump_at(5, 0.5, 1.0);

CheckReport r4_7(const Curve& conc, const CheckOptions& o = CheckOptions{}) {
  return checks::check_R4_7(
      run_with(theory(),
               trajectory(coarse_steps(), {{"acc_train", acc_train}, {"acc_test_conc", conc}})),
      o);
}

}  // namespace

BOOST_AUTO_TEST_CASE(r4_7_holds_when_test_accuracy_arrives_late) {
  // Concentrated accuracy at 500: ζ = 500/5 = 100, exactly ζ_min.
  const auto r = r4_7(jump_at(500, 0.5, 1.0));
  BOOST_TEST(r.verdict == Verdict::holds);
  for (const char* eps : {"0.001", "0.01", "0.05"}) {
    BOOST_TEST(r.value(std::string("zeta = T_te/T_tr, eps=") + eps) == 100.0);
  }
  BOOST_TEST(r.value("R/gamma") == 7000.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(r4_7_fails_when_test_accuracy_arrives_too_soon) {
  // At 200: ζ = 40 < 100.
  auto r = r4_7(jump_at(200, 0.5, 1.0));
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("zeta = T_te/T_tr, eps=0.01") == 40.0);
  // The same run as above (ζ = 100) against ζ_min = 101.
  CheckOptions o;
  o.zeta_min = 101;
  BOOST_TEST(r4_7(jump_at(500, 0.5, 1.0), o).verdict == Verdict::fails);
  // Every ε of the grid must show the delay: 0.92 at t = 10, 1 at 1e4. With the default grid
  // (levels >= 0.95) T_te = 1e4; adding ε = 0.1 (level 0.9, reached at 10) gives ζ = 2.
  o = CheckOptions{};
  const Curve two_steps = [](double t) { return t >= 1e4 ? 1.0 : t >= 10 ? 0.92 : 0.5; };
  BOOST_TEST(r4_7(two_steps, o).verdict == Verdict::holds);
  o.epsilons = {1e-3, 0.1};
  r = r4_7(two_steps, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("zeta = T_te/T_tr, eps=0.1") == 2.0);
}

BOOST_AUTO_TEST_CASE(r4_7_is_inconclusive_when_no_level_is_reached_or_inputs_are_missing) {
  // A concentrated test set with no finite accuracy (an empty set logs NaN): no T_te.
  auto r = r4_7(constant(kNaN));
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("zeta = T_te/T_tr, eps=0.01")));
  r = checks::check_R4_7(run_with(theory(), trajectory(coarse_steps(), {{"acc_train", acc_train}})),
                         CheckOptions{});
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
}

// ---------------------------------------------------------------------------------------------
// S6: PGD accuracy halfway up (from its minimum after t1 to its final value, a rise of at
// least 0.02) within a factor 10 of t2 = argmax D after t1. Here t1 = 100, t2 = 1000.

namespace {

CheckReport s6(const Curve& pgd, const Curve& r = r_drops_at_100, const Curve& D = D_rise_fall) {
  return checks::check_S6(
      run_with(theory(), trajectory(fine_steps(), {{"acc_pgd", pgd}, {"D", D}, {"r", r}})),
      CheckOptions{});
}

}  // namespace

BOOST_AUTO_TEST_CASE(s6_holds_when_pgd_accuracy_rises_near_t2) {
  // PGD accuracy 0.3 -> 0.8 at t = 1e4 = 10 t2: the edge of the factor.
  const auto r = s6(jump_at(1e4, 0.3, 0.8));
  BOOST_TEST(r.verdict == Verdict::holds);
  BOOST_TEST(r.value("t at which PGD accuracy is halfway up") == 1e4);
  BOOST_TEST(r.value("t2 (start of Phase 3, argmax D)") == 1000.0);
  BOOST_TEST(r.value("PGD accuracy: post-fit minimum") == 0.3);
  BOOST_TEST(r.value("PGD accuracy: final") == 0.8);
  BOOST_TEST(r.key_measurement()->name == "t at which PGD accuracy is halfway up");
}

BOOST_AUTO_TEST_CASE(s6_fails_when_pgd_accuracy_rises_far_from_t2) {
  // The next logged step, 1.25e4 = 12.5 t2: too late.
  auto r = s6(jump_at(1.25e4, 0.3, 0.8));
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("t at which PGD accuracy is halfway up") == 1.25e4);
  // Early: halfway up at 125 = t2/8 is within the factor ...
  r = s6(jump_at(125, 0.3, 0.8));
  BOOST_TEST(r.verdict == Verdict::holds);
  // ... but with Phase 3 starting at 1e4 (D peaks there), 125 is a factor 80 early.
  const Curve D_late_peak = [](double t) {
    if (t < 100) return 5.0;
    if (t <= 1e4) return 1 + std::log10(t / 100);
    return 3 - 2 * std::log10(t / 1e4);
  };
  r = s6(jump_at(125, 0.3, 0.8), r_drops_at_100, D_late_peak);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.value("t2 (start of Phase 3, argmax D)") == 1e4);
}

BOOST_AUTO_TEST_CASE(s6_is_inconclusive_without_a_rise_phase_3_or_pgd) {
  // A rise of 0.01 after the minimum: below the 0.02 that counts.
  auto r = s6(jump_at(2000, 0.3, 0.31));
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(std::isnan(r.value("t at which PGD accuracy is halfway up")));
  // The same run with a rise of 0.03 decides.
  BOOST_TEST(s6(jump_at(2000, 0.3, 0.33)).verdict == Verdict::holds);
  // r never drops to κ: no t1.
  r = s6(jump_at(2000, 0.3, 0.8), constant(1.0));
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.measured.empty());
  // No PGD accuracy logged (simulate without adversarial).
  r = checks::check_S6(
      run_with(theory(), trajectory(fine_steps(), {{"D", D_rise_fall}, {"r", r_drops_at_100}})),
      CheckOptions{});
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.reason.find("adversarial") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Runs whose data violate Assumption 3.1 (the paper's d = 1024 sets: b̂ ≠ 0), where the
// late-time limit w̃, b̃ does not exist, and runs too short to decide.

namespace {

// theory.json as `lingrok theory` writes it when Assumption 3.1 fails: b̂ ≠ 0, no w̃, b∞, A±.
nlohmann::json theory_without_late_time_limit() {
  auto th = theory();
  th["b_hat"] = q(0.134);
  th["assumption_3_1"] = {{"holds", false}, {"note", "b_hat != 0"}};
  for (const char* key : {"norm_w_tilde", "A_plus", "A_minus", "b_inf", "b_inf_minus_b_tilde"}) {
    th.erase(key);
  }
  return th;
}

}  // namespace

BOOST_AUTO_TEST_CASE(without_a_late_time_limit_the_late_time_claims_do_not_apply) {
  const CheckOptions o;
  const auto th = theory_without_late_time_limit();
  const Table tr = trajectory(fine_steps(), {{"b", constant(0.5)},
                                             {"r", r_drops_at_100},
                                             {"rho_minus_w_tilde", constant(kNaN)},
                                             {"D", D_rise_fall}});
  RunArtifacts run = run_with(th, tr);
  run.symbolic = nlohmann::json{{"identities", nlohmann::json::array({{{"holds", true}}})}};
  for (const auto& r : {checks::check_T4_2(run, o), checks::check_A4_4(run, o),
                        checks::check_T4_5(run, o), checks::check_S4_5(run, o)}) {
    BOOST_TEST((r.verdict == Verdict::not_applicable), r.id << ": " << r.reason);
    BOOST_TEST(r.reason.find("Assumption 3.1 fails") != std::string::npos, r.id);
  }
  // The closed form itself is data-free: a failing symbolic identity still fails T4.5.
  run.symbolic = nlohmann::json{{"identities", nlohmann::json::array({{{"holds", false}}})}};
  const auto r = checks::check_T4_5(run, o);
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.key_measurement()->name == "symbolic identities that fail");
  // With Assumption 3.1 holding the same log decides T4.2 in the usual way.
  BOOST_TEST(checks::check_T4_2(run_with(theory(), tr), o).verdict == Verdict::inconclusive);
  // S4.5 looks at the premise before the length of the run: a log still in Phase 1 (r above κ
  // throughout, as in the reduced d = 1024 runs) is `not applicable` without the limit, and
  // `inconclusive` (a longer run settles it) with it.
  const Table phase1 = trajectory(fine_steps(), {{"r", constant(0.9)}, {"D", D_rise_fall}});
  const auto s = checks::check_S4_5(run_with(th, phase1), o);
  BOOST_TEST((s.verdict == Verdict::not_applicable), s.reason);
  BOOST_TEST(s.reason.find("stays above kappa") != std::string::npos, s.reason);
  BOOST_TEST((checks::check_S4_5(run_with(theory(), phase1), o).verdict == Verdict::inconclusive));
  // S6 likewise: Phase 3 does not exist without the limit (`not applicable`, with the PGD
  // accuracy measured), while the same log with the limit, PGD rising at t2 = 1000, holds.
  const Table pgd =
      trajectory(fine_steps(),
                 {{"acc_pgd", jump_at(1000, 0.3, 0.8)}, {"r", r_drops_at_100}, {"D", D_rise_fall}});
  const auto s6_without = checks::check_S6(run_with(th, pgd), o);
  BOOST_TEST((s6_without.verdict == Verdict::not_applicable), s6_without.reason);
  BOOST_TEST(s6_without.reason.find("Assumption 3.1 fails") != std::string::npos);
  BOOST_TEST(s6_without.value("PGD accuracy: final") == 0.8);
  BOOST_TEST((checks::check_S6(run_with(theory(), pgd), o).verdict == Verdict::holds));
}

BOOST_AUTO_TEST_CASE(t4_2_undecidable_gaps_are_inconclusive_not_failures) {
  const CheckOptions o;
  // No gap measured (NaN): inconclusive; a comparison with NaN must not read as a failure.
  auto r = checks::check_T4_2(
      run_with(theory(), trajectory(fine_steps(), {{"rho_minus_w_tilde", constant(kNaN)}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  // A log with no row between T/10 and T: nothing to compare with, above tolerance.
  const std::vector<double> sparse{1, 10, 100, 1e3, 1e5};
  r = checks::check_T4_2(
      run_with(theory(), trajectory(sparse, {{"rho_minus_w_tilde", constant(0.5)}})), o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  // The same gap with a row a decade earlier decides: it did not shrink.
  const std::vector<double> dense{1, 10, 100, 1e3, 1e4, 1e5};
  r = checks::check_T4_2(
      run_with(theory(), trajectory(dense, {{"rho_minus_w_tilde", constant(0.5)}})), o);
  BOOST_TEST(r.verdict == Verdict::fails);
  // ηβ unknown: the premise cannot be checked.
  auto th = theory();
  th.erase("eta_beta");
  r = checks::check_T4_2(run_with(th, trajectory(dense, {{"rho_minus_w_tilde", constant(0.1)}})),
                         o);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  // Premise violated: the key number is ηβ.
  r = checks::check_T4_2(
      run_with(theory(50), trajectory(dense, {{"rho_minus_w_tilde", constant(0.1)}})), o);
  BOOST_TEST(r.verdict == Verdict::not_applicable);
  BOOST_TEST(r.key_measurement()->name == "eta*beta");
}

BOOST_AUTO_TEST_CASE(r4_7_a_run_stopped_before_the_test_accuracy_climbs_is_inconclusive) {
  // Constant 0.5 on the concentrated set: by the paper's relative levels T_te = 1, ζ = 0.2; the
  // run is too short, not a counterexample.
  auto r = r4_7(constant(0.5));
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.key_measurement()->name == "sup concentrated accuracy / sup train accuracy");
  // Climbing to 0.96 (above 0.95 = (1 - 0.05) of the train's 1) decides: ζ = 40 fails.
  r = r4_7(jump_at(200, 0.5, 0.96));
  BOOST_TEST(r.verdict == Verdict::fails);
  BOOST_TEST(r.key_measurement()->name.find("zeta = T_te/T_tr") == 0);
}

BOOST_AUTO_TEST_CASE(s6_is_inconclusive_while_D_still_rises) {
  // D rising to the end: Phase 3 has not begun, whatever PGD does.
  const Curve D_rising = [](double t) { return t < 100 ? 5.0 : 1 + std::log10(t / 100); };
  for (double t_rise : {200.0, 2e4}) {
    const auto r = s6(jump_at(t_rise, 0.3, 0.8), r_drops_at_100, D_rising);
    BOOST_TEST(r.verdict == Verdict::inconclusive);
    BOOST_TEST(r.key_measurement()->name == "t2 (start of Phase 3, argmax D)");
    BOOST_TEST(std::isnan(r.value("t2 (start of Phase 3, argmax D)")));  // beyond the run
  }
}

BOOST_AUTO_TEST_CASE(s4_5_names_the_measurement_that_decided) {
  BOOST_TEST(s4_5(theory_with_phases(300, 9000), D_rise_fall).key_measurement()->name ==
             "t2 measured (argmax D after t1)");
  BOOST_TEST(s4_5(theory_with_phases(1100, 9000), D_rise_fall).key_measurement()->name ==
             "t1 measured (r <= kappa)");
  const Curve D_flat_after = [](double t) { return t < 100 ? 5.0 : 1.0 - 4e-6 * t; };
  BOOST_TEST(s4_5(theory_with_phases(300, 9000), D_flat_after).key_measurement()->name ==
             "D(t2)/D(t1)");
}

BOOST_AUTO_TEST_CASE(a3_3_a_data_summary_without_the_train_set_is_inconclusive) {
  auto th = theory();
  th.erase("R");
  RunArtifacts run = run_with(th, trajectory(coarse_steps(), {}));
  run.data_summary = nlohmann::json{{"sets", {{"test_standard", {{"R", 6.5}}}}}};
  BOOST_TEST(checks::check_A3_3(run, CheckOptions{}).verdict == Verdict::inconclusive);
  run.data_summary = nlohmann::json{{"sets", {{"train", {{"R", nullptr}}}}}};
  BOOST_TEST(checks::check_A3_3(run, CheckOptions{}).verdict == Verdict::inconclusive);
}
