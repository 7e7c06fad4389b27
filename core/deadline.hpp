// A wall-clock limit on one computation of a plan (pipeline/, docs/DEVELOPING.md#pipeline): the
// long integrations (numerics/flow/) poll it where they evaluate their right-hand side, so a
// stage's time limit is kept by the code that runs it rather than by killing a process. Its
// owner may give it the poll of a pending SIGINT/SIGTERM (pipeline/interrupt.hpp), so that
// Ctrl-C stops a flow too.
#pragma once

#include <chrono>
#include <csignal>
#include <string>

#include "core/error.hpp"

namespace lingrok {

// The limit was reached; the computation's partial results are discarded.
class TimeLimitReached : public NumericalError {
 public:
  using NumericalError::NumericalError;
};

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  // `seconds` from now, for the computation named `what` (in the message); `signal_pending`,
  // when given, returns the stop signal received (0: none).
  Deadline(double seconds, std::string what, int (*signal_pending)() = nullptr)
      : at_(Clock::now() +
            std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds))),
        seconds_(seconds),
        what_(std::move(what)),
        signal_pending_(signal_pending) {}

  bool passed() const { return Clock::now() >= at_; }

  // Throws Interrupted after a pending stop signal and TimeLimitReached after the limit.
  void check() const {
    if (const int signal = signal_pending_ != nullptr ? signal_pending_() : 0) {
      throw Interrupted(signal, what_ + " stopped by " +
                                    std::string(signal == SIGINT ? "SIGINT" : "SIGTERM") +
                                    "; rerun the same command to start again");
    }
    if (passed()) {
      throw TimeLimitReached(what_ + " stopped at its time limit of " + format_seconds() +
                             " s (the plan's limit for this stage)");
    }
  }

  // check() on a null deadline does nothing: options carry `const Deadline*`.
  static void check(const Deadline* deadline) {
    if (deadline != nullptr) deadline->check();
  }

 private:
  std::string format_seconds() const {
    std::string s = std::to_string(seconds_);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }

  Clock::time_point at_;
  double seconds_;
  std::string what_;
  int (*signal_pending_)();
};

}  // namespace lingrok
