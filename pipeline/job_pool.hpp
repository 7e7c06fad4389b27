// A small job pool: runs job(0) … job(count - 1) on `workers` threads (each worker takes the
// next index when it is free), so that a plan's independent runs fill the machine's cores.
// Results go where the job puts them (by index), so the outcome does not depend on which worker
// ran what. The first exception a job throws is rethrown after every worker has stopped; the
// jobs not yet started are then skipped, as they are after SIGINT/SIGTERM (pipeline/interrupt.hpp).
#pragma once

#include <cstddef>
#include <functional>

namespace lingrok {

// Progress lines of a plan, both called under one lock shared by all workers.
struct JobProgress {
  std::function<void(std::size_t i)> started;                     // before job(i)
  std::function<void(std::size_t i, std::size_t done)> finished;  // done: jobs finished so far
};

void run_jobs(std::size_t count, int workers, const std::function<void(std::size_t)>& job,
              const JobProgress& progress = {});

}  // namespace lingrok
