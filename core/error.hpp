// Errors that reach the user. An InputError is bad input (a file, a configuration, a
// command-line value): the CLI prints its one-line message and exits with code 2.
// The message names the problem and the fix, e.g.
//   "train.csv line 7: expected 3 columns (x1,x2,y), found 2; every row needs d values and a label"
#pragma once

#include <stdexcept>
#include <string>

namespace lingrok {

inline constexpr int kInputErrorExitCode = 2;

class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A numerical failure that is not the user's fault of input but makes the result unusable
// (divergence, NaN). Exit code 3 from the CLI.
class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace lingrok
