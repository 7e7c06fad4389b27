// nlohmann::json <-> Python objects (json_python.hpp).
#include "bindings/python/json_python.hpp"

#include "core/error.hpp"

namespace py = pybind11;

namespace lingrok::python {

py::object to_python(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(j.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(j.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(j.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(j.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(j.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list out;
      for (const auto& v : j) out.append(to_python(v));
      return out;
    }
    case nlohmann::json::value_t::object: {
      py::dict out;
      for (const auto& [key, v] : j.items()) out[py::str(key)] = to_python(v);
      return out;
    }
    default:
      return py::none();  // binary and discarded values: lingrok writes neither
  }
}

nlohmann::json to_json(py::handle o, const std::string& where) {
  if (o.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(o)) return o.cast<bool>();
  if (py::isinstance<py::int_>(o)) {
    // Negative values as signed, the rest as unsigned (seeds are 64-bit unsigned).
    if (o.cast<py::int_>() < py::int_(0)) return o.cast<std::int64_t>();
    return o.cast<std::uint64_t>();
  }
  if (py::isinstance<py::float_>(o)) return o.cast<double>();
  if (py::isinstance<py::str>(o)) return o.cast<std::string>();
  if (py::isinstance<py::dict>(o)) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, v] : o.cast<py::dict>()) {
      if (!py::isinstance<py::str>(key)) {
        throw InputError(where + ": key " + py::repr(key).cast<std::string>() +
                         " is not a string; use string keys as in a JSON file");
      }
      const std::string k = key.cast<std::string>();
      out[k] = to_json(v, where + "." + k);
    }
    return out;
  }
  if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o)) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : o) out.push_back(to_json(v, where));
    return out;
  }
  // NumPy: arrays as lists, scalars (np.float64 is a float already) through item().
  if (py::hasattr(o, "tolist")) return to_json(o.attr("tolist")(), where);
  throw InputError(where + ": " + py::repr(o).cast<std::string>() +
                   " is not JSON-like; give numbers, strings, booleans, lists or dicts");
}

}  // namespace lingrok::python
