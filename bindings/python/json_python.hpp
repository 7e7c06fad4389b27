// nlohmann::json <-> Python objects, so that the module hands out exactly what lingrok's JSON
// writers produce (theory.json, summary.json, report.json) and reads configurations in the
// same form as the files: null/None, bool, int, float, str, list, dict.
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>
#include <string>

namespace lingrok::python {

pybind11::object to_python(const nlohmann::json& j);

// Also accepts tuples, NumPy scalars and arrays (as lists). Throws InputError naming `where`
// for anything else (or a dict key that is not a string).
nlohmann::json to_json(pybind11::handle object, const std::string& where);

}  // namespace lingrok::python
