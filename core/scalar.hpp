// Scalar types. Theory runs at >= 50 significant digits (docs/theory.md); `Real50` is MPFR-backed,
// 2.5-3x faster than cpp_bin_float_50 for exp-heavy work (shared/TOOLCHAIN.md).
// Expression templates are switched off so that `auto x = a * b;` is a number, not an
// expression referring to temporaries, and so that Eigen and Boost.Test see a plain type.
#pragma once

#include <boost/multiprecision/mpfr.hpp>
#include <limits>
#include <sstream>
#include <string>

namespace lingrok {

using Real50 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<50>,
                                             boost::multiprecision::et_off>;

// Full-precision decimal text of any floating scalar (round-trips for double).
template <class T>
std::string to_full_string(const T& x) {
  std::ostringstream os;
  os.precision(std::numeric_limits<T>::max_digits10);
  os << x;
  return os.str();
}

}  // namespace lingrok
