// plots/run_figures.hpp on a synthetic run directory: every figure renders to a PNG, the data
// written next to it is the data read from the run, phase boundaries are measured as
// docs/theory.md#phases says, and figures whose inputs are absent are skipped with a note.
#define BOOST_TEST_MODULE plots_run_figures
#include "plots/run_figures.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "tests/plots/png_check.hpp"
#include "tests/plots/synthetic_run.hpp"
#include "tests/support/run_command.hpp"

namespace lt = lingrok::testing;

namespace {

struct RunFixture {
  lt::TempDir dir{"plots_run"};
  RunFixture() { lt::write_synthetic_run(dir.path()); }
};

// Values of `column` in `table` on the rows where `t` > 0.
std::vector<double> positive_t(const lingrok::Table& table, const std::string& column) {
  std::vector<double> out;
  for (std::size_t i = 0; i < table.rows(); ++i) {
    if (table.col("t")[i] > 0) out.push_back(table.col(column)[i]);
  }
  return out;
}

void check_equal(const std::vector<double>& got, const std::vector<double>& want) {
  BOOST_REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) {
      BOOST_TEST(std::isnan(got[i]));
    } else {
      BOOST_TEST(got[i] == want[i]);
    }
  }
}

}  // namespace

BOOST_FIXTURE_TEST_CASE(all_figures_render_from_a_full_run, RunFixture) {
  const auto run = lingrok::load_run(dir.path());
  std::ostringstream notes;
  lingrok::PlotOptions options;
  options.notes = &notes;
  const auto images = lingrok::draw_run_figures(run, options);
  std::vector<std::string> names;
  for (const auto& p : images) names.push_back(p.filename().string());
  const std::vector<std::string> expected{"accuracy.png",    "bias.png",      "distance.png",
                                          "hyperplanes.png", "ode_error.png", "gd_flow_gap.png"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  for (const auto& p : images) {
    BOOST_TEST(p.parent_path() == std::filesystem::absolute(dir.path() / "figures"));
    lt::check_png(p, p.filename() == "hyperplanes.png" ? 1600 : 1200, 800);
    auto gp = p;
    BOOST_TEST(std::filesystem::exists(gp.replace_extension(".gp")));
  }
  BOOST_TEST(notes.str().find("skipped") == std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(accuracy_data_is_the_trajectory, RunFixture) {
  const auto run = lingrok::load_run(dir.path());
  lingrok::render_figure(*lingrok::accuracy_figure(run).figure, dir.path() / "figures", {});
  const auto written = lingrok::Table::read(dir.path() / "figures" / "accuracy.csv");
  for (const char* c : {"t", "acc_train", "acc_test_standard", "acc_test_conc", "acc_pgd"}) {
    BOOST_TEST_CONTEXT("column " << c) {
      check_equal(written.col(c), positive_t(*run.trajectory, c));
    }
  }
  BOOST_TEST(!written.has("cos_update"));  // only what is plotted
}

BOOST_FIXTURE_TEST_CASE(bias_and_distance_data_match_their_sources, RunFixture) {
  const auto run = lingrok::load_run(dir.path());
  const auto out = dir.path() / "figures";
  lingrok::render_figure(*lingrok::bias_figure(run).figure, out, {});
  check_equal(lingrok::Table::read(out / "bias_gd.csv").col("b"), positive_t(*run.trajectory, "b"));
  check_equal(lingrok::Table::read(out / "bias_ode.csv").col("b"), run.flow_bias->col("b_ode"));
  check_equal(lingrok::Table::read(out / "bias_closed_form.csv").col("b"),
              run.flow_bias->col("b_closed_form"));
  check_equal(lingrok::Table::read(out / "bias_coupled.csv").col("b"), run.flow_coupled->col("b"));
  const std::string gp = lt::file_bytes(out / "bias.gp");
  BOOST_TEST(gp.find("-0.5 with lines") != std::string::npos);  // b∞ from theory.json

  lingrok::render_figure(*lingrok::distance_figure(run).figure, out, {});
  check_equal(lingrok::Table::read(out / "distance_gd.csv").col("D"),
              positive_t(*run.trajectory, "D"));
  const std::string dgp = lt::file_bytes(out / "distance.gp");
  BOOST_TEST(dgp.find("t_1 predicted") != std::string::npos);
  BOOST_TEST(dgp.find("t_1 measured") != std::string::npos);
  BOOST_TEST(dgp.find("set arrow 1 from first 1000, graph 0") != std::string::npos);  // r <= κ
}

BOOST_FIXTURE_TEST_CASE(hyperplane_data_are_the_training_set_and_lines, RunFixture) {
  const auto run = lingrok::load_run(dir.path());
  const auto out = dir.path() / "figures";
  lingrok::render_figure(*lingrok::hyperplane_figure(run, {10, 1e4}).figure, out, {});
  const auto train = lingrok::Table::read(dir.path() / "data" / "train.csv");
  const auto pts = lingrok::Table::read(out / "hyperplanes_train.csv");
  check_equal(pts.col("x1"), train.col("x1"));
  check_equal(pts.col("x2"), train.col("x2"));
  check_equal(pts.col("support"), train.col("planted"));  // theory's S = the planted rows here
  const auto lines = lingrok::Table::read(out / "hyperplanes_hyperplanes.csv");
  BOOST_REQUIRE(lines.rows() == 2u);
  BOOST_TEST(lines.col("t")[0] == 10.0);
  BOOST_TEST(lines.col("t")[1] == 10000.0);
  for (std::size_t i = 0; i < 2; ++i) {  // both ends lie on w·x + b = 0
    const double w1 = lines.col("w1")[i], w2 = lines.col("w2")[i], b = lines.col("b")[i];
    BOOST_TEST(std::fabs(w1 * lines.col("x_start")[i] + w2 * lines.col("y_start")[i] + b) <
               1e-6 * std::hypot(w1, w2));
    BOOST_TEST(std::fabs(w1 * lines.col("x_end")[i] + w2 * lines.col("y_end")[i] + b) <
               1e-6 * std::hypot(w1, w2));
  }
}

BOOST_AUTO_TEST_CASE(measured_phase_boundaries_follow_spec_3_6) {
  lt::TempDir dir("plots_phases");
  lt::write_text(dir.path() / "traj.csv",
                 "t,r,D\n0,nan,nan\n1,0.5,0.1\n10,0.01,0.2\n100,0.0005,0.3\n1000,0.0001,0.5\n"
                 "10000,0.00001,0.4\n100000,0.000001,0.35\n");
  const auto table = lingrok::Table::read(dir.path() / "traj.csv");
  const auto p = lingrok::measured_phase_times(table, 1e-3);
  BOOST_TEST(p.t1 == 100.0);
  BOOST_TEST(p.t2 == 1000.0);
  BOOST_TEST(p.source == "measured");
  // D still rising at the last row: no t2.
  lt::write_text(dir.path() / "rising.csv", "t,r,D\n1,0.5,0.1\n10,0.0001,0.2\n100,0.00001,0.3\n");
  const auto q =
      lingrok::measured_phase_times(lingrok::Table::read(dir.path() / "rising.csv"), 1e-3);
  BOOST_TEST(q.t1 == 10.0);
  BOOST_TEST(std::isnan(q.t2));
}

BOOST_AUTO_TEST_CASE(figures_without_inputs_are_skipped_with_a_note) {
  lt::TempDir dir("plots_partial");
  lt::write_synthetic_run(dir.path());
  std::filesystem::remove_all(dir.path() / "simulate");
  std::filesystem::remove_all(dir.path() / "flows");
  const auto run = lingrok::load_run(dir.path());
  std::ostringstream notes;
  lingrok::PlotOptions options;
  options.notes = &notes;
  const auto images = lingrok::draw_run_figures(run, options);
  // Only theory.json: the closed-form bias and the predicted D can be drawn.
  BOOST_TEST(images.size() == 2u);
  const std::string n = notes.str();
  BOOST_TEST(n.find("skipped accuracy: simulate/trajectory.csv is absent") != std::string::npos);
  BOOST_TEST(n.find("skipped hyperplanes:") != std::string::npos);
  BOOST_TEST(n.find("skipped ode_error: the bias-ODE table in flows/ is absent") !=
             std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(missing_gnuplot_stops_before_drawing, RunFixture) {
  lt::TempDir empty("plots_run_no_gnuplot");
  lingrok::PlotOptions options;
  options.search_path = empty.path().string();
  BOOST_CHECK_THROW(lingrok::draw_run_figures(lingrok::load_run(dir.path()), options),
                    lingrok::InputError);
  BOOST_TEST(!std::filesystem::exists(dir.path() / "figures"));
}
