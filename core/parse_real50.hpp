// Reading a Real50 (core/scalar.hpp) from text that came from a file, with an error that says
// where the text came from.
#pragma once

#include <cmath>
#include <cstdlib>
#include <string>

#include "core/error.hpp"
#include "core/scalar.hpp"

namespace lingrok {

// A finite decimal number read from a file (theory.json's "digits"), or InputError naming
// `where`: Real50's own constructor throws a bare std::runtime_error on text that is not a
// number, which would say nothing about where the text came from.
inline Real50 parse_real50(const std::string& text, const std::string& where) {
  char* end = nullptr;
  const double probe = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(probe)) {
    throw InputError(where + ": \"" + text.substr(0, 60) +
                     "\" is not a finite decimal number; rewrite the file with `lingrok theory`");
  }
  return Real50(text);
}

}  // namespace lingrok
