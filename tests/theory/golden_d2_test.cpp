#define BOOST_TEST_MODULE theory_golden_d2
// Golden values for the paper's d = 2 configurations (configs/d2_*.json, seed 1, η = 0.01,
// reduction sum), from the docs/data.md sampler (data/sampling/paper_samplers.hpp). They guard
// the chain sampler -> max-margin solver -> late-time Newton -> bias constants -> smoothness. The
// expected values are not lingrok's own output: tests/theory/golden_d2_provenance.py recomputes
// them in mpmath from the generated training sets (no code shared with theory/) and its output is
// committed as golden_d2_values.txt; the CTest theory_golden_d2_provenance reruns the script and
// requires the same output, so the file cannot go stale.
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/strict_json.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "theory/theory.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;

namespace {

struct Golden {
  std::string config;
  std::size_t s_plus = 0, s_minus = 0;
  // w_hat(0), w_tilde(0), w_tilde(1), b_tilde, A_plus, A_minus, delta, k, T_c, beta.
  std::vector<std::string> values;
};

std::string source_path(const std::string& relative) {
  const char* root = std::getenv("LINGROK_SOURCE_DIR");
  return std::string(root ? root : ".") + "/" + relative;
}

std::vector<Golden> read_golden() {
  std::ifstream in(source_path("tests/theory/golden_d2_values.txt"));
  std::vector<Golden> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Golden g;
    fields >> g.config >> g.s_plus >> g.s_minus;
    g.config += ".json";
    std::string v;
    while (fields >> v) g.values.push_back(v);
    out.push_back(g);
  }
  return out;
}

std::string config_path(const std::string& name) { return source_path("configs/" + name); }

}  // namespace

BOOST_AUTO_TEST_CASE(paper_d2_configurations) {
  const Real50 rel("1e-35");
  const auto golden = read_golden();
  BOOST_TEST_REQUIRE(golden.size() == 5u);  // the five configs/d2_*.json
  for (const auto& g : golden) {
    BOOST_TEST_REQUIRE(g.values.size() == 10u);
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
          BOOST_TEST(got[q] == Real50(g.values[static_cast<std::size_t>(q)]), tt::tolerance(rel));
        }
      BOOST_TEST(r.late.residual_w / r.svm.norm <= Real50("1e-40"));
      BOOST_TEST(r.late.residual_b / r.svm.norm <= Real50("1e-40"));
      BOOST_TEST(abs(r.b_inf_minus_b_tilde) <= Real50("1e-40"));
    }
  }
}
