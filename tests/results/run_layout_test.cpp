// results/run_layout.hpp: the paths of a run, a sweep and a reproduction, against the layout
// that docs/checks.md and the README spell out.
#define BOOST_TEST_MODULE run_layout
#include <boost/test/unit_test.hpp>

#include "results/run_layout.hpp"

using lingrok::ReproductionLayout;
using lingrok::RunLayout;
using lingrok::SweepLayout;

BOOST_AUTO_TEST_CASE(run_directory_paths) {
  const RunLayout run("out/literal/d2_S350_50");
  BOOST_TEST(run.config_json().generic_string() == "out/literal/d2_S350_50/config.json");
  BOOST_TEST(run.train_csv().generic_string() == "out/literal/d2_S350_50/data/train.csv");
  BOOST_TEST(run.test_conc_csv().generic_string() == "out/literal/d2_S350_50/data/test_conc.csv");
  BOOST_TEST(run.data_json().generic_string() == "out/literal/d2_S350_50/data/data.json");
  BOOST_TEST(run.theory_json().generic_string() == "out/literal/d2_S350_50/theory.json");
  BOOST_TEST(run.trajectory_csv().generic_string() ==
             "out/literal/d2_S350_50/simulate/trajectory.csv");
  BOOST_TEST(run.gd_summary_json().generic_string() ==
             "out/literal/d2_S350_50/simulate/summary.json");
  BOOST_TEST(run.flow_csv("bias").generic_string() == "out/literal/d2_S350_50/flows/flow_bias.csv");
  BOOST_TEST(run.flow_json("logtime_gd").generic_string() ==
             "out/literal/d2_S350_50/flows/flow_logtime_gd.json");
  BOOST_TEST(run.gd_flow_gap_csv().generic_string() ==
             "out/literal/d2_S350_50/flows/gd_vs_flow.csv");
  BOOST_TEST(run.report_md().generic_string() == "out/literal/d2_S350_50/report.md");
  BOOST_TEST(run.figures_dir().generic_string() == "out/literal/d2_S350_50/figures");
}

BOOST_AUTO_TEST_CASE(relative_names_are_what_reports_print) {
  const RunLayout rel = RunLayout::relative();
  BOOST_TEST(rel.trajectory_csv().generic_string() == "simulate/trajectory.csv");
  BOOST_TEST(rel.theory_json().generic_string() == "theory.json");
  BOOST_TEST(rel.flow_json("bias").generic_string() == "flows/flow_bias.json");
  BOOST_TEST(rel.symbolic_json().generic_string() == "symbolic.json");
}

BOOST_AUTO_TEST_CASE(sweep_and_reproduction) {
  const SweepLayout sweep("s");
  BOOST_TEST(sweep.table_csv().generic_string() == "s/sweep.csv");
  BOOST_TEST(sweep.summary_json().generic_string() == "s/sweep.json");
  BOOST_TEST(sweep.point("stable", 5, 42).trajectory_csv().generic_string() ==
             "s/runs/stable/k5_seed42/simulate/trajectory.csv");
  BOOST_TEST(SweepLayout::of_table("s/sweep.csv").summary_json().generic_string() ==
             "s/sweep.json");
  const ReproductionLayout out("out");
  BOOST_TEST(out.run("stable", "d2_S50_350").theory_json().generic_string() ==
             "out/stable/d2_S50_350/theory.json");
  BOOST_TEST(out.summary_md().generic_string() == "out/summary.md");
  BOOST_TEST(out.sweep().figures_dir().generic_string() == "out/sweep/figures");
}
