// One stage of a plan, logged and run in this process (run_stage.hpp,
// docs/DEVELOPING.md#pipeline).
#include "pipeline/run_stage.hpp"

#include <exception>

#include "core/deadline.hpp"
#include "core/error.hpp"

namespace lingrok {

bool run_stage(std::ostream& log, const std::string& command,
               const std::function<void(std::ostream& log)>& stage) {
  log << "\n$ lingrok " << command << std::endl;
  try {
    stage(log);
    log.flush();
    return true;
  } catch (const TimeLimitReached& e) {
    log << "stopped: " << e.what() << std::endl;
  } catch (const InputError& e) {
    log << "error: " << e.what() << std::endl;
  } catch (const NumericalError& e) {
    log << "numerical error: " << e.what() << std::endl;
  } catch (const std::exception& e) {
    log << "error: " << e.what() << std::endl;
  }
  return false;
}

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace lingrok
