// Interrupts and output sets (docs/DEVELOPING.md#interrupts): `lingrok simulate` stopped by
// SIGINT/SIGTERM (or by LINGROK_STOP_AT_STEP, the deterministic stand-in for a kill right after a
// checkpoint) exits 130/143 with a line saying how to resume, keeps the earlier complete output
// set, and its resume writes the bytes of the run that was never stopped. Output sets leave no
// stale file.
#define BOOST_TEST_MODULE cli_interrupt
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "../support/process_tree.hpp"
#include "../support/run_command.hpp"

using namespace lingrok::testing;
namespace fs = std::filesystem;

namespace {

const std::string kConfig = R"({"name": "t", "seed": 5,
  "data": {"d": 2, "n_plus": 60, "n_minus": 40, "k_plus": 6, "k_minus": 4,
           "n_test_standard": 20, "n_test_conc": 20},
  "gd": {"eta": 0.5, "steps": 20000, "every": 1000, "progress": false}})";

struct Run {
  TempDir dir{"interrupt"};
  fs::path config = dir.path() / "c.json";
  fs::path data = dir.path() / "data";
  Run() {
    write_file(config, kConfig);
    const auto g = run_lingrok("generate --config " + config.string() + " --out " + data.string());
    if (g.exit_code != 0) throw std::runtime_error("generate failed: " + g.err);
  }
  std::string simulate(const fs::path& out, const std::string& extra = "",
                       const std::string& checkpoint_every = "4000") const {
    return "simulate --config " + config.string() + " --data " + data.string() + " --out " +
           out.string() + " --checkpoint-every " + checkpoint_every + " " + extra;
  }
};

Run& fixture() {
  static Run run;
  return run;
}

// `lingrok <args>` with LINGROK_STOP_AT_STEP=step in its environment.
CommandResult run_stopped_at(long long step, const std::string& args) {
  ::setenv("LINGROK_STOP_AT_STEP", std::to_string(step).c_str(), 1);
  CommandResult r = run_lingrok(args);
  ::unsetenv("LINGROK_STOP_AT_STEP");
  return r;
}

long long rescreenings(const fs::path& summary) {
  return nlohmann::json::parse(slurp(summary))["fast_path"]["rescreenings"].get<long long>();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_stopped_run_is_interrupted_and_its_resume_gives_the_same_bytes) {
  const Run& f = fixture();
  const fs::path full = f.dir.path() / "full";
  BOOST_REQUIRE(run_lingrok(f.simulate(full, "--quiet")).exit_code == 0);

  const fs::path part = f.dir.path() / "part";
  const auto stopped = run_stopped_at(8000, f.simulate(part, "--quiet"));
  BOOST_TEST(stopped.exit_code == 143, stopped.err);
  BOOST_TEST(stopped.err.find("interrupted at step 8000") != std::string::npos, stopped.err);
  BOOST_TEST(stopped.err.find("--resume") != std::string::npos, stopped.err);
  BOOST_TEST(fs::exists(part / "checkpoint.json"));
  BOOST_TEST(!fs::exists(part / "trajectory.csv"));  // nothing half-written beside it
  BOOST_TEST(!fs::exists(part / "summary.json"));

  // Resumed without --quiet: presentation is not part of the checkpoint's identity.
  const auto resumed = run_lingrok(f.simulate(part, "--resume"));
  BOOST_TEST(resumed.exit_code == 0, resumed.err);
  BOOST_TEST(slurp(part / "trajectory.csv") == slurp(full / "trajectory.csv"));
  BOOST_TEST(rescreenings(part / "summary.json") == rescreenings(full / "summary.json"));
  BOOST_TEST(!fs::exists(part / "checkpoint.json"));
}

BOOST_AUTO_TEST_CASE(an_interrupted_rerun_keeps_the_earlier_complete_set) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "keep";
  BOOST_REQUIRE(run_lingrok(f.simulate(out, "--quiet")).exit_code == 0);
  const std::string trajectory = slurp(out / "trajectory.csv");
  const std::string summary = slurp(out / "summary.json");
  const auto stopped = run_stopped_at(4000, f.simulate(out, "--quiet --steps 30000"));
  BOOST_TEST(stopped.exit_code == 143, stopped.err);
  BOOST_TEST(slurp(out / "trajectory.csv") == trajectory);
  BOOST_TEST(slurp(out / "summary.json") == summary);
  // The checkpoint belongs to the longer run: resuming with the shorter one is refused and
  // says what differs.
  const auto wrong = run_lingrok(f.simulate(out, "--quiet --resume"));
  BOOST_TEST(wrong.exit_code == 2);
  BOOST_TEST(wrong.err.find("gd.steps was 30000, now 20000") != std::string::npos, wrong.err);
}

BOOST_AUTO_TEST_CASE(a_tampered_checkpoint_is_refused) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "tamper";
  const auto stopped = run_stopped_at(4000, f.simulate(out, "--quiet"));
  BOOST_REQUIRE(stopped.exit_code == 143);
  std::string text = slurp(out / "checkpoint.json");
  const auto at = text.find("0x1.", text.find("\"w\""));
  BOOST_REQUIRE(at != std::string::npos);
  text[at + 4] = text[at + 4] == '3' ? '4' : '3';
  write_file(out / "checkpoint.json", text);
  const auto r = run_lingrok(f.simulate(out, "--quiet --resume"));
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("checksum") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(out / "trajectory.csv"));
  // Cut short (a disk that filled up while another tool copied it): refused the same way.
  write_file(out / "checkpoint.json", text.substr(0, text.size() / 2));
  const auto cut = run_lingrok(f.simulate(out, "--quiet --resume"));
  BOOST_TEST(cut.exit_code == 2, cut.err);
  BOOST_TEST(std::count(cut.err.begin(), cut.err.end(), '\n') == 1, cut.err);
  BOOST_TEST(!fs::exists(out / "trajectory.csv"));
}

// A real SIGINT while GD runs: the process stops at its next chunk, writes a checkpoint there
// and exits 130.
BOOST_AUTO_TEST_CASE(sigint_stops_simulate_with_130_and_a_valid_checkpoint) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "sigint";
  const fs::path err = f.dir.path() / "sigint_err.txt";
  const std::string command = "exec " + lingrok_bin() + " " +
                              f.simulate(out, "--quiet --every 0 --steps 2000000000", "100000") +
                              " 2>" + err.string();
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait for the first checkpoint (at most a minute on a loaded machine).
  for (int i = 0; i < 600 && !fs::exists(out / "checkpoint.json"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_TEST(fs::exists(out / "checkpoint.json"));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 130, slurp(err));
  BOOST_TEST(slurp(err).find("--resume") != std::string::npos, slurp(err));
  BOOST_TEST(!fs::exists(out / "trajectory.csv"));
}

namespace {

// A sweep that runs until it is stopped: one point, 2·10^9 GD steps.
fs::path endless_sweep_config(const Run& f) {
  const fs::path config = f.dir.path() / "sweep.json";
  write_file(config, R"({"name": "sweep_kill",
    "data": {"d": 2, "n_plus": 60, "n_minus": 60, "n_test_standard": 10, "n_test_conc": 20},
    "sweep": {"k_plus": 6, "k_minus": [6], "families": ["stable"], "seeds": [1],
              "steps": 2000000000, "epsilon": [0.05], "jobs": 1}})");
  return config;
}

// Starts that sweep into `out` and returns once the point's simulate runs (its command is
// logged before it starts; the points run in the sweep's staging directory beside `out`).
Started start_endless_sweep(const Run& f, const fs::path& out, const fs::path& err) {
  const Started s = start_lingrok(
      {"sweep", "--config", endless_sweep_config(f).string(), "--out", out.string(), "--no-figure"},
      f.dir.path() / "sweep_stdout.txt", err);
  // Built by appending: GCC 12 warns falsely on "." + string (-Wrestrict, bug 105329).
  std::string staging = ".";
  staging += out.filename().string();
  staging += ".partial-";
  staging += std::to_string(s.pid);
  const fs::path log = out.parent_path() / staging / "runs" / "stable" / "k6_seed1" / "log.txt";
  for (int i = 0; i < 600; ++i) {
    if (fs::exists(log) && slurp(log).find(" simulate ") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  BOOST_TEST(slurp(log).find(" simulate ") != std::string::npos, slurp(err));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  return s;
}

}  // namespace

// SIGTERM to `lingrok sweep` while a point's simulate runs: the sweep exits 143, no child is
// left running (it once carried on, orphaned, writing into the output directory), and nothing
// of the stopped sweep is committed.
BOOST_AUTO_TEST_CASE(sigterm_stops_a_sweep_and_its_children) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "sweep_out";
  const fs::path err = f.dir.path() / "sweep_err.txt";
  const Started s = start_endless_sweep(f, out, err);
  ::kill(s.pid, SIGTERM);
  int status = 0;
  const bool gone = wait_for_tree(s, status, std::chrono::seconds(60));
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 143, slurp(err));
  BOOST_TEST(slurp(err).find("interrupted by SIGTERM") != std::string::npos, slurp(err));
  BOOST_TEST(gone, "a child of the sweep still runs a minute after the sweep ended");
  BOOST_TEST(!fs::exists(out));
  for (const auto& e : fs::directory_iterator(f.dir.path())) {
    BOOST_TEST(e.path().filename().string().find(".sweep_out.partial-") == std::string::npos);
  }
}

// SIGKILL to the sweep cannot be forwarded: its children learn of it through the parent pipe
// (pipeline/interrupt.hpp) and stop as if they had got SIGTERM.
BOOST_AUTO_TEST_CASE(sigkill_to_a_sweep_stops_its_children_too) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "sweep_killed";
  const Started s = start_endless_sweep(f, out, f.dir.path() / "sweep_killed_err.txt");
  ::kill(s.pid, SIGKILL);
  int status = 0;
  const bool gone = wait_for_tree(s, status, std::chrono::seconds(60));
  BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL));
  BOOST_TEST(gone, "a child of the killed sweep still runs a minute later");
  BOOST_TEST(!fs::exists(out));
  // The killed sweep's staging directory stays until the next sweep into `out` removes it
  // (core/output_set.cpp; tests/core/output_set_test.cpp).
  for (const auto& e : fs::directory_iterator(f.dir.path())) {
    if (e.path().filename().string().rfind(".sweep_killed.partial-", 0) == 0)
      fs::remove_all(e.path());
  }
}

BOOST_AUTO_TEST_CASE(generate_drops_stale_files_of_its_set_and_keeps_foreign_ones) {
  const Run& f = fixture();
  const fs::path out = f.dir.path() / "stale";
  fs::create_directories(out);
  write_file(out / "test_conc.csv", "stale\n");
  write_file(out / "notes.txt", "mine\n");
  const fs::path c = f.dir.path() / "no_conc.json";
  write_file(c, R"({"seed": 5, "data": {"d": 2, "n_plus": 20, "n_minus": 20, "k_plus": 2,
                    "k_minus": 2, "n_test_standard": 5, "n_test_conc": 0}})");
  const auto r = run_lingrok("generate --config " + c.string() + " --out " + out.string());
  BOOST_REQUIRE(r.exit_code == 0);
  BOOST_TEST(fs::exists(out / "train.csv"));
  BOOST_TEST(fs::exists(out / "data.json"));
  BOOST_TEST(!fs::exists(out / "test_conc.csv"));
  BOOST_TEST(slurp(out / "notes.txt") == "mine\n");
  for (const auto& e : fs::directory_iterator(f.dir.path())) {
    BOOST_TEST(e.path().filename().string().find(".partial-") == std::string::npos);
  }
}
