// NumPy arrays <-> lingrok's data. Inputs are copied once into the Dataset that the C++ owns
// (its RowMatrix); outputs hand the C++ buffers to NumPy without a copy where the C++ is done
// with them (generated data), and copy only what must be reshaped (trajectory rows).
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace lingrok::python {

// X (N x d, any real dtype), y (N labels in {-1,1} or {0,1}), planted (None or N flags),
// checked by dataset_from_arrays; `where` names the arguments in messages.
Dataset dataset_from_numpy(std::string name, pybind11::handle X, pybind11::handle y,
                           pybind11::handle planted, const std::string& where);

// train plus optional test sets: `tests` is None or a dict {name: (X, y)}.
DataBundle bundle_from_numpy(pybind11::handle X, pybind11::handle y, pybind11::handle tests,
                             const std::string& where);

// A vector of doubles from a 1-D array-like (copied); InputError naming `where` otherwise.
std::vector<double> vector_from_numpy(pybind11::handle values, const std::string& where);

// The C++ buffer moves into the array (no copy).
pybind11::array_t<double> to_numpy(RowMatrix&& m);
pybind11::array_t<double> to_numpy(Eigen::VectorXd&& v);
pybind11::array_t<double> to_numpy(std::vector<double>&& v);

// {"X", "y", "planted" (None when the set has no flags)}.
pybind11::dict dataset_to_python(Dataset&& data);

}  // namespace lingrok::python
