// Bad inputs that a careless reader crashes on (an abort, a segfault), hangs on or silently
// accepts, each found by a bad-input campaign against lingrok. Each must exit with its code
// (2: bad input), print one line naming the problem, and write nothing.
#define BOOST_TEST_MODULE cli_campaign
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.hpp"

using namespace lingrok::testing;
namespace fs = std::filesystem;

namespace {

const std::string kConfig = R"({"name": "t", "seed": 3,
  "data": {"d": 2, "n_plus": 30, "n_minus": 20, "k_plus": 5, "k_minus": 3,
           "n_test_standard": 10, "n_test_conc": 10},
  "gd": {"steps": 2000, "progress": false}})";

// One data set and its theory.json, made once for all cases.
struct Run {
  TempDir dir{"campaign"};
  fs::path config = dir.path() / "c.json";
  fs::path data = dir.path() / "data";
  fs::path theory = dir.path() / "run" / "theory.json";
  Run() {
    write_file(config, kConfig);
    const auto g = run_lingrok("generate --config " + config.string() + " --out " + data.string());
    if (g.exit_code != 0) throw std::runtime_error("generate failed: " + g.err);
    const auto t =
        run_lingrok("theory --data " + data.string() + " --out " + (dir.path() / "run").string());
    if (t.exit_code != 0) throw std::runtime_error("theory failed: " + t.err);
  }
};

Run& fixture() {
  static Run run;
  return run;
}

// `args` must exit with `code`, say `fragment` on one stderr line, and leave `out` absent or
// empty.
void expect_refused(const std::string& args, int code, const std::string& fragment,
                    const fs::path& out) {
  const auto r = run_lingrok(args);
  BOOST_TEST(r.exit_code == code, "exit " << r.exit_code << " for `" << args << "`: " << r.err);
  BOOST_TEST(r.err.find(fragment) != std::string::npos,
             "stderr \"" << r.err << "\" lacks \"" << fragment << "\" for `" << args << "`");
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, "not one line: " << r.err);
  const bool nothing = !fs::exists(out) || fs::is_empty(out);
  BOOST_TEST(nothing, "output left in " << out.string() << " by `" << args << "`");
}

// theory.json with `key` replaced by `value` (a malformed file as a hostile user writes it).
fs::path tampered_theory(const std::string& name, const std::string& key,
                         const nlohmann::json& value) {
  auto j = nlohmann::json::parse(slurp(fixture().theory));
  j[key] = value;
  const fs::path p = fixture().dir.path() / name;
  write_file(p, j.dump());
  return p;
}

fs::path write_config(const std::string& name, const std::string& text) {
  const fs::path p = fixture().dir.path() / name;
  write_file(p, text);
  return p;
}

}  // namespace

BOOST_AUTO_TEST_CASE(integrate_bias_refuses_values_that_crashed_the_ode_solver) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "bias_out";
  const std::string base =
      "integrate --which bias --theory " + f.theory.string() + " --out " + out.string() + " ";
  expect_refused(base + "--eta -1", 2, "--eta", out);
  expect_refused(base + "--abs-tol 0 --rel-tol 0", 2, "--abs-tol 0 --rel-tol 0", out);
  expect_refused(base + "--t-end inf", 2, "--t-end", out);
  expect_refused(base + "--b0 nan", 2, "--b0", out);
}

// A GD log given as --grid whose cells are not numbers: "abc" in b read as NaN, so the flow
// silently started from b0 = 0; "10x" read as 10.
BOOST_AUTO_TEST_CASE(integrate_grid_refuses_cells_that_are_not_numbers) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "grid_out";
  const fs::path text_b = f.dir.path() / "grid_text_b.csv";
  write_file(text_b, "t,b\n1,0.5\n10,abc\n100,0.25\n");
  const fs::path suffix_t = f.dir.path() / "grid_suffix_t.csv";
  write_file(suffix_t, "t,b\n1,0.5\n10x,0.75\n");
  const std::string base =
      "integrate --which bias --theory " + f.theory.string() + " --out " + out.string() + " ";
  expect_refused(
      base + "--grid " + text_b.string(), 2,
      text_b.string() + " row 2 (line 3), column b: \"abc\" is not a number; give --grid", out);
  expect_refused(base + "--grid " + suffix_t.string(), 2,
                 "row 2 (line 3), column t: \"10x\" is not a number", out);
  // Empty cells and the "nan" lingrok writes stay readable (a column without a value there).
  const fs::path blank = f.dir.path() / "grid_blank.csv";
  write_file(blank, "t,b,D\n1,0.5,\n10,0.75,nan\n100,0.8,0.1\n");
  const auto r = run_lingrok(base + "--grid " + blank.string());
  BOOST_TEST(r.exit_code == 0, r.err);
}

BOOST_AUTO_TEST_CASE(malformed_theory_json_is_bad_input_not_an_abort) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "malformed_out";
  const auto digits =
      tampered_theory("digits.json", "A_plus", {{"value", 1.0}, {"digits", "1.2.3x"}});
  expect_refused("integrate --which bias --theory " + digits.string() + " --out " + out.string(), 2,
                 "not a finite decimal number", out);
  const auto indices = tampered_theory("indices.json", "support_plus", {"zero", 1});
  expect_refused("integrate --which coupled --theory " + indices.string() + " --data " +
                     f.data.string() + " --out " + out.string(),
                 2, "not a row index", out);
}

// Digits that no check reads (A_plus: the bias flow's constant, not a claim's input; one entry
// of a vector) are checked when theory.json is read, so `check` refuses the file instead of
// reporting on it; a precision written as a number ("digits": 50) is not digit text.
BOOST_AUTO_TEST_CASE(check_refuses_malformed_digits_in_fields_no_check_reads) {
  Run& f = fixture();
  TempDir run("campaign_digits");
  fs::create_directories(run.path() / "data");
  for (const auto& e : fs::directory_iterator(f.data))
    fs::copy_file(e.path(), run.path() / "data" / e.path().filename());
  const auto reports_nothing = [&](const std::string& what) {
    for (const char* name : {"symbolic.json", "report.json", "report.md"})
      BOOST_TEST(!fs::exists(run.path() / name), what << ": " << name);
  };
  auto theory = nlohmann::json::parse(slurp(f.theory));
  BOOST_TEST_REQUIRE(theory["A_plus"]["digits"].is_string());
  theory["A_plus"]["digits"] = "1.2.3x";
  write_file(run.path() / "theory.json", theory.dump());
  const auto r = run_lingrok("check --run " + run.path().string());
  BOOST_TEST(r.exit_code == 2, r.err);
  BOOST_TEST(r.err.find("\"A_plus/digits\": \"1.2.3x\" is not a finite decimal number") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("lingrok theory") != std::string::npos, r.err);
  BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, r.err);
  reports_nothing("A_plus");

  theory = nlohmann::json::parse(slurp(f.theory));
  BOOST_TEST_REQUIRE(theory["w_hat"]["digits"].size() == 2u);
  theory["w_hat"]["digits"][1] = "0x1p3";  // hexadecimal: strtod reads it, Real50 does not
  write_file(run.path() / "theory.json", theory.dump());
  const auto v = run_lingrok("check --run " + run.path().string());
  BOOST_TEST(v.exit_code == 2, v.err);
  BOOST_TEST(v.err.find("\"w_hat/digits[1]\": \"0x1p3\"") != std::string::npos, v.err);
  reports_nothing("w_hat");

  // The same file with well-formed digits, a precision as a number, and non-finite digits
  // where the writer puts them (a null value) is read.
  theory = nlohmann::json::parse(slurp(f.theory));
  theory["A_plus"]["digits"] = 50;
  theory["A_minus"] = {{"value", nullptr}, {"digits", "inf"}};
  write_file(run.path() / "theory.json", theory.dump());
  const auto ok = run_lingrok("check --run " + run.path().string());
  BOOST_TEST(ok.exit_code == 0, ok.err);
}

BOOST_AUTO_TEST_CASE(configuration_values_are_checked_not_wrapped_or_overwritten) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "config_out";
  const auto gen = [&](const fs::path& c) {
    return "generate --config " + c.string() + " --out " + out.string();
  };
  const auto sim = [&](const fs::path& c) {
    return "simulate --config " + c.string() + " --data " + f.data.string() + " --out " +
           out.string();
  };
  expect_refused(gen(write_config("d_wrap.json", R"({"data": {"d": 4294967298}})")), 2,
                 "out of range", out);
  expect_refused(
      sim(write_config("lpd_wrap.json", R"({"gd": {"steps": 10, "log_per_decade": 4294967346}})")),
      2, "out of range", out);
  expect_refused(gen(write_config("dup.json", R"({"seed": 1, "data": {"d": 2, "d": 3}})")), 2,
                 "duplicate key \"d\"", out);
  expect_refused(sim(write_config("p2.json", R"({"gd": {"steps": 10, "period2_cosine": -5}})")), 2,
                 "period2_cosine", out);
  expect_refused(sim(write_config("slices.json", R"({"gd": {"steps": 10, "slices": -1}})")), 2,
                 "gd.slices = -1 must be between 0 and 64", out);
  expect_refused(sim(write_config("slices_big.json", R"({"gd": {"steps": 10, "slices": 65}})")), 2,
                 "gd.slices = 65 must be between 0 and 64", out);
  expect_refused(gen(write_config("name.json", R"({"name": 5})")), 2, "name", out);
  expect_refused("sweep --config " + write_config("sweep_name.json", R"({"name": 5})").string() +
                     " --out " + out.string(),
                 2, "name", out);
  // Some 70 000 levels of nesting overflowed the stack while the configuration was copied into
  // the output JSON, after the CSVs had been written.
  const std::string deep = R"({"name": "deep", "description": )" + std::string(70000, '[') +
                           std::string(70000, ']') + "}";
  expect_refused(gen(write_config("deep.json", deep)), 2, "nested deeper", out);
  expect_refused(gen(f.dir.path()), 2, "is a directory", out);
}

BOOST_AUTO_TEST_CASE(command_options_are_checked_never_ignored) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "options_out";
  const std::string sim = "simulate --config " + f.config.string() + " --data " + f.data.string() +
                          " --out " + out.string() + " ";
  expect_refused(sim + "--steps -5", 2, "--steps", out);
  expect_refused(sim + "--steps 0", 2, "--steps", out);
  expect_refused(sim + "--every -3", 2, "--every", out);
  expect_refused(sim + "--checkpoint-every -5", 2, "--checkpoint-every", out);
  expect_refused("reproduce --steps 0 --out " + out.string(), 2, "--steps", out);
  const std::string theory = "theory --data " + f.data.string() + " --out " + out.string() + " ";
  expect_refused(theory + "--eta inf", 2, "--eta", out);
  expect_refused(theory + "--gamma inf", 2, "--gamma", out);
}

BOOST_AUTO_TEST_CASE(check_refuses_unknown_ids_empty_and_malformed_runs) {
  Run& f = fixture();
  TempDir empty("campaign_empty");
  expect_refused("check --run " + empty.path().string(), 2, "holds none of lingrok's outputs",
                 empty.path());
  // A run directory with only data/: --only BOGUS must be refused before anything is written.
  TempDir bogus("campaign_bogus");
  fs::create_directories(bogus.path() / "data");
  fs::copy_file(f.data / "data.json", bogus.path() / "data" / "data.json");
  const auto r = run_lingrok("check --run " + bogus.path().string() + " --only BOGUS");
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err.find("not a check id") != std::string::npos, r.err);
  BOOST_TEST(!fs::exists(bogus.path() / "symbolic.json"));
  BOOST_TEST(!fs::exists(bogus.path() / "report.json"));
  // data.json that is a JSON string, not an object.
  TempDir string_run("campaign_string");
  fs::create_directories(string_run.path() / "data");
  write_file(string_run.path() / "data" / "data.json", "\"not an object\"");
  const auto s = run_lingrok("check --run " + string_run.path().string());
  BOOST_TEST(s.exit_code == 2, s.err);
  BOOST_TEST(s.err.find("not a JSON object") != std::string::npos, s.err);
  BOOST_TEST(!fs::exists(string_run.path() / "report.json"));
  BOOST_TEST(!fs::exists(string_run.path() / "symbolic.json"));
  // A run whose trajectory is damaged (a row with a missing field): refused, and nothing of
  // the check's set written.
  TempDir damaged("campaign_damaged");
  fs::create_directories(damaged.path() / "data");
  for (const auto& e : fs::directory_iterator(f.data))
    fs::copy_file(e.path(), damaged.path() / "data" / e.path().filename());
  fs::copy_file(f.theory, damaged.path() / "theory.json");
  fs::create_directories(damaged.path() / "simulate");
  write_file(damaged.path() / "simulate" / "trajectory.csv", "t,b,D\n1,0.5,0.1\n2,0.6\n");
  const auto t = run_lingrok("check --run " + damaged.path().string());
  BOOST_TEST(t.exit_code == 2, t.err);
  BOOST_TEST(t.err.find("line 3: 2 fields for 3 columns") != std::string::npos, t.err);
  for (const char* name : {"symbolic.json", "report.json", "report.md"})
    BOOST_TEST(!fs::exists(damaged.path() / name), name);
}

BOOST_AUTO_TEST_CASE(an_empty_or_vanishing_acceptance_region_is_refused_up_front) {
  Run& f = fixture();
  const fs::path out = f.dir.path() / "sampler_out";
  // d = 2, box 1: gamma/2 = 1.414213 leaves the projection >= gamma/2 a corner of area ~1e-13
  // of the box; the rejection sampler looped forever, printing nothing.
  const auto c = write_config("corner.json",
                              R"({"data": {"d": 2, "box": 1, "gamma": 2.828426, "alpha": 0.5000001,
                         "n_plus": 4, "n_minus": 4, "k_plus": 0, "k_minus": 0,
                         "n_test_standard": 0, "n_test_conc": 0}})");
  expect_refused("generate --config " + c.string() + " --out " + out.string(), 2,
                 "acceptance region", out);
}

BOOST_AUTO_TEST_CASE(a_csv_with_a_byte_order_mark_and_no_header_keeps_its_first_row) {
  Run& f = fixture();
  const fs::path csv = f.dir.path() / "bom.csv";
  write_file(csv,
             "\xEF\xBB\xBF"
             "1.5,2,1\n-1,-2.5,-1\n2,1,1\n-2,-1,-1\n");
  const fs::path out = f.dir.path() / "bom_out";
  const auto r = run_lingrok("simulate --config " + f.config.string() + " --data " + csv.string() +
                             " --steps 10 --quiet --out " + out.string());
  BOOST_TEST_REQUIRE(r.exit_code == 0, r.err);
  const auto summary = nlohmann::json::parse(slurp(out / "summary.json"));
  BOOST_TEST(summary["data"]["n_train"].get<int>() == 4);
}

BOOST_AUTO_TEST_CASE(coordinates_near_the_double_range_are_reported_as_overflow) {
  Run& f = fixture();
  const fs::path csv = f.dir.path() / "huge.csv";
  write_file(csv, "1e300,1e300,1\n-1e300,-1e300,-1\n2e300,1e300,1\n-2e300,-1e300,-1\n");
  const fs::path out = f.dir.path() / "huge_out";
  expect_refused("theory --data " + csv.string() + " --out " + out.string(), 2, "rescale the data",
                 out);
}
