// Refusing sizes that would not fit in memory, before allocating them: a clear error beats
// being killed by the OOM killer halfway through writing an output.
#pragma once

#include <string>

namespace lingrok {

// Physical memory of this machine in bytes (sysconf).
double physical_memory_bytes();

// Throws InputError if `bytes` exceeds `fraction` of physical memory; `what` names the
// allocation and `fix` says how to shrink it.
void check_fits_in_memory(double bytes, const std::string& what, const std::string& fix,
                          double fraction = 0.8);

}  // namespace lingrok
