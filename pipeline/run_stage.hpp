// One stage of a plan's run (reproduce, sweep), run in this process: the command that would run
// it alone ("$ lingrok simulate --config …") is appended to the run's log, then the stage runs
// with its report going to the same log. lingrok's errors (bad input, a numerical failure, a
// stage's time limit, core/deadline.hpp) are logged and mark the stage failed, and the run goes
// on with what does not need it; an interrupt (pipeline/interrupt.hpp) is not caught and stops the
// plan.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace lingrok {

// true when `stage` returned normally.
bool run_stage(std::ostream& log, const std::string& command,
               const std::function<void(std::ostream& log)>& stage);

// `text` in single quotes for a shell ('it'\''s' for embedded quotes): the logged commands can
// be pasted into one.
std::string shell_quote(const std::string& text);

}  // namespace lingrok
