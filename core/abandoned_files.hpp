// What a process killed by SIGKILL leaves behind: the temporaries of core/atomic_file.hpp
// ("<name>.tmp.<pid>") and the staging directories of core/output_set.hpp
// (".<name>.partial-<pid>"). The next run that writes the same place removes those of
// processes that no longer run (docs/DEVELOPING.md#output-sets).
#pragma once

#include <filesystem>
#include <string>

namespace lingrok {

// Whether `pid` names no running process (kill(pid, 0) fails with ESRCH); never this process.
bool process_is_gone(long pid);

// The pid in `name` after `mark` ("a.csv.tmp.123", ".tmp." → 123), or -1 if `name` is not of
// that form.
long abandoned_pid(const std::string& name, const std::string& mark);

// Removes the temporaries "<name>.tmp.<pid>" in `dir` whose process no longer runs.
void remove_abandoned_temporaries(const std::filesystem::path& dir);

}  // namespace lingrok
