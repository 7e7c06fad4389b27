// Per-thread caches of the libraries under Real50 (core/scalar.hpp). Debian's MPFR is built
// thread-safe, so it keeps its cached constants (π, log 2, ...) and its memory pool per thread,
// and frees them only when that thread asks. A worker thread that may have computed in Real50
// (the job pool's, pipeline/job_pool.cpp) calls this before it ends; otherwise each such
// thread's caches are lost at its exit (LeakSanitizer reports them, docs/DEVELOPING.md#sanitizers).
#pragma once

namespace lingrok {

// Frees the calling thread's MPFR caches and pool; Real50 values stay valid (MPFR refills the
// caches on demand).
void release_thread_caches();

}  // namespace lingrok
