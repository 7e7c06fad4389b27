#include "cli/child_process.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "results/run_layout.hpp"

namespace lingrok::cli {

std::string self_exe() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw InputError("cannot find the lingrok binary (/proc/self/exe)");
  buf[n] = '\0';
  return buf;
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

bool run_logged(const std::string& command, const std::filesystem::path& log) {
  {
    std::ofstream l(log, std::ios::app);
    l << "\n$ " << command << "\n";
  }
  const std::string line = command + " >>" + shell_quote(log.string()) + " 2>&1";
  return std::system(line.c_str()) == 0;
}

RunDirectory prepare_run_directory(const std::filesystem::path& dir, const nlohmann::json& config) {
  std::filesystem::create_directories(dir);
  const RunLayout run(dir);
  write_text_atomically(run.config_json(), config.dump(2) + "\n");
  RunDirectory r{run.log_txt(), shell_quote(dir.string()), shell_quote(run.config_json().string())};
  std::filesystem::remove(r.log);
  return r;
}

void run_in_parallel(std::size_t count, int jobs, const std::function<void(std::size_t)>& work,
                     const ParallelProgress& progress) {
  if (jobs < 1) throw InputError("jobs must be at least 1");
  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::size_t done = 0;
  std::exception_ptr error;
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      if (progress.started) {
        std::lock_guard<std::mutex> lock(mutex);
        progress.started(i);
      }
      try {
        work(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!error) error = std::current_exception();
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (progress.finished) progress.finished(i, done);
    }
  };
  const auto threads_wanted = std::min<std::size_t>(static_cast<std::size_t>(jobs), count);
  std::vector<std::thread> threads;
  for (std::size_t j = 0; j < threads_wanted; ++j) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace lingrok::cli
