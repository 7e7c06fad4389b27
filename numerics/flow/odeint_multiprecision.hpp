// The one place lingrok includes Boost.Odeint. Include this header, never odeint directly:
// it carries the two workarounds Boost 1.74 needs to run odeint's controlled and dense-output
// steppers on Boost.Multiprecision states (lingrok::Real50), see shared/TOOLCHAIN.md.
//
// 1. boostorg/odeint#40 (fixed upstream after Boost 1.74): detail::extract_value_type
//    recurses through `value_type` typedefs until it finds a type without one. A
//    multiprecision number's `value_type` is itself, so on std::vector<Real50> the recursion
//    never ends and controlled steppers fail with "incomplete type extract_value_type<...>".
//    A full specialisation that stops at the number type fixes it. Delete it when the Boost
//    floor moves past the fix.
// 2. A bare scalar state (the bias ODE has one unknown) runs on vector_space_algebra, whose
//    infinity norm is the trait vector_space_norm_inf; odeint specialises it only for float,
//    double and complex. Its member type must be named `result_type`.
//
// Multiprecision odeint instantiations are expensive (~15 s per translation unit): include
// this header only from the few .cpp files that instantiate the integrators explicitly.
#pragma once

// Odeint and ublas (used by rosenbrock4) are third-party code that lingrok does not warn about.
#pragma GCC system_header

#include <boost/numeric/odeint.hpp>
#include <boost/numeric/odeint/algebra/detail/extract_value_type.hpp>
#include <boost/numeric/odeint/algebra/vector_space_algebra.hpp>

#include "core/scalar.hpp"

namespace boost::numeric::odeint {

namespace detail {
// Workaround for boostorg/odeint#40 (see the top of this file).
template <>
struct extract_value_type<lingrok::Real50, void> {
  typedef lingrok::Real50 type;
};
}  // namespace detail

// Infinity norm of a bare Real50 state for vector_space_algebra (see the top of this file).
template <>
struct vector_space_norm_inf<lingrok::Real50> {
  typedef lingrok::Real50 result_type;
  result_type operator()(const lingrok::Real50& x) const {
    using boost::multiprecision::abs;
    return abs(x);
  }
};

}  // namespace boost::numeric::odeint
