// The pieces that let a plan run its stages in one process (docs/DEVELOPING.md#pipeline):
// run_stage's logging and error handling, and time limits kept by the flows themselves
// (core/deadline.hpp) instead of by killing a process.
#define BOOST_TEST_MODULE pipeline_stages
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <sstream>

#include "../numerics/flow_test_data.hpp"
#include "core/deadline.hpp"
#include "core/error.hpp"
#include "pipeline/interrupt.hpp"
#include "data/csv.hpp"
#include "numerics/flow/full_flow.hpp"
#include "pipeline/run_stage.hpp"
#include "pipeline/stages/integrate.hpp"

namespace fs = std::filesystem;
using namespace lingrok;

BOOST_AUTO_TEST_CASE(run_stage_logs_the_command_and_the_stage_report) {
  std::ostringstream log;
  const bool ok = run_stage(log, "theory --data 'd'", [](std::ostream& l) { l << "done\n"; });
  BOOST_TEST(ok);
  BOOST_TEST(log.str() == "\n$ lingrok theory --data 'd'\ndone\n");
}

BOOST_AUTO_TEST_CASE(run_stage_turns_lingrok_errors_into_a_failed_stage) {
  std::ostringstream log;
  BOOST_TEST(!run_stage(log, "a", [](std::ostream&) { throw InputError("bad --eta"); }));
  BOOST_TEST(!run_stage(log, "b", [](std::ostream&) { throw NumericalError("diverged"); }));
  BOOST_TEST(!run_stage(log, "c", [](std::ostream&) { throw TimeLimitReached("flow at 30 s"); }));
  const std::string text = log.str();
  BOOST_TEST(text.find("error: bad --eta") != std::string::npos, text);
  BOOST_TEST(text.find("numerical error: diverged") != std::string::npos, text);
  BOOST_TEST(text.find("stopped: flow at 30 s") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(run_stage_lets_an_interrupt_stop_the_plan) {
  std::ostringstream log;
  bool interrupted = false;
  try {
    run_stage(log, "simulate", [](std::ostream&) { throw Interrupted(SIGTERM, "stopped"); });
  } catch (const Interrupted& e) {
    interrupted = e.exit_code() == 143;
  }
  BOOST_TEST(interrupted);
}

BOOST_AUTO_TEST_CASE(shell_quote_makes_one_word) {
  BOOST_TEST(shell_quote("a b") == "'a b'");
  BOOST_TEST(shell_quote("it's") == "'it'\\''s'");
}

// A deadline that has passed stops the flow at its first right-hand side; a distant one changes
// nothing, bit for bit.
BOOST_AUTO_TEST_CASE(the_full_flow_keeps_its_deadline) {
  const Dataset train = test::eight_point_data();
  const std::vector<double> grid{1, 10, 100, 1000};
  FullFlowOptions o;
  const auto free_run = integrate_full_flow(train, grid, o);
  const Deadline far(1e6, "far");
  o.deadline = &far;
  const auto with_far = integrate_full_flow(train, grid, o);
  BOOST_REQUIRE(with_far.w.size() == free_run.w.size());
  for (std::size_t i = 0; i < grid.size(); ++i) {
    BOOST_TEST(with_far.b[i] == free_run.b[i]);
    BOOST_TEST((with_far.w[i] - free_run.w[i]).norm() == 0.0);
  }
  const Deadline passed(0, "the test's flow");
  o.deadline = &passed;
  BOOST_CHECK_THROW(integrate_full_flow(train, grid, o), TimeLimitReached);
}

// The integrate stage with a time limit it cannot meet: TimeLimitReached, and no file of the
// flow's set is written.
BOOST_AUTO_TEST_CASE(the_integrate_stage_writes_nothing_past_its_time_limit) {
  const fs::path dir = fs::temp_directory_path() / ("lingrok_stages_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_csv(dir / "train.csv", test::eight_point_data());
  stages::IntegrateRequest r;
  r.which = "full";
  r.data = (dir / "train.csv").string();
  r.out = (dir / "flows").string();
  r.t_end = 1e6;
  r.time_limit = 1e-9;
  std::ostringstream log;
  BOOST_CHECK_THROW(stages::run_integrate(r, log), TimeLimitReached);
  BOOST_TEST(!fs::exists(dir / "flows" / "flow_full.csv"));
  BOOST_TEST(!fs::exists(dir / "flows" / "flow_full.json"));
  r.time_limit = 0;  // none
  stages::run_integrate(r, log);
  BOOST_TEST(fs::exists(dir / "flows" / "flow_full.csv"));
  fs::remove_all(dir);
}

// Last: the stop request is process-wide and stays set.
BOOST_AUTO_TEST_CASE(a_deadline_also_answers_an_interrupt) {
  const Deadline far(1e6, "the flow", &stop_requested);
  BOOST_CHECK_NO_THROW(far.check());
  request_stop(SIGINT);
  bool interrupted = false;
  try {
    far.check();
  } catch (const Interrupted& e) {
    interrupted = e.exit_code() == 130 && e.what().find("SIGINT") != std::string::npos;
  }
  BOOST_TEST(interrupted);
}
