// Releases the calling thread's MPFR caches (thread_caches.hpp).
#include "core/thread_caches.hpp"

#include <mpfr.h>

namespace lingrok {

void release_thread_caches() {
  // The local caches and, after them, MPFR's memory pool (MPFR 4 manual, mpfr_free_cache2).
  mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
}

}  // namespace lingrok
