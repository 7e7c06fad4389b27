// results/theory_record.hpp: the typed reader of theory.json on hand-written files, each
// field's expectation written down from the schema of docs/theory.md, not from the reader.
#define BOOST_TEST_MODULE theory_record
#include <boost/test/unit_test.hpp>

#include <cmath>

#include "core/error.hpp"
#include "results/theory_record.hpp"

using lingrok::InputError;
using lingrok::Real50;
using lingrok::TheoryRecord;
using nlohmann::json;

namespace {

json sample() {
  return json::parse(R"({
    "eta": {"value": 0.1, "digits": "0.1"},
    "eta_effective": {"value": 0.001, "digits": "0.001"},
    "R": 2.5,
    "b_tilde": null,
    "w_hat": {"value": [1.0, -2.0], "digits": ["1", "-2"]},
    "support_plus": [0, 3],
    "support_minus": [],
    "stable_eta": {"value": 0.25, "digits": "0.25000000000000000000000000000000000000000000000001"},
    "assumption_3_1": {"holds": false, "tol": 1e-9},
    "svm_bias_free": {"norm_w": {"value": 4.0, "digits": "4"}},
    "options": {"loss": "exponential", "reduction": "mean"},
    "phases": {"model_trajectory": {"D": {"value": [1.0, null, 3.0], "digits": ["1", "nan", "3"]}}},
    "grokking": {"gamma": {"value": 0.05}, "predictions": [
      {"epsilon": 0.01, "T_te_lower": {"log_t": {"value": 2.0}, "t": {"value": 7.38905609893065}},
                        "T_te_upper": {"log_t": {"value": 800.0}, "t": {"value": null}},
                        "T_te_small_gamma": {"log_t": null, "t": null},
                        "T_te_refined": {"log_t": {"value": 3.0}, "t": {"value": 20.085536923187668}}}]}
  })");
}

bool names(const InputError& e, const std::string& field) {
  const std::string m = e.what();
  return m.find("run/theory.json") != std::string::npos && m.find(field) != std::string::npos &&
         m.find('\n') == std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(scalars_and_digits) {
  const TheoryRecord th(sample(), "run/theory.json");
  BOOST_TEST(th.value("eta") == 0.1);
  BOOST_TEST(th.value("R") == 2.5);  // a bare number
  BOOST_TEST(th.value("svm_bias_free/norm_w") == 4.0);
  BOOST_TEST(std::isnan(th.value("b_tilde")));  // null: the writer's "not available"
  BOOST_TEST(std::isnan(th.value_or_nan("no_such_key")));
  BOOST_TEST(th.digits("eta") == "0.1");
  BOOST_TEST(th.digits_or_empty("no_such_key") == "");
  // The 50 digits, not the double: 0.1 in binary differs from 1/10 at the 18th digit.
  BOOST_TEST(th.real50("eta") == Real50("0.1"));
  BOOST_TEST(th.real50("eta") != Real50(0.1));
  BOOST_TEST(th.real50("R") == Real50("2.5"));
  BOOST_TEST(th.flow_eta() == Real50("0.001"));
  BOOST_TEST(th.has("eta"));
  BOOST_TEST(!th.has("b_tilde"));
}

BOOST_AUTO_TEST_CASE(vectors_indices_and_flags) {
  const TheoryRecord th(sample(), "run/theory.json");
  const auto w = th.vector50("w_hat");
  BOOST_TEST(w.size() == 2);
  BOOST_TEST(w(1) == Real50(-2));
  BOOST_TEST(th.indices("support_plus") == (std::vector<Eigen::Index>{0, 3}));
  BOOST_TEST(th.indices("support_minus").empty());
  const auto D = th.values_or_empty("phases/model_trajectory/D");
  BOOST_TEST(D.size() == 3u);
  BOOST_TEST(std::isnan(D[1]));
  BOOST_TEST(th.values_or_empty("phases/model_trajectory/b").empty());
  BOOST_TEST(!th.assumption_3_1_holds());
  BOOST_TEST(TheoryRecord(json::object()).assumption_3_1_holds());  // hand-written: holds
  BOOST_TEST(th.option_loss() == "exponential");
  BOOST_TEST(th.option_reduction() == "mean");
  BOOST_TEST(th.stable_eta_text() == "0.25000000000000000000000000000000000000000000000001");
  BOOST_TEST(TheoryRecord(json{{"stable_eta", 0.1}}).stable_eta_text() == "0.10000000000000001");
}

// The decision is read from its key, whatever else the file says; a file without it counts as
// holding.
BOOST_AUTO_TEST_CASE(assumption_3_1_is_decided_by_its_key) {
  BOOST_TEST(
      TheoryRecord(json::parse(R"({"assumption_3_1": {"holds": true}})")).assumption_3_1_holds());
  BOOST_TEST(!TheoryRecord(
                  json::parse(R"({"assumption_3_1": {"holds": false}, "w_tilde": {"value": [1]}})"))
                  .assumption_3_1_holds());
  BOOST_TEST(TheoryRecord(json::parse(R"({"b_hat": {"value": 0.5}})")).assumption_3_1_holds());
  BOOST_TEST(TheoryRecord(json::parse("{}")).assumption_3_1_holds());
}

BOOST_AUTO_TEST_CASE(predictions) {
  const TheoryRecord th(sample(), "run/theory.json");
  BOOST_TEST(th.has_predictions());
  const auto p = th.predictions();
  BOOST_TEST(p.size() == 1u);
  BOOST_TEST(p[0].epsilon == 0.01);
  BOOST_TEST(p[0].T_te_lower.steps() == 7.38905609893065);
  BOOST_TEST(p[0].T_te_upper.steps() == std::exp(800.0));  // t does not fit: exp(log t) = inf
  BOOST_TEST(std::isnan(p[0].T_te_small_gamma.log_t));
  BOOST_TEST(std::isnan(p[0].T_te_small_gamma.steps()));
  BOOST_TEST(!TheoryRecord(json::object()).has_predictions());
  BOOST_TEST(TheoryRecord(json::object()).predictions().empty());
}

BOOST_AUTO_TEST_CASE(missing_and_mistyped_fields_name_file_and_field) {
  const TheoryRecord th(sample(), "run/theory.json");
  BOOST_CHECK_EXCEPTION(th.value("A_plus"), InputError,
                        [](const InputError& e) { return names(e, "A_plus"); });
  BOOST_CHECK_EXCEPTION(th.real50("b_tilde"), InputError,
                        [](const InputError& e) { return names(e, "b_tilde"); });
  BOOST_CHECK_EXCEPTION(th.vector50("eta"), InputError,
                        [](const InputError& e) { return names(e, "eta"); });
  BOOST_CHECK_EXCEPTION(th.indices("R"), InputError,
                        [](const InputError& e) { return names(e, "R"); });
  BOOST_CHECK_EXCEPTION(th.value_or_nan("options/loss"), InputError,
                        [](const InputError& e) { return names(e, "options/loss"); });
  BOOST_CHECK_EXCEPTION(th.flag_or("R", true), InputError,
                        [](const InputError& e) { return names(e, "R"); });
  BOOST_CHECK_THROW(TheoryRecord(json{{"support_plus", {0, "x"}}}).indices("support_plus"),
                    InputError);
  BOOST_CHECK_THROW(TheoryRecord(json::array()), InputError);
  BOOST_CHECK_THROW(TheoryRecord::read("/nonexistent/theory.json"), InputError);
}

// Every digits text is checked when the record is made, whether or not a reader asks for it.
BOOST_AUTO_TEST_CASE(malformed_digits_are_refused_at_read_time_wherever_they_are) {
  for (const std::string bad : {"1.2.3x", "", " 1", "0x1p3", "1e", "e5", "--1", "1,5", "nan5"}) {
    BOOST_CHECK_EXCEPTION(
        TheoryRecord(json{{"A_plus", {{"value", 1.0}, {"digits", bad}}}}, "run/theory.json"),
        InputError, [&](const InputError& e) {
          return names(e, "\"A_plus/digits\"") &&
                 std::string(e.what()).find("lingrok theory") != std::string::npos;
        });
  }
  BOOST_CHECK_EXCEPTION(
      TheoryRecord(json::parse(R"({"svm_eq7": {"w": {"value": [1, 2], "digits": ["1", "2x"]}}})"),
                   "run/theory.json"),
      InputError, [](const InputError& e) { return names(e, "\"svm_eq7/w/digits[1]\""); });
  BOOST_CHECK_EXCEPTION(
      TheoryRecord(
          json::parse(
              R"({"grokking": {"predictions": [{"T_te_lower": {"t": {"digits": true}}}]}})"),
          "run/theory.json"),
      InputError,
      [](const InputError& e) { return names(e, "grokking/predictions[0]/T_te_lower/t/digits"); });
  // What the writer writes: decimals at any exponent (t = 1e500 is finite at 50 digits), and
  // nan/inf beside a null value; a number is a precision, not digit text.
  const TheoryRecord ok(json::parse(R"({"t": {"value": null, "digits": "1.5e+500"},
      "n": {"value": null, "digits": "nan"}, "i": {"value": null, "digits": "-inf"},
      "p": {"value": 0.25, "digits": 50}, "v": {"value": [1], "digits": ["-1.25E-3"]}})"));
  BOOST_TEST(ok.real50("t") > Real50(1e300));
  BOOST_TEST(ok.real50("p") == Real50(0.25));
  BOOST_TEST(ok.vector50("v")(0) == Real50("-0.00125"));
}
