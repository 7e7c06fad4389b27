// A user's CSV from a generator that is not lingrok's, end to end through the CLI: theory,
// simulate, integrate, check and plot must all finish on it. The data are the paper's protocol
// with support vectors planted by floating-point projection (on the margin only up to rounding,
// hundreds of them), written with a header and without the `planted` column, as a user would.
#define BOOST_TEST_MODULE cli_user_csv
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "../support/run_command.hpp"
#include "tests/theory/independent_generators.hpp"

using namespace lingrok::testing;

namespace {

void write_user_csv(const lingrok::Dataset& data, const std::filesystem::path& file) {
  std::string text = "x1,x2,y\n";
  char buf[64];
  for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
    for (Eigen::Index j = 0; j < data.X.cols(); ++j) {
      std::snprintf(buf, sizeof buf, "%.17g,", data.X(i, j));
      text += buf;
    }
    text += data.y(i) > 0 ? "1\n" : "-1\n";
  }
  write_file(file, text);
}

double number(const nlohmann::json& q) { return q.at("value").get<double>(); }

}  // namespace

BOOST_AUTO_TEST_CASE(theory_simulate_integrate_check_and_plot_finish_on_a_users_csv) {
  for (auto kind :
       {lingrok::test::Generator::float_projection, lingrok::test::Generator::near_ties}) {
    lingrok::test::GeneratorSpec spec;
    spec.kind = kind;
    spec.n_plus = spec.n_minus = 1000;
    spec.k_plus = 350;
    spec.k_minus = 50;
    spec.seed = 7;
    const auto g = lingrok::test::generate_independent(spec);
    BOOST_TEST_CONTEXT(g.description) {
      TempDir dir("user_csv");
      const auto run = dir.path() / "run";
      std::filesystem::create_directories(run / "data");
      const auto csv = run / "data" / "train.csv";
      write_user_csv(g.data, csv);

      const auto th = run_lingrok("theory --data " + csv.string() + " --out " + run.string());
      BOOST_REQUIRE_MESSAGE(th.exit_code == 0, th.err);
      const auto theory = nlohmann::json::parse(slurp(run / "theory.json"));
      for (const char* variant : {"svm_bias_free", "svm_eq7"}) {
        const auto& s = theory.at(variant);
        BOOST_TEST(number(s.at("kkt").at("primal_residual")) <= 1e-35);
        BOOST_TEST(number(s.at("kkt").at("feasibility_min_margin_minus_1")) >= -1e-35);
        // Hundreds of points near the margin, of which at most D carry multipliers.
        BOOST_TEST(s.at("support_count").get<long>() >= 100);
        BOOST_TEST(s.at("basis_count").get<long>() <= (std::string(variant) == "svm_eq7" ? 3 : 2));
        BOOST_TEST(s.at("support_gap").get<double>() > 0);
      }

      // Anyone's data are separable through the origin only up to rounding: Assumption 3.1
      // holds within the support tolerance, and the late-time limit exists.
      BOOST_TEST(theory.at("assumption_3_1").at("holds").get<bool>());
      BOOST_TEST(theory.contains("A_plus"));
      const auto sim = run_lingrok(
          "simulate --config " + (source_dir() / "configs" / "gd_stable.json").string() +
          " --data " + csv.string() + " --theory " + (run / "theory.json").string() + " --out " +
          (run / "simulate").string() + " --steps 3000 --quiet");
      BOOST_REQUIRE_MESSAGE(sim.exit_code == 0, sim.err);
      const auto ode = run_lingrok("integrate --which bias --data " + csv.string() + " --theory " +
                                   (run / "theory.json").string() + " --grid " +
                                   (run / "simulate" / "trajectory.csv").string() + " --out " +
                                   (run / "flows").string());
      BOOST_REQUIRE_MESSAGE(ode.exit_code == 0, ode.err);
      const auto check = run_lingrok("check --run " + run.string());
      BOOST_REQUIRE_MESSAGE(check.exit_code == 0, check.err);
      const auto report = nlohmann::json::parse(slurp(run / "report.json"));
      BOOST_TEST(report.dump().find("\"A3.1\"") != std::string::npos);
      const auto plot = run_lingrok("plot --run " + run.string());
      BOOST_REQUIRE_MESSAGE(plot.exit_code == 0, plot.err);
    }
  }
}
