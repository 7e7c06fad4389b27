#define BOOST_TEST_MODULE numerics_gd_simulation
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "data/csv.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulation.hpp"
#include "theory/smoothness.hpp"

using namespace lingrok;
namespace fs = std::filesystem;

namespace {

DataBundle paper_data() {
  DataConfig c;  // d = 2, D(1000,1000), S(350,350), both test sets
  return generate_data(c);
}

fs::path temp_dir(const std::string& name) {
  const fs::path p =
      fs::temp_directory_path() / ("lingrok_gd_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(gd_section_is_read_strictly) {
  const auto c = parse_gd_config(nlohmann::json::parse(R"({"gd": {"eta": "stable", "steps": 1e5,
      "reduction": "mean", "epsilons": [0, 0.01], "zeta_min": 10, "threads": 2}})"),
                                 "cfg");
  BOOST_TEST(c.eta_stable);
  BOOST_TEST(c.steps == 100000);
  BOOST_TEST((c.reduction == Reduction::mean));
  BOOST_TEST(c.detection.epsilons.size() == 2u);
  BOOST_TEST(c.threads == 2);
  for (const char* bad :
       {R"({"gd": {"eta": 0}})", R"({"gd": {"eta": -1}})", R"({"gd": {"steps": 0}})",
        R"({"gd": {"eta": "fast"}})", R"({"gd": {"step": 10}})", R"({"gd": {"loss": "hinge"}})",
        R"({"gd": {"threads": 0}})", R"({"gd": {"threads": 65}})",
        R"({"gd": {"threads": 4294967297}})"}) {
    BOOST_CHECK_THROW(parse_gd_config(nlohmann::json::parse(bad), "cfg"), InputError);
  }
}

BOOST_AUTO_TEST_CASE(log_grid_is_log_spaced_with_every_and_the_last_step) {
  const auto g = log_grid(1000, 10, 300);
  BOOST_TEST(g.front() == 0);
  BOOST_TEST(g.back() == 1000);
  BOOST_TEST(std::count(g.begin(), g.end(), 600LL) == 1);
  BOOST_TEST(std::count(g.begin(), g.end(), 100LL) == 1);
  BOOST_TEST(std::is_sorted(g.begin(), g.end()));
  // 10 per decade over 3 decades, plus 0, the multiples of 300 that are not on the grid.
  BOOST_TEST(g.size() >= 31u);
}

// A run stopped after a checkpoint and resumed writes the same trajectory as the run that was
// never stopped (library level: the checkpoint is read back from disk).
BOOST_AUTO_TEST_CASE(checkpoint_and_resume_reproduce_the_uninterrupted_trajectory) {
  const DataBundle data = paper_data();
  const fs::path dir = temp_dir("resume");
  SimulationSetup setup;
  setup.data = &data;
  setup.config.steps = 30000;
  setup.config.every = 5000;
  setup.config.checkpoint_every = 7000;
  setup.config.progress = false;
  setup.eta = 1e-2;
  setup.checkpoint_path = dir / "checkpoint.json";
  const SimulationResult full = run_gd_simulation(setup);
  write_trajectory_csv(dir / "full.csv", full.trajectory);
  // The last checkpoint (t = 28000) is still on disk: resume from it.
  const Checkpoint cp = read_checkpoint(setup.checkpoint_path);
  BOOST_TEST(cp.state.t == 28000);
  SimulationSetup again = setup;
  again.resume = &cp;
  again.checkpoint_path.clear();
  const SimulationResult resumed = run_gd_simulation(again);
  write_trajectory_csv(dir / "resumed.csv", resumed.trajectory);
  BOOST_TEST(resumed.steps_run == 2000);
  BOOST_TEST(slurp(dir / "full.csv") == slurp(dir / "resumed.csv"));
  BOOST_TEST(full.trajectory.rows.size() > 50u);
  fs::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(divergence_keeps_the_trajectory_and_marks_it_incomplete) {
  const DataBundle data = paper_data();
  SimulationSetup setup;
  setup.data = &data;
  setup.config.steps = 1000;
  setup.config.loss = Loss::exponential;
  setup.config.progress = false;
  setup.eta = 10.0;
  const SimulationResult r = run_gd_simulation(setup);
  BOOST_TEST(!r.complete);
  BOOST_TEST(r.stop_reason.find("diverged") != std::string::npos);
  BOOST_TEST(r.trajectory.rows.size() >= 2u);
  const auto j = simulation_summary(setup, r, 1.0, "test", nullptr);
  BOOST_TEST(!j["complete"].get<bool>());
}

BOOST_AUTO_TEST_CASE(trajectory_columns_and_summary_keys) {
  const DataBundle data = paper_data();
  ReferenceGeometry g;
  g.w_hat = Eigen::VectorXd::Constant(2, 1000.0 * std::sqrt(2.0));
  g.w_tilde = Eigen::VectorXd::Zero(2);
  g.in_support = data.train.planted;
  SimulationSetup setup;
  setup.data = &data;
  setup.geometry = &g;
  setup.config.steps = 2000;
  setup.config.progress = false;
  setup.eta = 1.0 / smoothness<double>(data.train, Reduction::sum, Loss::logistic, 1.0).beta;
  const SimulationResult r = run_gd_simulation(setup);
  const auto& tr = r.trajectory;
  for (const char* c : {"t", "b", "w_norm", "w1", "w2", "D", "angle_w_hat", "rho_norm",
                        "rho_minus_w_tilde", "loss", "r", "A_plus", "A_minus", "b_steady",
                        "acc_train", "acc_test_standard", "acc_test_conc", "cos_update"}) {
    BOOST_TEST(tr.column(c) >= 0, c);
  }
  const auto last = tr.rows.back();
  BOOST_TEST(last[0] == 2000.0);
  BOOST_TEST(std::isfinite(last[static_cast<std::size_t>(tr.column("r"))]));
  BOOST_TEST(std::isfinite(last[static_cast<std::size_t>(tr.column("angle_w_hat"))]));
  // The loss decreases under the stable step.
  BOOST_TEST(last[static_cast<std::size_t>(tr.column("loss"))] <
             tr.rows[0][static_cast<std::size_t>(tr.column("loss"))]);
  const double beta = smoothness<double>(data.train, Reduction::sum, Loss::logistic, 1.0).beta;
  const auto j = simulation_summary(setup, r, beta, "computed", nullptr);
  BOOST_TEST(j["regime"]["eta_beta"].get<double>() == 1.0, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(j["grokking"]["sets"].contains("test_conc"));
  BOOST_TEST(j["grokking"]["sets"]["test_conc"]["variants"].contains("settle_abs"));
}

BOOST_AUTO_TEST_CASE(rounding_check_agrees_in_the_stable_regime) {
  const DataBundle data = paper_data();
  GdOptions o;
  o.eta = 1.0 / smoothness<double>(data.train, Reduction::sum, Loss::logistic, 1.0).beta;
  const RoundingCheck rc = rounding_check(data, o, 2000, 50, DetectionOptions{});
  BOOST_TEST(rc.first_b_divergence == -1);
  BOOST_TEST(rc.max_rel_b_diff < 1e-9);
  BOOST_TEST(rc.first_reach_agree);
}

// kill -9 during a CLI run, then --resume: the same trajectory.csv as an uninterrupted run.
BOOST_AUTO_TEST_CASE(cli_run_killed_with_sigkill_resumes_to_the_same_trajectory) {
  const char* bin = std::getenv("LINGROK_BIN");
  BOOST_REQUIRE_MESSAGE(bin != nullptr, "LINGROK_BIN is not set (run through ctest)");
  const fs::path dir = temp_dir("kill");
  std::ofstream(dir / "cfg.json") << R"({"seed": 3, "data": {"d": 2},
      "gd": {"eta": 0.01, "steps": 150000, "log_per_decade": 20, "progress": false}})";
  const std::string b(bin), d = dir.string();
  const std::string script =
      "set -e; cd '" + d + "'; '" + b + "' simulate --config cfg.json --out full --quiet; " + "'" +
      b + "' simulate --config cfg.json --out cut --checkpoint-every 10000 --quiet & pid=$!; " +
      "for i in $(seq 1 400); do [ -f cut/checkpoint.json ] && break; sleep 0.05; done; " +
      "kill -9 $pid; wait $pid || true; test -f cut/checkpoint.json; " + "'" + b +
      "' simulate --config cfg.json --out cut --checkpoint-every 10000 --resume --quiet; " +
      "cmp full/trajectory.csv cut/trajectory.csv";
  std::ofstream(dir / "kill.sh") << script << '\n';
  const int rc = std::system(("bash '" + d + "/kill.sh'").c_str());
  BOOST_TEST(rc == 0);
  // Bad input exits 2, divergence exits 3 with the partial trajectory kept.
  std::ofstream(dir / "bad.json") << R"({"gd": {"eta": -1}})";
  BOOST_TEST(WEXITSTATUS(std::system(("'" + b + "' simulate --config '" + d + "/bad.json' --out '" +
                                      d + "/bad' --quiet 2>/dev/null")
                                         .c_str())) == 2);
  std::ofstream(dir / "div.json")
      << R"({"data": {"d": 2}, "gd": {"eta": 10, "loss": "exponential", "steps": 1000}})";
  BOOST_TEST(WEXITSTATUS(std::system(("'" + b + "' simulate --config '" + d + "/div.json' --out '" +
                                      d + "/div' --quiet 2>/dev/null")
                                         .c_str())) == 3);
  BOOST_TEST(fs::exists(dir / "div" / "trajectory.csv"));
  BOOST_TEST(slurp(dir / "div" / "summary.json").find("\"complete\": false") != std::string::npos);
  fs::remove_all(dir);
}
