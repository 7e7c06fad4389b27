// Kill tests (docs/DEVELOPING.md#output-sets): `lingrok simulate`, `sweep`, `reproduce`
// and `integrate --which logtime` get SIGKILL, SIGTERM or SIGINT at a random moment of a rerun into
// a directory that holds an earlier complete output set. Afterwards every output set there is the
// earlier one or the new one, never a mixture, and no file outside the sets is left beside them (a
// killed process's own temporaries, NAME.tmp.PID and .NAME.partial-PID, are tolerated until the
// next run, which must remove them). SIGTERM and SIGINT end the run with 143 and 130 and a line
// saying how to go on (or at once, as the default action, when they come before the command has
// installed its handlers); going on gives the bytes of a run never stopped.
//
// What a set is: simulate's trajectory.csv and summary.json; a flow's CSV and JSON; the whole sweep
// directory (the points run in its staging directory); in a reproduction, each stage's files in
// each run directory (data/, theory.json, simulate/, each flow's CSV and JSON, the check's three
// files, figures/, config.json) and the summary. A reproduction's run directory as a whole is not
// one set: a run killed after its theory stage holds the new theory.json beside the earlier
// simulate/.
//
// The moments come from a fixed list of seeds, so what is asserted is the same on every run though
// where the signal lands is not. The earlier set is the new one with every file marked (a key added
// to JSON objects, a line appended elsewhere), so that a mixture cannot pass as either.
// `-- --rounds N` runs N rounds of each command (scripts/kill-test.sh); the default keeps CI to
// seconds.
#define BOOST_TEST_MODULE cli_kill
#include <boost/test/unit_test.hpp>

#include <csignal>
#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "../support/process_tree.hpp"
#include "../support/run_command.hpp"

using namespace lingrok::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

int rounds_option(int fallback) {
  const auto& suite = boost::unit_test::framework::master_test_suite();
  for (int i = 1; i + 1 < suite.argc; ++i) {
    if (std::string(suite.argv[i]) == "--rounds") return std::stoi(suite.argv[i + 1]);
  }
  return fallback;
}

// A killed process's temporaries: "NAME.tmp.PID" (core/atomic_file) or ".NAME.partial-PID"
// (core/output_set).
bool abandoned_name(const std::string& name) {
  for (const std::string mark : {".tmp.", ".partial-"}) {
    const auto at = name.rfind(mark);
    if (at == std::string::npos) continue;
    const std::string digits = name.substr(at + mark.size());
    if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) return true;
  }
  return false;
}

struct Snapshot {
  std::map<std::string, std::string> files;  // relative path -> bytes
  std::vector<std::string> abandoned;
};

// Every file under `dir` except the logs (appended as a pipeline goes; not a result).
Snapshot snapshot(const fs::path& dir) {
  Snapshot s;
  if (!fs::exists(dir)) return s;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    const std::string rel = fs::relative(it->path(), dir).string();
    if (abandoned_name(it->path().filename().string())) {
      s.abandoned.push_back(rel);
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file() || it->path().filename() == "log.txt") continue;
    s.files[rel] = slurp(it->path());
  }
  return s;
}

// What may differ between two runs of the same command: wall times and speeds, and whether
// (and so how many steps this process ran) a run was resumed.
void drop_volatile(nlohmann::json& j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      const std::string& k = it.key();
      if (k == "resumed" || k == "steps_run" || k.find("wall") != std::string::npos ||
          k.find("second") != std::string::npos) {
        it = j.erase(it);
      } else {
        drop_volatile(*it);
        ++it;
      }
    }
  } else if (j.is_array()) {
    for (auto& e : j) drop_volatile(e);
  }
}

std::string normalized(const std::string& rel, const std::string& bytes) {
  if (rel.size() < 5 || rel.substr(rel.size() - 5) != ".json") return bytes;
  auto j = nlohmann::json::parse(bytes, nullptr, false);
  if (j.is_discarded()) return bytes;
  drop_volatile(j);
  return j.dump();
}

std::string marked(const std::string& rel, const std::string& bytes) {
  if (rel.size() >= 5 && rel.substr(rel.size() - 5) == ".json") {
    auto j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_object()) {
      j["earlier_run"] = true;
      return j.dump(2) + "\n";
    }
  }
  return bytes + "earlier run\n";
}

using SetOf = std::function<std::string(const std::string&)>;  // "" : not in any set

// Whether each set in `now` is the whole of `earlier` or the whole of `fresh`, and nothing
// lies outside them.
void expect_old_or_new(const Snapshot& now, const Snapshot& earlier, const Snapshot& fresh,
                       const SetOf& set_of, const std::string& what) {
  std::map<std::string, int> state;  // set -> 1 earlier, 2 new, 3 either so far, 0 neither
  std::map<std::string, std::size_t> seen;
  for (const auto& [rel, bytes] : now.files) {
    const std::string set = set_of(rel);
    if (set.empty()) continue;
    const auto e = earlier.files.find(rel);
    const auto f = fresh.files.find(rel);
    int is = 0;
    if (e != earlier.files.end() && e->second == bytes) is |= 1;
    if (f != fresh.files.end() && normalized(rel, f->second) == normalized(rel, bytes)) is |= 2;
    BOOST_TEST(is != 0, what << ": " << rel << " is neither the earlier file nor the new one");
    state.try_emplace(set, 3);
    state[set] &= is;
    ++seen[set];
  }
  for (const auto& [set, s] : state) {
    BOOST_TEST(s != 0, what << ": set \"" << set << "\" mixes earlier and new files");
  }
  // A set is whole: as many files as the earlier or the new one has.
  std::map<std::string, std::size_t> in_earlier, in_fresh;
  for (const auto& [rel, b] : earlier.files)
    if (!set_of(rel).empty()) ++in_earlier[set_of(rel)];
  for (const auto& [rel, b] : fresh.files)
    if (!set_of(rel).empty()) ++in_fresh[set_of(rel)];
  for (const auto& [set, n] : in_fresh) {
    const std::size_t have = seen[set];
    const int s = state.count(set) ? state[set] : 0;
    const bool whole = ((s & 1) && have == in_earlier[set]) || ((s & 2) && have == n);
    BOOST_TEST(whole, what << ": set \"" << set << "\" has " << have << " files, the earlier "
                           << in_earlier[set] << ", the new " << n);
  }
}

void expect_new(const Snapshot& now, const Snapshot& fresh, const SetOf& set_of,
                const std::string& what) {
  BOOST_TEST(now.abandoned.empty(),
             what << ": left " << (now.abandoned.empty() ? "" : now.abandoned.front()));
  for (const auto& [rel, bytes] : fresh.files) {
    if (set_of(rel).empty()) continue;
    const auto it = now.files.find(rel);
    BOOST_TEST((it != now.files.end() && normalized(rel, it->second) == normalized(rel, bytes)),
               what << ": " << rel << " differs from the run that was never stopped");
  }
  for (const auto& [rel, bytes] : now.files) {
    BOOST_TEST(fresh.files.count(rel) == 1, what << ": stale " << rel);
  }
}

// Staging directories beside `out` (".out.partial-PID"), which only a killed run leaves.
std::vector<std::string> staging_beside(const fs::path& out) {
  std::vector<std::string> found;
  std::string prefix = ".";  // appended: GCC 12 warns falsely on "." + string (bug 105329)
  prefix += out.filename().string();
  prefix += ".partial-";
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    const std::string name = e.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) == 0) found.push_back(name);
  }
  return found;
}

void write_marked_copy(const Snapshot& fresh, const fs::path& dir) {
  fs::remove_all(dir);
  for (const auto& [rel, bytes] : fresh.files) {
    fs::create_directories((dir / rel).parent_path());
    write_file(dir / rel, marked(rel, bytes));
  }
}

struct Finished {
  int status = 0;
  std::string err;
  double seconds = 0;
  bool tree_gone = true;
};

// Runs `args` to the end, or signals it with `sig` after `delay` seconds.
Finished run(const std::vector<std::string>& args, const fs::path& scratch, int sig = 0,
             double delay = 0) {
  const auto begin = Clock::now();
  const Started s = start_lingrok(args, scratch / "stdout.txt", scratch / "stderr.txt");
  if (sig != 0) {
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long long>(delay * 1e6)));
    ::kill(s.pid, sig);
  }
  Finished f;
  f.tree_gone = wait_for_tree(s, f.status, std::chrono::seconds(120));
  f.seconds = std::chrono::duration<double>(Clock::now() - begin).count();
  f.err = slurp(scratch / "stderr.txt");
  return f;
}

// A uniform number in [0, 1) from a seed, the same on every platform (SplitMix64).
double uniform(std::uint64_t seed) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

const char* signal_name(int sig) {
  return sig == SIGKILL ? "SIGKILL" : sig == SIGTERM ? "SIGTERM" : "SIGINT";
}

// How a signalled command ended: "done" (it finished first, or the signal came after its
// last step), "stopped" (128 + signal, with `resume_line` on stderr), "killed" (by the signal
// itself).
std::string ending(const Finished& f, int sig, const std::string& resume_line,
                   const std::string& what) {
  if (WIFEXITED(f.status) && WEXITSTATUS(f.status) == 0) return "done";
  if (WIFSIGNALED(f.status)) {
    // SIGTERM/SIGINT kill only before the command has installed its handlers.
    BOOST_TEST(WTERMSIG(f.status) == sig, what << ": died of signal " << WTERMSIG(f.status));
    return "killed";
  }
  BOOST_TEST(sig != SIGKILL, what << ": exit " << WEXITSTATUS(f.status) << ": " << f.err);
  BOOST_TEST(WEXITSTATUS(f.status) == 128 + sig, what << ": exit " << WEXITSTATUS(f.status)
                                                      << " for " << signal_name(sig) << ": "
                                                      << f.err);
  // The signal came after the last step, while nothing polled for it (cli/main.cpp): the
  // outputs are complete, and the exit code still says the run was asked to stop.
  if (f.err.find("after the work had finished") != std::string::npos) return "done";
  BOOST_TEST(f.err.find(resume_line) != std::string::npos,
             what << ": no \"" << resume_line << "\" in: " << f.err);
  return "stopped";
}

// One command under kills: the reference run, then `rounds` rounds of (earlier set in place,
// rerun, signal at a seeded moment, check, go on, check).
struct Scenario {
  std::string name;
  std::vector<std::string> args;  // writes into `out`
  fs::path out;                   // the directory checked
  SetOf set_of;
  std::string resume_line;          // on stderr after SIGTERM/SIGINT
  std::vector<std::string> resume;  // extra arguments that go on after a stop (simulate)
  std::string resume_needs;         // a file under out that must exist to resume that way
  int first_signal = 0;             // round r sends {SIGKILL, SIGTERM, SIGINT}[r + this]
};

void run_scenario(const Scenario& sc, const fs::path& scratch, int rounds) {
  fs::remove_all(sc.out);
  const Finished reference = run(sc.args, scratch);
  BOOST_TEST_REQUIRE(reference.status == 0, sc.name << " reference run: " << reference.err);
  const Snapshot fresh = snapshot(sc.out);
  BOOST_TEST_REQUIRE(!fresh.files.empty());
  BOOST_TEST_MESSAGE(sc.name << ": the run never stopped took " << reference.seconds << " s");
  Snapshot earlier;
  for (const auto& [rel, bytes] : fresh.files) earlier.files[rel] = marked(rel, bytes);
  const int signals[] = {SIGKILL, SIGTERM, SIGINT};
  for (int r = 0; r < rounds; ++r) {
    const int sig = signals[(r + sc.first_signal) % 3];
    const double delay =
        uniform(20261207u + 7919u * static_cast<unsigned>(r)) * 1.1 * reference.seconds;
    const std::string what = sc.name + " round " + std::to_string(r) + " (" + signal_name(sig) +
                             " at " + std::to_string(delay) + " s)";
    BOOST_TEST_MESSAGE(what);
    write_marked_copy(fresh, sc.out);
    const Finished hit = run(sc.args, scratch, sig, delay);
    BOOST_TEST(hit.tree_gone, what << ": a step still ran two minutes after its parent ended");
    const std::string how = ending(hit, sig, sc.resume_line, what);
    BOOST_TEST_MESSAGE(what << ": " << how << " after " << hit.seconds << " s");
    const Snapshot after = snapshot(sc.out);
    if (how == "done") {
      expect_new(after, fresh, sc.set_of, what);
      BOOST_TEST(staging_beside(sc.out).empty(), what << ": a staging directory is left");
      continue;
    }
    expect_old_or_new(after, earlier, fresh, sc.set_of, what);
    if (how == "stopped")
      BOOST_TEST(staging_beside(sc.out).empty(), what << ": a stopped run left its staging");
    // Go on: --resume where the stop left what it needs, else the same command again.
    std::vector<std::string> again = sc.args;
    if (!sc.resume.empty() && fs::exists(sc.out / sc.resume_needs))
      again.insert(again.end(), sc.resume.begin(), sc.resume.end());
    const Finished rest = run(again, scratch);
    BOOST_TEST(rest.status == 0, what << ": going on failed: " << rest.err);
    expect_new(snapshot(sc.out), fresh, sc.set_of, what + ", then going on");
    BOOST_TEST(staging_beside(sc.out).empty(), what << ": the next run left a staging directory");
  }
}

struct Fixture {
  TempDir dir{"kill"};
  fs::path scratch = dir.path() / "scratch";
  Fixture() { fs::create_directories(scratch); }
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(simulate_leaves_the_earlier_set_or_the_new_one, Fixture) {
  const fs::path config = dir.path() / "c.json";
  write_file(config, R"({"name": "kill", "seed": 5,
    "data": {"d": 2, "n_plus": 60, "n_minus": 40, "k_plus": 6, "k_minus": 4,
             "n_test_standard": 20, "n_test_conc": 20},
    "gd": {"eta": 0.5, "steps": 6000000, "every": 500000, "progress": false}})");
  Scenario sc;
  sc.name = "simulate";
  sc.out = dir.path() / "sim";
  sc.args = {"simulate",      "--config",           config.string(), "--out",
             sc.out.string(), "--checkpoint-every", "500000"};
  // The checkpoint is the state a stopped run goes on from, not part of the set.
  sc.set_of = [](const std::string& rel) {
    return rel == "checkpoint.json" ? std::string() : std::string("simulate");
  };
  sc.resume_line = "rerun the same command with --resume";
  sc.resume = {"--resume"};
  sc.resume_needs = "checkpoint.json";
  run_scenario(sc, scratch, rounds_option(3));
}

BOOST_FIXTURE_TEST_CASE(sweep_leaves_the_earlier_sweep_or_the_new_one, Fixture) {
  const fs::path config = dir.path() / "sweep.json";
  write_file(config, R"({"name": "sweep_kill",
    "data": {"d": 2, "n_plus": 100, "n_minus": 100, "n_test_standard": 10, "n_test_conc": 20},
    "sweep": {"k_plus": 6, "k_minus": [6, 3], "families": ["stable"], "seeds": [1],
              "steps": 4000000, "epsilon": [0.05], "jobs": 2}})");
  Scenario sc;
  sc.name = "sweep";
  sc.out = dir.path() / "sweep_out";
  sc.args = {"sweep", "--config", config.string(), "--out", sc.out.string()};
  sc.set_of = [](const std::string&) { return std::string("sweep"); };
  sc.resume_line = "rerun the same command";
  run_scenario(sc, scratch, rounds_option(3));
}

BOOST_FIXTURE_TEST_CASE(reproduce_leaves_each_stage_set_earlier_or_new, Fixture) {
  Scenario sc;
  sc.name = "reproduce";
  sc.out = dir.path() / "repro";
  sc.args = {"reproduce",  "--only",       "d2_S350_10",
             "--steps",    "2000",         "--no-sweep",
             "--families", "stable",       "--jobs",
             "1",          "--configs",    (source_dir() / "configs").string(),
             "--out",      sc.out.string()};
  // <family>/<run>/<stage files>, and the reproduction's summary.
  sc.set_of = [](const std::string& rel) -> std::string {
    const fs::path p(rel);
    std::vector<std::string> parts(p.begin(), p.end());
    if (parts.size() == 1) return "summary";
    if (parts.size() < 3) return "?" + rel;
    const std::string run = parts[0] + "/" + parts[1] + ": ";
    const std::string& first = parts[2];
    if (parts.size() == 3) {
      if (first == "symbolic.json" || first == "report.json" || first == "report.md")
        return run + "check";
      return run + first;  // config.json, theory.json
    }
    if (first == "simulate" && parts[3] == "checkpoint.json") return "";
    if (first == "flows") return run + "flows " + fs::path(parts[3]).stem().string();
    return run + first;  // data, simulate, figures
  };
  sc.resume_line = "rerun the same command";
  sc.first_signal = 1;  // one round in CI: SIGTERM, which also tests the exit code and the line
  run_scenario(sc, scratch, rounds_option(1));
}

BOOST_FIXTURE_TEST_CASE(integrate_logtime_leaves_the_earlier_pair_or_the_new_one, Fixture) {
  const fs::path config = dir.path() / "c.json";
  write_file(config, R"({"name": "kill_logtime", "seed": 5,
    "data": {"d": 2, "n_plus": 60, "n_minus": 40, "k_plus": 6, "k_minus": 3, "gamma": 1e-3,
             "n_test_standard": 20, "n_test_conc": 20}})");
  const fs::path data = dir.path() / "data", run_dir = dir.path() / "run";
  BOOST_TEST_REQUIRE(
      run({"generate", "--config", config.string(), "--out", data.string()}, scratch).status == 0);
  BOOST_TEST_REQUIRE(
      run({"theory", "--data", data.string(), "--out", run_dir.string()}, scratch).status == 0);
  Scenario sc;
  sc.name = "integrate logtime";
  sc.out = dir.path() / "flows";
  sc.args = {"integrate",
             "--which",
             "logtime",
             "--data",
             data.string(),
             "--theory",
             (run_dir / "theory.json").string(),
             "--out",
             sc.out.string()};
  // The flow's CSV and its JSON are one set (cli/integrate_logtime.cpp).
  sc.set_of = [](const std::string& rel) {
    return rel.rfind("flow_logtime.", 0) == 0 ? std::string("logtime") : std::string();
  };
  sc.resume_line = "rerun the same command";  // not polled: a signal kills it or comes after
  run_scenario(sc, scratch, rounds_option(3));
}
