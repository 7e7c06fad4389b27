// The physical memory and the check that refuses a size that would not fit before allocating it
// (memory.hpp).
#include "core/memory.hpp"

#include <unistd.h>

#include <cmath>
#include <sstream>

#include "core/error.hpp"

namespace lingrok {

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return static_cast<double>(pages) * static_cast<double>(page_size);
}

void check_fits_in_memory(double bytes, const std::string& what, const std::string& fix,
                          double fraction) {
  const double available = fraction * physical_memory_bytes();
  if (!(bytes <= available)) {
    std::ostringstream msg;
    msg.precision(3);
    msg << what << " would not fit in memory: it needs " << bytes / std::pow(2.0, 30) << " GiB but this machine has "
        << physical_memory_bytes() / std::pow(2.0, 30) << " GiB (at most "
        << static_cast<int>(fraction * 100) << "% usable); " << fix;
    throw InputError(msg.str());
  }
}

}  // namespace lingrok
