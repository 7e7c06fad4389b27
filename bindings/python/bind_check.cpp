// check(run): every check of docs/checks.md on a run directory (load_run + run_checks, as
// `lingrok check --run DIR`), returned as the verdict dicts of report.json. Writes nothing:
// where the directory has no symbolic.json, the GiNaC identities (docs/numerics.md#symbolic-checks)
// that `lingrok check` would write there are computed in memory.
#include <pybind11/stl.h>

#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/error.hpp"
#include "proofs_check/registry.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/symbolic_json.hpp"
#include "theory/symbolic/symbolic_closed_form.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

py::list check(const std::string& run_dir, const std::vector<std::string>& only) {
  if (!std::filesystem::is_directory(run_dir)) {
    throw InputError("check(): " + run_dir +
                     " is not a directory; pass a directory written by `lingrok reproduce` or "
                     "the subcommands");
  }
  std::vector<CheckReport> reports;
  {
    py::gil_scoped_release release;
    RunArtifacts run = load_run(run_dir);
    if (!run.symbolic) {
      run.symbolic = symbolic_json(check_bias_closed_form_identities());
    }
    reports = run_checks(run, CheckOptions{}, only);
  }
  py::list out;
  for (const auto& r : reports) out.append(to_python(lingrok::to_json(r)));
  return out;
}

}  // namespace

void bind_check(py::module_& m) { m.def("check", &check, py::arg("run"), py::arg("only")); }

}  // namespace lingrok::python
