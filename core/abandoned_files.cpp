// Removing the temporaries and staging directories left by processes that no longer run
// (abandoned_files.hpp, docs/DEVELOPING.md#output-sets).
#include "core/abandoned_files.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace lingrok {

bool process_is_gone(long pid) {
  return pid > 0 && pid != ::getpid() && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

long abandoned_pid(const std::string& name, const std::string& mark) {
  const auto at = name.rfind(mark);
  if (at == std::string::npos || at == 0) return -1;
  const std::string digits = name.substr(at + mark.size());
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return -1;
  return std::stol(digits);
}

void remove_abandoned_temporaries(const std::filesystem::path& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!process_is_gone(abandoned_pid(entry.path().filename().string(), ".tmp."))) continue;
    std::error_code ignored;
    std::filesystem::remove(entry.path(), ignored);
  }
}

}  // namespace lingrok
