// Errors that reach the user. An InputError is bad input (a file, a configuration, a
// command-line value): the CLI prints its one-line message and exits with code 2.
// The message names the problem and the fix, e.g.
//   "train.csv line 7: expected 3 columns (x1,x2,y), found 2; every row needs d values and a label"
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

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

// The run was stopped by SIGINT or SIGTERM after leaving its last
// checkpoint valid. The CLI prints the message (which says how to resume) and exits with
// 128 + signal (130, 143), as a shell does for a process the signal killed. Not derived from
// std::exception, so that handlers which turn failures into "this point failed, go on" do not
// swallow it.
class Interrupted {
 public:
  Interrupted(int signal, std::string message) : signal_(signal), message_(std::move(message)) {}
  int signal() const { return signal_; }
  int exit_code() const { return 128 + signal_; }
  const std::string& what() const { return message_; }

 private:
  int signal_;
  std::string message_;
};

}  // namespace lingrok
