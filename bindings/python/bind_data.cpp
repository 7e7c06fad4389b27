// generate(config) and read_data(path): the data sets of docs/data.md as NumPy arrays, from the
// same samplers (`lingrok generate`) and the same CSV reader as the CLI.
#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "data/csv.hpp"
#include "data/data_config.hpp"
#include "data/sampling/paper_samplers.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

py::dict bundle_to_python(DataBundle&& bundle) {
  py::dict out;
  out["train"] = dataset_to_python(std::move(bundle.train));
  for (auto& t : bundle.tests) {
    const std::string name = t.name;
    out[py::str(name)] = dataset_to_python(std::move(t));
  }
  return out;
}

// A configuration as a file holds it: a path, or the parsed JSON as a dict.
nlohmann::json read_config(py::handle config, const std::string& where) {
  if (py::isinstance<py::str>(config) || py::hasattr(config, "__fspath__")) {
    return read_config_file(py::str(config).cast<std::string>());
  }
  if (!py::isinstance<py::dict>(config)) {
    throw InputError(where +
                     ": config must be a dict (a configuration file's content) or the "
                     "path of a configuration file");
  }
  nlohmann::json j = to_json(config, where);
  StrictSection top(j, where);
  for (const char* key : kConfigSections) top.get_raw(key);
  top.reject_unknown_keys();
  return j;
}

}  // namespace

void bind_data(py::module_& m) {
  m.def(
      "generate",
      [](py::handle config) {
        const nlohmann::json j = read_config(config, "generate(config)");
        const DataConfig data_config = parse_data_config(j, "generate(config)");
        DataBundle bundle;
        {
          py::gil_scoped_release release;
          bundle = generate_data(data_config);
        }
        py::dict out = bundle_to_python(std::move(bundle));
        out["data"] = to_python(lingrok::to_json(data_config));
        return out;
      },
      py::arg("config"));
  m.def(
      "read_data",
      [](const std::string& path) {
        DataBundle bundle;
        {
          py::gil_scoped_release release;
          bundle = load_data(path);
        }
        return bundle_to_python(std::move(bundle));
      },
      py::arg("path"));
}

}  // namespace lingrok::python
