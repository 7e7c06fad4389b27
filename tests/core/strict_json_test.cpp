#define BOOST_TEST_MODULE core_strict_json
#include <boost/test/unit_test.hpp>

#include "core/error.hpp"
#include "core/strict_json.hpp"

using lingrok::InputError;
using lingrok::StrictSection;

BOOST_AUTO_TEST_CASE(unknown_key_is_rejected_with_its_name) {
  const auto j = nlohmann::json::parse(R"({"gamma": 0.001, "gamma_typo": 2})");
  StrictSection s(j, "data");
  BOOST_TEST(s.get_double("gamma", 1.0) == 0.001);
  try {
    s.reject_unknown_keys();
    BOOST_FAIL("unknown key accepted");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("gamma_typo") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(integers_written_as_1e7_are_accepted_and_fractions_are_not) {
  const auto j = nlohmann::json::parse(R"({"steps": 1e7, "bad": 2.5, "word": "x"})");
  StrictSection s(j, "train");
  BOOST_TEST(s.get_int("steps", 0) == 10000000LL);
  BOOST_CHECK_THROW(s.get_int("bad", 0), InputError);
  BOOST_CHECK_THROW(s.get_double("word", 0), InputError);
  BOOST_TEST(s.get_int("absent", 7) == 7);
}
