// Tests for theory/symbolic/symbolic_closed_form.hpp: every identity of the closed-form bias
// simplifies to exactly 0, and the machinery reports a false identity as false.
#define BOOST_TEST_MODULE symbolic_closed_form
#include <boost/test/unit_test.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "theory/symbolic/symbolic_closed_form.hpp"

BOOST_AUTO_TEST_CASE(every_closed_form_identity_simplifies_to_zero) {
  const auto checks = lingrok::check_bias_closed_form_identities();
  std::set<std::string> names;
  for (const auto& c : checks) {
    names.insert(c.name);
    BOOST_TEST_CONTEXT(c.name << ": " << c.statement << " (residual " << c.residual << ")") {
      BOOST_TEST(c.simplifies_to_zero);
      BOOST_TEST(!c.statement.empty());
    }
  }
  for (const char* n : {"ode", "initial_value", "limit", "late_time_zeroth", "late_time_first",
                        "tanh_form", "artanh_form"})
    BOOST_TEST(names.count(n) == 1u, "missing identity " << n);
}

BOOST_AUTO_TEST_CASE(a_false_identity_is_reported_with_its_residual) {
  const auto wrong = lingrok::check_expression_is_zero("wrong", "(x^2-1)/(x-1) - x");
  BOOST_TEST(!wrong.simplifies_to_zero);
  BOOST_TEST(!wrong.residual.empty());
  const auto right = lingrok::check_expression_is_zero("right", "(x^2-1)/(x-1) - x - 1");
  BOOST_TEST(right.simplifies_to_zero);
  // The late-time term with the wrong sign is not an identity.
  const auto sign =
      lingrok::check_expression_is_zero("late_time_sign", "2*(1-v)/(1+v) + 2*(1-v)/(1+v)");
  BOOST_TEST(!sign.simplifies_to_zero);
}

BOOST_AUTO_TEST_CASE(unparsable_text_is_an_error) {
  BOOST_CHECK_THROW(lingrok::check_expression_is_zero("bad", "x +* )"), std::invalid_argument);
}
