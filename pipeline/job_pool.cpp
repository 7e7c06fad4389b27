// The job pool of job_pool.hpp: workers take the next index; the first exception is rethrown after
// all stop.
#include "pipeline/job_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace lingrok {

void run_jobs(std::size_t count, int workers, const std::function<void(std::size_t)>& job) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        job(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  const auto n = static_cast<std::size_t>(std::max(1, workers));
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < std::min(n, count); ++w) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace lingrok
