// plots/sweep_figure.cpp: bound versus observed from a sweep table, one panel per family, the
// rows of the chosen ε written next to the figure.
#define BOOST_TEST_MODULE plots_sweep_figure
#include <boost/test/unit_test.hpp>
#include <cmath>

#include "core/error.hpp"
#include "plots/run_figures.hpp"
#include "tests/plots/png_check.hpp"
#include "tests/plots/synthetic_run.hpp"
#include "tests/support/run_command.hpp"

namespace lt = lingrok::testing;

BOOST_AUTO_TEST_CASE(one_panel_per_family_with_the_chosen_epsilon) {
  lt::TempDir dir("plots_sweep");
  lt::write_text(dir.path() / "sweep.csv", lt::synthetic_sweep_csv());
  const auto image = lingrok::draw_sweep_figure(dir.path(), {});
  BOOST_TEST(image.filename() == "bound_vs_observed.png");
  lt::check_png(image, 1600, 1000);
  const auto figures = dir.path() / "figures";
  const std::string gp = lt::file_bytes(figures / "bound_vs_observed.gp");
  BOOST_TEST(gp.find("set multiplot layout 1,2") != std::string::npos);
  BOOST_TEST(gp.find("family \\\"literal\\\"") != std::string::npos);
  BOOST_TEST(gp.find("filledcurves") != std::string::npos);
  BOOST_TEST(gp.find("set logscale y") != std::string::npos);

  // Default ε: the smallest (0.001); rows sorted by |log δ|; values bit for bit.
  const auto input = lingrok::Table::read(dir.path() / "sweep.csv");
  const auto stable = lingrok::Table::read(figures / "bound_vs_observed_stable.csv");
  BOOST_REQUIRE(stable.rows() == 5u);
  for (std::size_t i = 0; i < stable.rows(); ++i) {
    BOOST_TEST(stable.col("epsilon")[i] == 0.001);
    if (i > 0) BOOST_TEST(stable.col("abs_log_delta")[i] >= stable.col("abs_log_delta")[i - 1]);
    // The same row in the input (stable, ε = 0.001 is the second block of five; k descending).
    const std::size_t j = 5 + i;
    for (const char* c : {"k_minus", "T_te_first", "bound_upper_Blim", "estimate_refined"}) {
      BOOST_TEST(stable.col(c)[i] == input.col(c)[j]);
    }
  }
  BOOST_TEST(!stable.has("family"));
  BOOST_TEST(std::filesystem::exists(figures / "bound_vs_observed_literal.csv"));
}

BOOST_AUTO_TEST_CASE(epsilon_option_and_bad_tables) {
  lt::TempDir dir("plots_sweep_eps");
  lt::write_text(dir.path() / "s.csv", lt::synthetic_sweep_csv());
  auto b = lingrok::sweep_figure(dir.path() / "s.csv", 0.01);
  BOOST_REQUIRE(b.figure.has_value());
  for (double e : b.figure->data[0].col("epsilon")) BOOST_TEST(e == 0.01);
  b = lingrok::sweep_figure(dir.path() / "s.csv", 0.5);
  BOOST_TEST(!b.figure.has_value());
  BOOST_TEST(b.missing.find("no row with epsilon = 0.5") != std::string::npos);
  lt::write_text(dir.path() / "bad.csv", "family,delta\nliteral,0.5\n");
  b = lingrok::sweep_figure(dir.path() / "bad.csv");
  BOOST_TEST(b.missing == "the sweep table has no column abs_log_delta");
  // A renamed column is one field of SweepColumns.
  lingrok::SweepColumns renamed;
  renamed.T_te_first = "T_te_first_reach";
  b = lingrok::sweep_figure(dir.path() / "s.csv", std::nullopt, renamed);
  BOOST_TEST(b.missing == "the sweep table has no column T_te_first_reach");
  BOOST_CHECK_THROW(lingrok::draw_sweep_figure(dir.path() / "absent", {}), lingrok::InputError);
}
