// `lingrok plot`: draws a run's figures, notes what it skips, says clearly when gnuplot is
// missing (exit 2, not a SIGPIPE death).
#define BOOST_TEST_MODULE plots_cli
#include <boost/test/unit_test.hpp>

#include "tests/plots/png_check.hpp"
#include "tests/plots/synthetic_run.hpp"
#include "tests/support/run_command.hpp"

namespace lt = lingrok::testing;

BOOST_AUTO_TEST_CASE(plot_run_and_sweep) {
  lt::TempDir dir("plots_cli");
  lt::write_synthetic_run(dir.path());
  std::filesystem::remove(dir.path() / "flows" / "gd_vs_flow.csv");
  lt::write_text(dir.path() / "sweep" / "sweep.csv", lt::synthetic_sweep_csv());
  const auto r = lt::run_lingrok("plot --run " + dir.path().string() + " --sweep " +
                                 (dir.path() / "sweep").string() + " --format svg");
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out.find("skipped gd_flow_gap") != std::string::npos);
  BOOST_TEST(std::filesystem::exists(dir.path() / "figures" / "accuracy.svg"));
  BOOST_TEST(std::filesystem::exists(dir.path() / "figures" / "accuracy.csv"));
  BOOST_TEST(std::filesystem::exists(dir.path() / "sweep" / "figures" / "bound_vs_observed.svg"));
}

BOOST_AUTO_TEST_CASE(missing_gnuplot_exits_2_with_the_fix) {
  lt::TempDir dir("plots_cli_nognuplot");
  lt::write_synthetic_run(dir.path());
  const auto r = lt::run_lingrok("plot --run " + dir.path().string());
  BOOST_REQUIRE(r.exit_code == 0);
  const auto empty = dir.path() / "empty_path";
  std::filesystem::create_directories(empty);
  const std::string cmd = "PATH=" + empty.string() + " " + lt::lingrok_bin() + " plot --run " +
                          dir.path().string() + " > /dev/null 2> " + (dir.path() / "err").string();
  const int status = std::system(cmd.c_str());
  BOOST_TEST(WEXITSTATUS(status) == 2);
  BOOST_TEST(lt::file_bytes(dir.path() / "err") ==
             "lingrok: error: gnuplot not found on PATH; install gnuplot-nox "
             "(scripts/install-deps.sh)\n");
  const auto bad = lt::run_lingrok("plot --run " + dir.path().string() + " --format jpeg");
  BOOST_TEST(bad.exit_code == 2);
}
