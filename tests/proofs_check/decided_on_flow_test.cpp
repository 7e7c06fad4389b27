// proofs_check/checks/decided_on_flow.hpp: a late-time claim that GD's log leaves open is
// decided on the gradient flow, in both directions, with the object and the largest t named;
// the GD-flow gap is measured where both logged. Synthetic logs whose verdicts are known.
#define BOOST_TEST_MODULE proofs_check_decided_on_flow
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "proofs_check/checks/checks.hpp"
#include "proofs_check/checks/decided_on_flow.hpp"
#include "proofs_check/registry.hpp"
#include "theory/bias/closed_form.hpp"

using namespace lingrok;

namespace {

nlohmann::json q(double v) { return {{"value", v}, {"digits", std::to_string(v)}}; }

// ||w̃|| = 3 (ρ tolerance 0.15), A+ = 2, A- = 1/2 (b∞ = log 2), η = 0.01, ηβ = 1.
nlohmann::json theory() {
  nlohmann::json th;
  th["norm_w_tilde"] = q(3);
  th["eta_beta"] = q(1);
  th["eta"] = q(0.01);
  th["A_plus"] = q(2);
  th["A_minus"] = q(0.5);
  th["b_inf"] = q(std::log(2.0));
  th["b_inf_minus_b_tilde"] = q(0);
  return th;
}

// Three logged steps per decade, 1 .. t_end.
std::vector<double> steps(double t_end) {
  std::vector<double> t;
  for (double dec = 1; dec <= t_end; dec *= 10)
    for (double m : {1.0, 2.0, 5.0})
      if (m * dec <= t_end) t.push_back(m * dec);
  return t;
}

using Curve = std::function<double(double)>;

Table table(const std::vector<double>& t, const std::vector<std::pair<std::string, Curve>>& cs) {
  std::vector<std::pair<std::string, std::vector<double>>> cols{{"t", t}};
  for (const auto& [name, f] : cs) {
    std::vector<double> c;
    for (double x : t) c.push_back(f(x));
    cols.emplace_back(name, std::move(c));
  }
  return Table::from_columns(cols);
}

// The late-time regime from t0 = 1e3 (r <= κ, ρ near w̃); the bias follows the closed form
// from (1e3, 0), plus `offset` from 1e4 on.
Curve bias(double offset) {
  const BiasOdeParams<double> p{2.0, 0.5, 0.01, 1000.0, 0.0};
  return
      [=](double t) { return t < 1000 ? 0.0 : bias_closed_form(p, t) + (t >= 1e4 ? offset : 0.0); };
}
const Curve r_share = [](double t) { return t >= 1000 ? 1e-5 : 1.0; };
const Curve rho_gap = [](double) { return 0.1; };
const Curve w_norm = [](double t) { return std::log(t + 1); };

// GD logged to 500 (before t0: the late-time claims are open there); the flow to 1e6.
RunArtifacts run(double flow_offset, bool with_flow = true) {
  RunArtifacts r;
  r.dir = "synthetic";
  r.theory = theory();
  r.trajectory =
      table(steps(500),
            {{"b", bias(0)}, {"r", r_share}, {"rho_minus_w_tilde", rho_gap}, {"w_norm", w_norm}});
  r.symbolic = nlohmann::json{{"identities", nlohmann::json::array({{{"holds", true}}})}};
  r.flow_bias_summary = nlohmann::json{{"achieved_error", 1e-40}};
  if (with_flow) {
    // The flow from (0, 0): 0.001 off GD's b where both logged.
    const Curve b = bias(flow_offset);
    r.flow_logtime =
        table(steps(1e6), {{"b", [=](double t) { return b(t) + (t <= 500 ? 1e-3 : 0); }},
                           {"r", r_share},
                           {"rho_minus_w_tilde", rho_gap},
                           {"w_norm", w_norm}});
  }
  return r;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_claim_gd_leaves_open_is_decided_on_the_flow_both_ways) {
  CheckOptions o;
  // GD alone: A4.4 and T4.5 are open (the run ends before t0 = 1e3).
  BOOST_TEST(checks::check_A4_4(run(0.04, false), o).verdict == Verdict::inconclusive);
  BOOST_TEST(checks::check_T4_5(run(0.04, false), o).verdict == Verdict::inconclusive);
  // On the flow: A4.4 holds from t0 = 1e3; T4.5 holds with the bias 0.04 off (tolerance 0.05)...
  const auto a = checks::decided_where_it_lives(run(0.04), o, checks::check_A4_4);
  BOOST_TEST(a.verdict == Verdict::holds);
  BOOST_TEST(a.value("t0") == 1000.0);
  BOOST_TEST(a.inputs["decided_on"].get<std::string>().find("flow") != std::string::npos);
  BOOST_TEST(a.value("largest t reached") == 1e6);
  const auto held = checks::decided_where_it_lives(run(0.04), o, checks::check_T4_5);
  BOOST_TEST(held.verdict == Verdict::holds);
  // ...and fails with it 0.06 off.
  const auto failed = checks::decided_where_it_lives(run(0.06), o, checks::check_T4_5);
  BOOST_TEST(failed.verdict == Verdict::fails);
  BOOST_TEST(failed.reason.find("gradient flow") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_gd_flow_gap_is_measured_where_both_logged) {
  const auto r = checks::decided_where_it_lives(run(0.04), CheckOptions{}, checks::check_A4_4);
  BOOST_TEST(std::fabs(r.value("GD-flow gap in b where both logged") - 1e-3) < 1e-12);
  BOOST_TEST(r.value("GD-flow gap in ||w|| where both logged") == 0.0);
}

BOOST_AUTO_TEST_CASE(without_a_flow_gd_decides_or_stays_open_and_says_so) {
  CheckOptions o;
  const auto r = checks::decided_where_it_lives(run(0.04, false), o, checks::check_A4_4);
  BOOST_TEST(r.verdict == Verdict::inconclusive);
  BOOST_TEST(r.inputs["decided_on"].get<std::string>() == "GD");
  BOOST_TEST(r.value("largest t reached") == 500.0);
  // A flow that stops before t0 leaves it open too, and the reason names how far it went.
  RunArtifacts short_flow = run(0.04);
  short_flow.flow_logtime =
      table(steps(500),
            {{"b", bias(0)}, {"r", r_share}, {"rho_minus_w_tilde", rho_gap}, {"w_norm", w_norm}});
  const auto s = checks::decided_where_it_lives(short_flow, o, checks::check_A4_4);
  BOOST_TEST(s.verdict == Verdict::inconclusive);
  BOOST_TEST(s.reason.find("reached t = 500") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_registry_routes_the_late_time_claims_through_the_flow) {
  const auto reports = run_checks(run(0.04), CheckOptions{}, {"A4.4", "T4.5", "A3.1"});
  BOOST_TEST_REQUIRE(reports.size() == 3u);
  for (const auto& r : reports) {
    if (r.id == "A3.1")
      BOOST_TEST(!r.inputs.contains("decided_on"));
    else
      BOOST_TEST(r.inputs["decided_on"].get<std::string>().find("flow") != std::string::npos);
  }
}
