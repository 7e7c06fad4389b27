// Reading a Real50 (core/scalar.hpp) from text that came from a file, with an error that says
// where the text came from.
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/scalar.hpp"

namespace lingrok {

// Whether `text` is a plain decimal number: [+-] digits [. digits] [e|E [+-] digits], with at
// least one digit in the mantissa. This is what to_full_string (core/scalar.hpp) writes for a
// finite value, at any exponent (a Real50 t = 1e500 is finite); nothing else (no spaces, hex,
// "inf", trailing text) is.
inline bool is_decimal_text(const std::string& text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  auto digits = [&] {
    const std::size_t from = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i - from;
  };
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < n && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == n;
}

// Whether `text` is what the theory.json writer puts in a "digits" field: a decimal number, or
// the text to_full_string writes for a non-finite value (its "value" is then null).
inline bool is_digits_field_text(const std::string& text) {
  return is_decimal_text(text) || text == "nan" || text == "-nan" || text == "inf" ||
         text == "-inf";
}

// The one-line error for digits text that is not a number, naming `where`.
[[noreturn]] inline void throw_bad_digits(const std::string& text, const std::string& where) {
  throw InputError(where + ": \"" + text.substr(0, 60) +
                   "\" is not a finite decimal number; rewrite the file with `lingrok theory`");
}

// A finite decimal number read from a file (theory.json's "digits"), or InputError naming
// `where`: Real50's own constructor throws a bare std::runtime_error on text that is not a
// number (or accepts some that is not decimal), which would say nothing about where the text
// came from.
inline Real50 parse_real50(const std::string& text, const std::string& where) {
  if (!is_decimal_text(text)) throw_bad_digits(text, where);
  return Real50(text);
}

}  // namespace lingrok
