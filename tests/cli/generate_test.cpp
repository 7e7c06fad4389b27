// `lingrok generate`: writes the data sets and their summary; identical seeds give
// byte-identical files; each impossible configuration exits with code 2, a one-line error
// naming the problem, and no output file.
#define BOOST_TEST_MODULE cli_generate
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "../support/run_command.hpp"

using namespace lingrok::testing;

namespace {

// The base data section with `data_fields` replacing or adding keys (a duplicate key is an
// error of its own, so the fields are merged, not appended).
std::string config_with(const std::string& data_fields, const std::string& extra = "") {
  auto data = nlohmann::json::parse(R"({"d": 2, "n_plus": 60, "n_minus": 40, "k_plus": 10,
    "k_minus": 5, "n_test_standard": 30, "n_test_conc": 20})");
  data.merge_patch(nlohmann::json::parse("{" + data_fields + "}"));
  return R"({"name": "t", "seed": 3, )" + extra + R"("data": )" + data.dump() + "}";
}

void expect_config_error(const std::string& data_fields, const std::string& needle,
                         const std::string& extra = "") {
  TempDir dir("gen_bad");
  write_file(dir.path() / "c.json", config_with(data_fields, extra));
  const auto out = dir.path() / "out";
  const auto r = run_lingrok("generate --config " + (dir.path() / "c.json").string() + " --out " +
                             out.string());
  BOOST_TEST(r.exit_code == 2, "exit code " << r.exit_code << " for " << data_fields);
  BOOST_TEST(r.err.find(needle) != std::string::npos, "stderr \"" << r.err << "\" lacks \"" << needle << "\"");
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1);
  const bool empty = !std::filesystem::exists(out) || std::filesystem::is_empty(out);
  BOOST_TEST(empty, "output left behind for " << data_fields);
}

}  // namespace

BOOST_AUTO_TEST_CASE(generate_writes_sets_and_summary_deterministically) {
  TempDir dir("gen_ok");
  write_file(dir.path() / "c.json", config_with(""));
  const auto a = dir.path() / "a";
  const auto b = dir.path() / "b";
  BOOST_REQUIRE(run_lingrok("generate --config " + (dir.path() / "c.json").string() + " --out " + a.string()).exit_code == 0);
  BOOST_REQUIRE(run_lingrok("generate --config " + (dir.path() / "c.json").string() + " --out " + b.string()).exit_code == 0);
  for (const char* f : {"train.csv", "test_standard.csv", "test_conc.csv"}) {
    BOOST_TEST(std::filesystem::exists(a / f));
    BOOST_TEST(slurp(a / f) == slurp(b / f), f << " differs between identical runs");
  }
  const auto summary = nlohmann::json::parse(slurp(a / "data.json"));
  BOOST_TEST(summary["seed"].get<int>() == 3);
  BOOST_TEST(summary["sets"]["train"]["n_plus"].get<int>() == 60);
  BOOST_TEST(summary["sets"]["train"]["planted_minus"].get<int>() == 5);
  BOOST_TEST(summary["sets"]["test_conc"]["n"].get<int>() == 40);
  BOOST_TEST(summary.contains("lingrok_version"));
  BOOST_TEST(summary["config"]["data"]["k_plus"].get<int>() == 10);
}

BOOST_AUTO_TEST_CASE(every_paper_config_is_valid) {
  for (const char* name : {"d2_S350_350", "d2_S350_50", "d2_S50_350", "d2_S350_10",
                           "d2_D1500_500_S350_50"}) {
    TempDir dir("gen_paper");
    const auto r = run_lingrok("generate --config " + (source_dir() / "configs" / (std::string(name) + ".json")).string() +
                               " --out " + dir.path().string());
    BOOST_TEST(r.exit_code == 0, name << ": " << r.err);
  }
}

BOOST_AUTO_TEST_CASE(impossible_configurations_are_refused) {
  expect_config_error(R"("gamma": 0)", "gamma must be > 0");
  expect_config_error(R"("gamma": -1e-3)", "gamma must be > 0");
  expect_config_error(R"("alpha": 0.5)", "alpha must be > 1/2");
  expect_config_error(R"("k_plus": 61)", "k_plus = 61 exceeds n_plus = 60");
  expect_config_error(R"("k_minus": 41)", "k_minus = 41 exceeds n_minus = 40");
  expect_config_error(R"("box": 0.001)", "box too small for the margin");
  expect_config_error(R"("n_plus": 0)", "at least 1");
  expect_config_error(R"("gama": 0.1)", "unknown key \"gama\"");
  expect_config_error(R"("plant": "sideways")", "data.plant must be");
  expect_config_error(R"("d": 100000, "n_plus": 1000000000)", "would not fit", "");
  expect_config_error("", "unknown key \"colour\"", R"("colour": 1, )");
  expect_config_error(R"("d": 2.5)", "expected an integer");
}

BOOST_AUTO_TEST_CASE(missing_or_broken_config_files_are_refused) {
  TempDir dir("gen_file");
  auto r = run_lingrok("generate --config " + (dir.path() / "nope.json").string() + " --out " + (dir.path() / "o").string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("cannot open") != std::string::npos);
  write_file(dir.path() / "broken.json", "{\"data\": ");
  r = run_lingrok("generate --config " + (dir.path() / "broken.json").string() + " --out " + (dir.path() / "o").string());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("not valid JSON") != std::string::npos);
  r = run_lingrok("generate --out x");
  BOOST_TEST(r.exit_code == 2);
}
