// The job pool of job_pool.hpp: workers take the next index; the first exception is rethrown after
// all stop.
#include "pipeline/job_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/thread_caches.hpp"
#include "pipeline/interrupt.hpp"

namespace lingrok {

void run_jobs(std::size_t count, int workers, const std::function<void(std::size_t)>& job,
              const JobProgress& progress) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex mutex;  // first_error, `done` and the progress lines
  std::size_t done = 0;
  auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      if (stop_requested() != 0) break;  // an interrupt: start nothing new
      if (progress.started) {
        const std::lock_guard<std::mutex> lock(mutex);
        progress.started(i);
      }
      try {
        job(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
        continue;
      }
      const std::lock_guard<std::mutex> lock(mutex);
      ++done;
      if (progress.finished) progress.finished(i, done);
    }
  };
  const auto n = static_cast<std::size_t>(std::max(1, workers));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < std::min(n, count); ++w) {
    threads.emplace_back([&] {
      work();
      release_thread_caches();  // a job may have computed in Real50 (core/thread_caches.hpp)
    });
  }
  work();
  for (auto& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace lingrok
