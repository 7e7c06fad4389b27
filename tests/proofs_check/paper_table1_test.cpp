// proofs_check/paper_table1.hpp: the repository's configs/paper_table1.json reads, malformed
// tables are rejected with the field named, and a run's summary is set beside the paper's rows
// with the grokking sides compared in both directions.
#define BOOST_TEST_MODULE proofs_check_paper_table1
#include "proofs_check/paper_table1.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include "core/error.hpp"
#include "tests/support/run_command.hpp"

namespace lt = lingrok::testing;

namespace {

std::filesystem::path source_dir() {
  const char* dir = std::getenv("LINGROK_SOURCE_DIR");
  return dir ? dir : ".";
}

// A summary.json fragment with the paper's definition (first_sup) rows for one test set.
nlohmann::json summary_with(const std::string& set, double eps, nlohmann::json T_tr,
                            nlohmann::json T_te, nlohmann::json zeta) {
  nlohmann::json row = {{"epsilon", eps}, {"T_tr", T_tr}, {"T_te", T_te}, {"zeta", zeta}};
  nlohmann::json s;
  s["steps_done"] = 10000000;
  s["grokking"]["zeta_min"] = 100.0;
  s["grokking"]["sets"][set]["variants"]["first_sup"]["rows"] = nlohmann::json::array({row});
  return s;
}

lingrok::PaperTable1 one_row(const std::string& test, double zeta, const std::string& relation) {
  lingrok::PaperTable1 t;
  t.lingrok_run[2] = "d2";
  lingrok::PaperTable1Row r;
  r.d = 2;
  r.test = test;
  r.epsilon = 0;
  r.T_tr = {400, "="};
  r.T_te = {7e6, "="};
  r.zeta = {zeta, relation};
  t.rows.push_back(r);
  return t;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_repository_table_reads) {
  const auto t = lingrok::read_paper_table1(source_dir() / "configs" / "paper_table1.json");
  BOOST_TEST(t.rows.size() == 6u);
  BOOST_TEST(t.lingrok_run.at(2) == "d2_S350_350");
  BOOST_TEST(t.lingrok_run.at(1024) == "d1024_N1e6");
  BOOST_TEST(t.rows[2].T_tr.text() == "<= 10");
  BOOST_TEST(t.rows[2].zeta.text() == ">= 1.75e+04");
}

BOOST_AUTO_TEST_CASE(malformed_tables_name_the_field) {
  lt::TempDir dir("paper_table1_bad");
  const auto write = [&](const std::string& text) {
    std::ofstream(dir.path() / "t.json") << text;
    return dir.path() / "t.json";
  };
  const std::string run = R"("lingrok_run": {"2": "d2"}, )";
  const auto message = [&](const std::string& text) {
    try {
      lingrok::read_paper_table1(write(text));
    } catch (const lingrok::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  BOOST_TEST(message("{" + run + R"("rows": [{"d": 2, "test": "conc", "epsilon": 0,
      "T_tr": [1, "="], "T_te": [1, "="], "zeta": [1, "="]}]})")
                 .find("rows[0].test") != std::string::npos);
  BOOST_TEST(message("{" + run + R"("rows": [{"d": 2, "test": "standard", "epsilon": 0,
      "T_tr": [1, "about"], "T_te": [1, "="], "zeta": [1, "="]}]})")
                 .find("rows[0].T_tr") != std::string::npos);
  BOOST_TEST(message("{" + run + R"("rows": [{"d": 2, "test": "standard", "epsilon": 0,
      "T_tr": 5, "T_te": [1, "="], "zeta": [1, "="]}]})")
                 .find("[number, relation]") != std::string::npos);
  BOOST_TEST(message("{" + run + R"("rows": [], "extra": 1})").find("extra") != std::string::npos);
  BOOST_TEST(message("{" + run + R"("rows": []})").find("non-empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_run_is_set_beside_the_paper_row) {
  // The paper groks (ζ = 1.75e4 ≥ 100); a run that also groks agrees, one that does not differs.
  const auto paper = one_row("concentrated", 1.75e4, "=");
  auto c = lingrok::compare_with_paper_table1(paper, 2, "literal", "d2",
                                              summary_with("test_conc", 0, 10, 2e6, 2e5));
  BOOST_REQUIRE(c.size() == 1u);
  BOOST_TEST(c[0].T_tr == 10);
  BOOST_TEST(c[0].T_te_ratio == 2e6 / 7e6);
  BOOST_TEST(c[0].steps == 10000000);
  BOOST_TEST(c[0].same_grokking_verdict == "yes");
  c = lingrok::compare_with_paper_table1(paper, 2, "literal", "d2",
                                         summary_with("test_conc", 0, 10, 20, 2));
  BOOST_TEST(c[0].same_grokking_verdict == "no");
  // Not reached in the run: NaN times and an undecided comparison.
  c = lingrok::compare_with_paper_table1(paper, 2, "literal", "d2",
                                         summary_with("test_conc", 0, 10, nullptr, nullptr));
  BOOST_TEST(std::isnan(c[0].T_te));
  BOOST_TEST(c[0].same_grokking_verdict == "-");
  // A bound that straddles ζ_min decides nothing; rows of another dimension are not compared.
  c = lingrok::compare_with_paper_table1(one_row("concentrated", 50, ">="), 2, "literal", "d2",
                                         summary_with("test_conc", 0, 10, 2e6, 2e5));
  BOOST_TEST(c[0].same_grokking_verdict == "-");
  BOOST_TEST(lingrok::compare_with_paper_table1(paper, 1024, "literal", "d2",
                                                summary_with("test_conc", 0, 10, 2e6, 2e5))
                 .empty());
}

BOOST_AUTO_TEST_CASE(the_standard_set_is_read_from_its_own_rows) {
  const auto paper = one_row("standard", 4, "=");
  const auto c = lingrok::compare_with_paper_table1(paper, 2, "stable", "d2",
                                                    summary_with("test_standard", 0, 5e5, 1e6, 2));
  BOOST_REQUIRE(c.size() == 1u);
  BOOST_TEST(c[0].T_te == 1e6);
  BOOST_TEST(c[0].same_grokking_verdict == "yes");  // neither groks
}
