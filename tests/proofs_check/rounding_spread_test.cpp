// proofs_check/rounding_spread.hpp: runs paired with their rounding twin by id, their grokking
// times compared reading by reading, and the paper's Table 1 rows compared between the two
// roundings, on synthetic runs whose Definition 3.4 times are known by construction: a pair that
// agrees, a pair whose concentrated T_te moves by two decades (so that it reproduces the d = 2
// concentrated row under one rounding only), and a run with no twin.
#define BOOST_TEST_MODULE proofs_check_rounding_spread
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "../support/run_command.hpp"
#include "proofs_check/rounding_spread.hpp"
#include "synthetic_outcome.hpp"

using namespace lingrok;

namespace {

// A run of `group` (seed 1) under `rounding`, with the given times (synthetic_outcome.hpp).
ProtocolOutcome synthetic(const std::string& group, const std::string& rounding, double t_tr,
                          double t_te, double t_std) {
  ProtocolOutcome o = testing::synthetic_outcome(t_tr, t_te, t_std);
  o.id = group + "/seed1/" + rounding;
  o.group = group + "/" + rounding;
  o.d = 2;
  o.imbalance = "balanced";
  return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(twin_ids_replace_the_last_component) {
  BOOST_TEST(rounding_twin_id("margin/D1000_1000/literal/sum/seed2/shortcuts", "shortcuts",
                              "slices2") == "margin/D1000_1000/literal/sum/seed2/slices2");
  BOOST_TEST(rounding_twin_id("margin/x/literal/sum/seed2/plain", "shortcuts", "slices2").empty());
  BOOST_TEST(rounding_twin_id("xshortcuts", "shortcuts", "slices2").empty());
}

BOOST_AUTO_TEST_CASE(times_and_rows_compared_between_roundings) {
  const std::vector<ProtocolOutcome> outcomes = {
      // The paper's d = 2 concentrated row: T_tr 400, T_te 7e6 (ζ 1.75e4), under both.
      synthetic("same", "shortcuts", 400, 7e6, 1e3),
      synthetic("same", "slices2", 400, 7e6, 1e3),
      // Under the variant T_te comes two decades earlier: the row is no longer reproduced.
      synthetic("moved", "shortcuts", 400, 7e6, 1e3),
      synthetic("moved", "slices2", 400, 7e4, 1e3),
      // No twin: not compared.
      synthetic("alone", "shortcuts", 50, 60, 70),
  };
  const PaperTable1 table =
      read_paper_table1(testing::source_dir() / "configs" / "paper_table1.json");
  const PaperFigure4 figure =
      read_paper_figure4(testing::source_dir() / "configs" / "paper_figure4.json");
  const ProtocolAttribution a = attribute_protocols(table, figure, outcomes, AttributionOptions{});
  const RoundingSpread s = rounding_spread(outcomes, a, "slices2");
  BOOST_TEST(s.pairs == 2u);
  // Two pairs x two test sets x four variants x three ε x (T_tr, T_te).
  BOOST_TEST(s.times == 96u);
  BOOST_TEST(s.equal < s.times);
  BOOST_TEST(s.reached_in_one == 0u);
  BOOST_TEST(s.largest_decades == 2.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(s.largest_at.find("moved/seed1/shortcuts, concentrated") == 0u);
  // The three d = 2 rows: the concentrated row differs (reproduced by "moved" under one
  // rounding only), the standard and the ε = 1e-3 rows do not.
  BOOST_TEST(s.rows == 3u);
  BOOST_TEST(s.rows_same == 2u);
  const std::string md = rounding_spread_markdown(s);
  BOOST_TEST(md.find("2 runs were repeated with rounding `slices2`") != std::string::npos);
  BOOST_TEST(md.find("2 of 3 Table 1 rows") != std::string::npos);

  // Both pairs agreeing: every time equal, every row the same.
  const std::vector<ProtocolOutcome> agreeing(outcomes.begin(), outcomes.begin() + 2);
  const RoundingSpread t =
      rounding_spread(agreeing, attribute_protocols(table, figure, agreeing, {}), "slices2");
  BOOST_TEST(t.equal == t.times);
  BOOST_TEST(t.largest_decades == 0.0);
  BOOST_TEST(t.rows_same == t.rows);
  // A twin id at another d is no twin (ids must differ by d; this guards the pairing anyway).
  ProtocolOutcome other_d = outcomes[2];
  other_d.d = 1024;
  const std::vector<ProtocolOutcome> mixed = {other_d, outcomes[3]};
  BOOST_TEST(
      !rounding_spread(mixed, attribute_protocols(table, figure, mixed, {}), "slices2").any());
  // No twins at all: nothing to say.
  BOOST_TEST(!rounding_spread({outcomes.back()}, a, "slices2").any());
  BOOST_TEST(rounding_spread_markdown(rounding_spread({outcomes.back()}, a, "slices2")).empty());
}
