// `lingrok protocols` (pipeline/protocols_run.cpp) on the tiny preset: protocols.json with every run and
// the attribution of all six Table 1 rows and the Figure 4 statements, attribution.md with a
// verdict per row, the figure with its data, the same JSON bytes on a second run; the files are
// one set (a failed rerun leaves the earlier set, a rerun drops a stale figure); a bad option
// exits with code 2, a one-line message naming it, and no output directory.
#define BOOST_TEST_MODULE cli_protocols
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/run_command.hpp"

using namespace lingrok::testing;

namespace {

// Every entry of `dir` by name, with a regular file's bytes.
std::map<std::string, std::string> files_in(const std::filesystem::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    files[e.path().filename().string()] = e.is_regular_file() ? slurp(e.path()) : "";
  return files;
}

std::string paper_files() {
  const auto configs = source_dir() / "configs";
  return " --paper-table1 " + (configs / "paper_table1.json").string() + " --paper-figure4 " +
         (configs / "paper_figure4.json").string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(tiny_preset_writes_the_attribution_and_the_figure) {
  TempDir dir("protocols_tiny");
  const auto a = dir.path() / "a";
  const CommandResult ra =
      run_lingrok("protocols --preset tiny --quiet --out " + a.string() + paper_files());
  BOOST_REQUIRE_MESSAGE(ra.exit_code == 0, ra.err);
  const auto doc = nlohmann::json::parse(slurp(a / "protocols.json"));
  BOOST_TEST(doc["runs"].size() == 17u);
  BOOST_TEST(doc["attribution"]["table1"].size() == 6u);
  BOOST_TEST(doc["attribution"]["figure4"].size() == 4u);
  for (const auto& row : doc["attribution"]["table1"]) {
    BOOST_TEST(row["verdict"].get<std::string>().rfind("reproduced by", 0) == 0);
  }
  const std::string md = slurp(a / "attribution.md");
  BOOST_TEST(md.find("| 1024 | concentrated |") != std::string::npos);
  BOOST_TEST(md.find("[reduced-scale runs]") != std::string::npos);
  BOOST_TEST(ra.out.find("The paper's Table 1") != std::string::npos);
  BOOST_TEST(std::filesystem::exists(a / "figure4.png"));
  BOOST_TEST(std::filesystem::exists(a / "figure4.gp"));
  const std::map<std::string, std::string> first = files_in(a);

  // A rerun that fails after writing its JSON and tables (gnuplot fails on the figure) leaves
  // the earlier set whole: attribution.md would name figure4.svg, not figure4.png.
  const auto fake_bin = dir.path() / "fake_bin";
  std::filesystem::create_directories(fake_bin);
  write_file(fake_bin / "gnuplot", "#!/bin/sh\necho 'gnuplot: simulated failure' >&2\nexit 1\n");
  std::filesystem::permissions(fake_bin / "gnuplot", std::filesystem::perms::owner_all);
  const std::string path = std::getenv("PATH");
  ::setenv("PATH", (fake_bin.string() + ":" + path).c_str(), 1);
  const CommandResult failed = run_lingrok("protocols --preset tiny --quiet --format svg --out " +
                                           a.string() + paper_files());
  ::setenv("PATH", path.c_str(), 1);
  BOOST_TEST(failed.exit_code == 2, failed.err);
  BOOST_TEST(failed.err.find("gnuplot") != std::string::npos, failed.err);
  BOOST_TEST((files_in(a) == first));
  BOOST_TEST(files_in(dir.path()).size() == 2u);  // a/ and fake_bin/: no staging left beside a/

  // A rerun without the figure: the same JSON bytes (one thread or two), and the earlier run's
  // figure does not survive beside it.
  const CommandResult rb = run_lingrok(
      "protocols --preset tiny --quiet --no-figure --jobs 1 --out " + a.string() + paper_files());
  BOOST_REQUIRE_MESSAGE(rb.exit_code == 0, rb.err);
  const auto second = files_in(a);
  BOOST_TEST(second.at("protocols.json") == first.at("protocols.json"));
  BOOST_TEST(second.size() == 2u);  // protocols.json, attribution.md
  BOOST_TEST(!std::filesystem::exists(a / "figure4.png"));
  BOOST_TEST(!std::filesystem::exists(a / "figure4.gp"));
  BOOST_TEST(!std::filesystem::exists(a / "figure4_r0_best.csv"));
}

BOOST_AUTO_TEST_CASE(bad_options_exit_2_without_output) {
  TempDir dir("protocols_bad");
  for (const std::string& bad :
       {std::string(" --preset huge"), std::string(" --jobs 0"), std::string(" --cluster-lambda 2"),
        std::string(" --paper-table1 /nonexistent.json")}) {
    const auto out = dir.path() / "out";
    const CommandResult r =
        run_lingrok("protocols --quiet --out " + out.string() +
                    (bad.find("--preset") == std::string::npos ? " --preset tiny" : "") + bad);
    BOOST_TEST(r.exit_code == 2, bad);
    BOOST_TEST(r.err.find("error") != std::string::npos, bad);
    BOOST_TEST(std::count(r.err.begin(), r.err.end(), '\n') == 1, bad + ": " + r.err);
    BOOST_TEST(!std::filesystem::exists(out), bad);
  }
}
