// Validators for numeric command-line options (CLI11 checks): a value that is not finite or
// out of range is refused while the options are parsed, with exit code 2 and the option's
// name, never passed on to a solver that would abort or loop on it.
#pragma once

#include <CLI/CLI.hpp>
#include <cmath>
#include <string>

namespace lingrok::cli {

namespace detail {
template <class Accept>
CLI::Validator number_check(Accept accept, const std::string& requirement) {
  return CLI::Validator(
      [accept, requirement](std::string& text) -> std::string {
        double x = 0;
        if (!CLI::detail::lexical_cast(text, x)) return "\"" + text + "\" is not a number";
        if (!std::isfinite(x) || !accept(x)) return text + " must be " + requirement;
        return {};
      },
      requirement);
}
}  // namespace detail

// A finite number (no nan, no inf).
inline CLI::Validator finite_number() {
  return detail::number_check([](double) { return true; }, "a finite number");
}
// A finite number > 0.
inline CLI::Validator positive_finite() {
  return detail::number_check([](double x) { return x > 0; }, "finite and > 0");
}
// A finite number >= 0.
inline CLI::Validator non_negative_finite() {
  return detail::number_check([](double x) { return x >= 0; }, "finite and >= 0");
}

}  // namespace lingrok::cli
