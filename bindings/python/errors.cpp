// lingrok's errors as Python exceptions carrying the same one-line message the CLI prints:
// InputError (bad input, CLI exit 2) is a ValueError, NumericalError (divergence, NaN; CLI
// exit 3) an ArithmeticError. std::invalid_argument keeps pybind11's mapping to ValueError.
#include "bindings/python/bindings.hpp"
#include "core/error.hpp"

namespace lingrok::python {

void register_errors(pybind11::module_& m) {
  pybind11::register_exception<InputError>(m, "InputError", PyExc_ValueError);
  pybind11::register_exception<NumericalError>(m, "NumericalError", PyExc_ArithmeticError);
}

}  // namespace lingrok::python
