// Running lingrok subcommands as child processes of this same binary, several at a time
// (shared by `lingrok reproduce` and `lingrok sweep`). Each pipeline step is one shell command
// whose output is appended to the run's log file; independent runs are spread over `jobs`
// threads, each of which waits on its own child process.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace lingrok::cli {

// The path of the running lingrok binary (/proc/self/exe); InputError if it cannot be read.
std::string self_exe();

// `text` in single quotes for the shell ('it'\''s' for embedded quotes).
std::string shell_quote(const std::string& text);

// Appends "$ command" to `log`, runs `command` through the shell with stdout and stderr
// appended to `log`, and returns true when it exits with status 0.
bool run_logged(const std::string& command, const std::filesystem::path& log);

// A run directory made ready for a pipeline of child commands: created, with `config` written
// to config.json (atomically) and log.txt removed, so that the log holds this pipeline only.
struct RunDirectory {
  std::filesystem::path log;  // dir/log.txt, for run_logged
  std::string dir;            // the directory, shell-quoted for command lines
  std::string config;         // dir/config.json, shell-quoted
};
RunDirectory prepare_run_directory(const std::filesystem::path& dir, const nlohmann::json& config);

// Progress lines of run_in_parallel, both called under one lock shared by all threads.
struct ParallelProgress {
  std::function<void(std::size_t i)> started;                     // before work(i)
  std::function<void(std::size_t i, std::size_t done)> finished;  // done: items finished so far
};

// Calls work(i) once for every i in [0, count), on min(jobs, count) threads; the items start
// in increasing order of i. An exception thrown by work(i) is rethrown after all threads have
// joined (the first one only); the other items still run.
void run_in_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& work,
                     const ParallelProgress& progress = {});

}  // namespace lingrok::cli
