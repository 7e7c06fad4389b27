// NumPy arrays <-> Dataset, vectors and matrices: one copy in, none out where the C++ is done with
// the buffer (arrays.hpp).
#include "bindings/python/arrays.hpp"

#include "core/error.hpp"
#include "data/dataset_from_arrays.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

using Array = py::array_t<double, py::array::c_style | py::array::forcecast>;

Array as_array(py::handle values, const std::string& where, const char* what) {
  Array a = Array::ensure(values);
  if (!a) {
    PyErr_Clear();
    throw InputError(where + ": " + what + " is not an array of numbers; pass a NumPy array");
  }
  return a;
}

template <class Owner>
py::array_t<double> owned(Owner* owner, const double* data, std::vector<py::ssize_t> shape) {
  py::capsule free(owner, [](void* p) { delete static_cast<Owner*>(p); });
  return py::array_t<double>(std::move(shape), data, free);
}

}  // namespace

std::vector<double> vector_from_numpy(py::handle values, const std::string& where) {
  const Array a = as_array(values, where, "the value");
  if (a.ndim() != 1) {
    throw InputError(where + ": expected a 1-D array, got " + std::to_string(a.ndim()) +
                     " dimensions; flatten it");
  }
  return {a.data(), a.data() + a.size()};
}

Dataset dataset_from_numpy(std::string name, py::handle X, py::handle y, py::handle planted,
                           const std::string& where) {
  const Array x = as_array(X, where, "X");
  if (x.ndim() != 2) {
    throw InputError(where + ": X must be 2-D (N points x d coordinates), got " +
                     std::to_string(x.ndim()) + " dimensions; for d = 1 use X.reshape(-1, 1)");
  }
  RowMatrix m = Eigen::Map<const RowMatrix>(x.data(), x.shape(0), x.shape(1));
  const std::vector<double> labels = vector_from_numpy(y, where + " (y)");
  const std::vector<double> flags =
      planted.is_none() ? std::vector<double>{} : vector_from_numpy(planted, where + " (planted)");
  return dataset_from_arrays(
      std::move(name), std::move(m),
      Eigen::Map<const Eigen::VectorXd>(labels.data(), static_cast<Eigen::Index>(labels.size())),
      flags, where);
}

DataBundle bundle_from_numpy(py::handle X, py::handle y, py::handle tests,
                             const std::string& where) {
  DataBundle bundle;
  bundle.train = dataset_from_numpy("train", X, y, py::none(), where);
  if (tests.is_none()) return bundle;
  if (!py::isinstance<py::dict>(tests)) {
    throw InputError(where +
                     ": tests must be a dict {name: (X, y)}, e.g. "
                     "{\"test_conc\": (X_conc, y_conc)}");
  }
  for (const auto& [key, value] : tests.cast<py::dict>()) {
    const std::string name = py::str(key).cast<std::string>();
    const std::string at = where + ", tests[\"" + name + "\"]";
    if (!py::isinstance<py::tuple>(value) && !py::isinstance<py::list>(value)) {
      throw InputError(at + ": give a pair (X, y)");
    }
    const py::sequence pair = value.cast<py::sequence>();
    if (pair.size() != 2) throw InputError(at + ": give a pair (X, y)");
    Dataset t = dataset_from_numpy(name, pair[0], pair[1], py::none(), at);
    if (t.dim() != bundle.train.dim()) {
      throw InputError(at + " has dimension " + std::to_string(t.dim()) +
                       " but the training set has " + std::to_string(bundle.train.dim()) +
                       "; use test data from the same space");
    }
    bundle.tests.push_back(std::move(t));
  }
  return bundle;
}

py::array_t<double> to_numpy(RowMatrix&& m) {
  auto* owner = new RowMatrix(std::move(m));
  return owned(owner, owner->data(), {owner->rows(), owner->cols()});
}

py::array_t<double> to_numpy(Eigen::VectorXd&& v) {
  auto* owner = new Eigen::VectorXd(std::move(v));
  return owned(owner, owner->data(), {owner->size()});
}

py::array_t<double> to_numpy(std::vector<double>&& v) {
  auto* owner = new std::vector<double>(std::move(v));
  return owned(owner, owner->data(), {static_cast<py::ssize_t>(owner->size())});
}

py::dict dataset_to_python(Dataset&& data) {
  py::dict out;
  py::object planted = py::none();
  if (!data.planted.empty()) {
    py::array_t<bool> flags(static_cast<py::ssize_t>(data.planted.size()));
    auto f = flags.mutable_unchecked<1>();
    for (std::size_t i = 0; i < data.planted.size(); ++i) {
      f(static_cast<py::ssize_t>(i)) = data.planted[i] != 0;
    }
    planted = std::move(flags);
  }
  out["X"] = to_numpy(std::move(data.X));
  out["y"] = to_numpy(std::move(data.y));
  out["planted"] = planted;
  return out;
}

}  // namespace lingrok::python
