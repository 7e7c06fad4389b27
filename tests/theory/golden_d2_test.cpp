#define BOOST_TEST_MODULE theory_golden_d2
// Golden values for the paper's d = 2 configurations (configs/d2_*.json, seed 1, η = 0.01,
// reduction sum), generated with the docs/data.md sampler (numerics/sampling/paper_samplers.hpp)
// and stored as 40-digit strings. They guard against regressions anywhere in the chain
// sampler -> max-margin solver -> late-time Newton -> bias constants -> smoothness; if the
// sampler's stream changes on purpose, regenerate them (the identities in theory_test stay).
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <string>

#include "core/strict_json.hpp"
#include "numerics/sampling/paper_samplers.hpp"
#include "theory/theory.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;

namespace {

struct Golden {
  const char* config;
  std::size_t s_plus, s_minus;
  // w_hat(0), w_tilde(0), w_tilde(1), b_tilde, A_plus, A_minus, delta, k, T_c, beta.
  const char* values[10];
};

// clang-format off
const Golden kGolden[] = {
{"d2_S350_350.json", 350, 350, {"1414.21356237260045879358771792941196991", "-18747.00045757104641138673909596244448016", "-18747.00781697215655602813847161527857895", "0.0005319986566349387171508701325770340168083", "200106428.03846367675899889017146549824", "199893628.5657720081479898034400994959394", "0.9994681428295591246265851864286362042239", "199999999.9998601088205458920558001992021", "571565.1491036333075399246793425049155092", "5966.013824304180645155908253421288193551"}},
{"d2_S350_50.json", 350, 50, {"1414.21356237260045879358771792941196991", "-20125.60447491677631642458031433375179587", "-20125.58212059093391395889334284579059", "0.9771135505246900195030647628553872812012", "531355302.5027106840179057116653808869448", "75279196.0700156660515316763342463569758", "0.3763959803503416026458233542946759648316", "199999999.9998601088205458920558001992021", "1515026.511707302118118642634248823450658", "5331.233455983425637819586291533976023067"}},
{"d2_S350_10.json", 350, 10, {"1414.21356237260045879358771792941196991", "-21279.12616745635472482917044483664166401", "-21279.07358032993715156179243811503608554", "1.802610762149950176671159883548352200036", "1213092458.084198225757775144976164025016", "32973578.99917610952586098173639408498489", "0.1648678949959958654507304380957614666997", "199999999.9998601088205458920558001992021", "3424944.476755948709570323729207577923177", "5235.477141721375982877519099804197877427"}},
{"d2_S50_350.json", 50, 350, {"1414.21356237260045879358771792941196991", "-20124.17156708096560412530931213189327441", "-20124.15505834130890300204470326828789806", "-0.977490031766044607981869128089890958698", "75250860.19912766391784670661273657330322", "531555385.4679755337949611083786817115464", "2.657776927341736666720264294367567793777", "199999999.9998601088205458920558001992021", "1513495.363679315564880275466799432649823", "5208.437985275992976431874960664402185992"}},
{"d2_D1500_500_S350_50.json", 350, 50, {"1414.21356237260045879358771792941196991", "-20125.60447491677631642458031433375179587", "-20125.58212059093391395889334284579059", "0.9771135505246900195030647628553872812012", "531355302.5027106840179057116653808869448", "75279196.0700156660515316763342463569758", "0.3763959803503416026458233542946759648316", "199999999.9998601088205458920558001992021", "1515026.511707302118118642634248823450658", "5265.645140478706668089768803034072680459"}},
};
// clang-format on

std::string config_path(const char* name) {
  const char* root = std::getenv("LINGROK_SOURCE_DIR");
  return std::string(root ? root : ".") + "/configs/" + name;
}

}  // namespace

BOOST_AUTO_TEST_CASE(paper_d2_configurations) {
  const Real50 rel("1e-35");
  for (const auto& g : kGolden) {
    BOOST_TEST_CONTEXT(g.config) {
      const auto cfg =
          lingrok::parse_data_config(lingrok::read_json_file(config_path(g.config)), g.config);
      const auto train = lingrok::sample_train(cfg);
      lingrok::TheoryOptions o;
      o.gamma = cfg.gamma;
      o.alpha = cfg.alpha;
      o.box = cfg.box;
      const auto r = lingrok::compute_theory(train, o);
      BOOST_TEST(r.assumption_3_1);
      BOOST_TEST_REQUIRE(r.late_time_available);
      BOOST_TEST(r.svm.support_plus.size() == g.s_plus);
      BOOST_TEST(r.svm.support_minus.size() == g.s_minus);
      // docs/theory.md#max-margin-separator: planted support vectors on Σx = ±c give ŵ = (1/c)(1,
      // 1) exactly.
      const Real50 inv_c = Real50(1) / Real50(lingrok::planting_grid(cfg).c());
      BOOST_TEST(r.svm.w(0) == inv_c, tt::tolerance(Real50("1e-45")));
      BOOST_TEST(r.svm.w(1) == inv_c, tt::tolerance(Real50("1e-45")));
      const Real50 got[10] = {r.svm.w(0),    r.late.w_tilde(0), r.late.w_tilde(1), r.late.b_tilde,
                              r.bias.A_plus, r.bias.A_minus,    r.bias.delta,      r.bias.k,
                              r.bias.T_c,    r.smooth.beta};
      for (int q = 0; q < 10; ++q) BOOST_TEST_CONTEXT("quantity " << q) {
          BOOST_TEST(got[q] == Real50(g.values[q]), tt::tolerance(rel));
        }
      BOOST_TEST(r.late.residual_w / r.svm.norm <= Real50("1e-40"));
      BOOST_TEST(r.late.residual_b / r.svm.norm <= Real50("1e-40"));
      BOOST_TEST(abs(r.b_inf_minus_b_tilde) <= Real50("1e-40"));
    }
  }
}
