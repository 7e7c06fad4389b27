// pipeline/protocols_plan.hpp on the tiny preset (seconds): the grid's bookkeeping (every
// planting, imbalance and the reduced d = 1024 runs present, ids unique, groups = ids without
// the seed), the runs' outcomes the same on one and on two threads, and every row of the
// paper's Table 1 and every Figure 4 statement attributed from them.
#define BOOST_TEST_MODULE pipeline_protocols_plan
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <set>

#include "../support/run_command.hpp"
#include "core/error.hpp"
#include "pipeline/job_pool.hpp"
#include "pipeline/protocols_plan.hpp"
#include "proofs_check/protocol_attribution.hpp"

using namespace lingrok;

namespace {

ProtocolsPlan tiny_plan() {
  ProtocolsOptions o;
  o.preset = "tiny";
  return make_protocols_plan(o);
}

const std::vector<ProtocolRun>& tiny_runs() {
  static const std::vector<ProtocolRun> runs = run_protocols_plan(tiny_plan(), 2);
  return runs;
}

}  // namespace

BOOST_AUTO_TEST_CASE(tiny_grid_bookkeeping) {
  const ProtocolsPlan plan = tiny_plan();
  // d = 2: margin and cluster on three planted sets, none on one, each literal and its rounding
  // variant; d = 1024: each planting.
  BOOST_TEST(plan.runs.size() == 2u * (3u + 3u + 1u) + 3u);
  std::set<std::string> ids, plantings, imbalances;
  int d1024 = 0;
  for (const auto& c : plan.runs) {
    ids.insert(c.id());
    plantings.insert(c.planting);
    if (c.data.d == 2) imbalances.insert(c.imbalance());
    if (c.data.d == 1024) {
      ++d1024;
      BOOST_TEST(c.reduced);
    }
    BOOST_TEST(c.id().find("/seed1/") != std::string::npos);
    BOOST_TEST(c.group() != c.id());
  }
  BOOST_TEST(ids.size() == plan.runs.size());
  BOOST_TEST((plantings == std::set<std::string>{"cluster", "margin", "none"}));
  BOOST_TEST((imbalances == std::set<std::string>{"balanced", "negative", "positive"}));
  BOOST_TEST(d1024 == 3);
  BOOST_TEST((plan.detection.epsilons == std::vector<double>{0.0, 1e-3, 1e-2}));
}

BOOST_AUTO_TEST_CASE(default_grid_has_every_axis) {
  const ProtocolsPlan plan = make_protocols_plan(ProtocolsOptions{});
  std::set<std::string> families, roundings, reductions, seeds;
  for (const auto& c : plan.runs) {
    families.insert(c.family);
    roundings.insert(c.rounding);
    reductions.insert(to_string(c.gd.reduction));
    seeds.insert(std::to_string(c.data.seed));
  }
  BOOST_TEST((families == std::set<std::string>{"literal", "paper-stable", "stable"}));
  BOOST_TEST((roundings == std::set<std::string>{"shortcuts", "slices2"}));
  for (const auto& c : plan.runs) {
    // The rounding variant is the literal sum run (the chaotic one), summed in two slices.
    if (c.rounding == "slices2") {
      BOOST_TEST((c.family == "literal" && c.gd.reduction == Reduction::sum && c.gd.slices == 2));
    } else {
      BOOST_TEST(c.gd.slices == 0);
    }
  }
  BOOST_TEST((reductions == std::set<std::string>{"mean", "sum"}));
  BOOST_TEST(seeds.size() == 3u);
  // Ids are unique (the reduced d = 1024 sets have the sizes of a d = 2 set).
  std::set<std::string> ids;
  for (const auto& c : plan.runs) ids.insert(c.id());
  BOOST_TEST(ids.size() == plan.runs.size());
  // On each of 3 seeds: the 12 planted-or-not sets literal (two roundings) and stable,
  // paper-stable on the 7 margin and none sets, mean on the 5 margin sets; then three reduced
  // d = 1024 runs.
  BOOST_TEST(plan.runs.size() == 3u * (12u * 3u + 7u + 5u) + 3u);
  // Every family, reduction and rounding on every seed: a distribution, not one number.
  std::set<std::string> per_seed;
  for (const auto& c : plan.runs) {
    if (c.data.d == 2) per_seed.insert(c.group() + "|" + std::to_string(c.data.seed));
  }
  std::set<std::string> groups;
  for (const auto& c : plan.runs) {
    if (c.data.d == 2) groups.insert(c.group());
  }
  BOOST_TEST(per_seed.size() == groups.size() * 3u);
}

BOOST_AUTO_TEST_CASE(outcomes_do_not_depend_on_the_thread_count) {
  const auto one = run_protocols_plan(tiny_plan(), 1);
  const auto& two = tiny_runs();
  BOOST_REQUIRE(one.size() == two.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    BOOST_TEST(to_json(one[i].outcome).dump() == to_json(two[i].outcome).dump());
  }
}

BOOST_AUTO_TEST_CASE(every_paper_row_and_statement_is_attributed_on_the_tiny_grid) {
  std::vector<ProtocolOutcome> outcomes;
  for (const auto& r : tiny_runs()) outcomes.push_back(r.outcome);
  const auto dir = testing::source_dir() / "configs";
  const PaperTable1 table = read_paper_table1(dir / "paper_table1.json");
  const PaperFigure4 figure = read_paper_figure4(dir / "paper_figure4.json");
  const ProtocolAttribution a = attribute_protocols(table, figure, outcomes, AttributionOptions{});
  BOOST_TEST(a.table1.size() == 6u);
  for (std::size_t i = 0; i < a.table1.size(); ++i) {
    // d = 2 rows: 14 runs x 4 variants x 3 ε; d = 1024 rows: 3 runs x 12.
    BOOST_TEST(a.table1[i].tried == (table.rows[i].d == 2 ? 168u : 36u));
    BOOST_TEST(a.table1[i].reduced == (table.rows[i].d == 1024));
    BOOST_TEST(!a.table1[i].verdict.empty());
  }
  BOOST_TEST(a.figure4.size() == figure.statements.size());
  for (const auto& s : a.figure4) BOOST_TEST(s.tried > 0u);
  // Every run logged a train accuracy curve.
  for (const auto& r : tiny_runs()) {
    BOOST_TEST(std::isfinite(r.outcome.concentrated.sup_train));
  }
}

BOOST_AUTO_TEST_CASE(job_pool_runs_each_index_once_and_rethrows) {
  std::vector<int> hits(50, 0);
  run_jobs(hits.size(), 2, [&](std::size_t i) { hits[i] += 1; });
  for (int h : hits) BOOST_TEST(h == 1);
  BOOST_CHECK_THROW(run_jobs(10, 2,
                             [](std::size_t i) {
                               if (i == 3) throw InputError("job 3");
                             }),
                    InputError);
}

BOOST_AUTO_TEST_CASE(bad_options_are_named) {
  ProtocolsOptions o;
  o.preset = "huge";
  BOOST_CHECK_EXCEPTION(make_protocols_plan(o), InputError, [](const InputError& e) {
    return std::string(e.what()).find("--preset huge") != std::string::npos;
  });
}
