// The parts of the native module lingrok._lingrok, one registration function per file; the
// Python package (lingrok/__init__.py) is the public face and documents each function.
#pragma once

#include <pybind11/pybind11.h>

namespace lingrok::python {

void register_errors(pybind11::module_& m);
void bind_data(pybind11::module_& m);
void bind_theory(pybind11::module_& m);
void bind_simulate(pybind11::module_& m);
void bind_flows(pybind11::module_& m);
void bind_check(pybind11::module_& m);
void bind_pgd(pybind11::module_& m);

}  // namespace lingrok::python
