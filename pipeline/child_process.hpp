// Running a lingrok command as a child process of this same binary: the one helper for the steps
// a plan runs apart (docs/DEVELOPING.md#pipeline). A sweep's points run so, each in the sweep's
// staging directory as its working directory, so that the paths its stages record are relative
// to the sweep and stay true once the sweep is committed; a process is the only place with a
// working directory of its own. The child's output is appended to a log file.
#pragma once

#include <filesystem>
#include <string>

namespace lingrok {

// The path of the running lingrok binary (/proc/self/exe); InputError if it cannot be read.
std::string self_exe();

// Appends "$ command" to `log`, runs `command` through the shell with stdout and stderr
// appended to `log`, and returns true when it exits with status 0. SIGINT/SIGTERM to this
// process are forwarded to the child's process group, which is waited for, and then throw
// Interrupted; after a SIGKILL here the child learns of it through the parent pipe
// (pipeline/interrupt.hpp) and stops too.
bool run_logged(const std::string& command, const std::filesystem::path& log);

}  // namespace lingrok
