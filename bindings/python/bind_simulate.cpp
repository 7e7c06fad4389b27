// simulate(X, y, gd, ...): a logged GD run through the stage `lingrok simulate` runs
// (numerics/gd/simulate_stage.hpp), with the GIL released while it runs; and the trajectory
// writer, so that a trajectory from Python gives trajectory.csv byte for byte.
#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/error.hpp"
#include "numerics/gd/simulate_stage.hpp"
#include "results/reference_geometry.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

constexpr const char* kWhere = "simulate()";

py::tuple simulate(py::handle X, py::handle y, py::handle tests, py::handle gd_section,
                   py::handle theory, std::uint64_t seed, py::object progress) {
  const nlohmann::json config = {{"gd", to_json(gd_section, "simulate() gd")}};
  GdConfig gd = parse_gd_config(config, kWhere);
  if (gd.checkpoint_every != 0) {
    throw InputError(std::string(kWhere) +
                     ": checkpoint_every needs an output directory; use `lingrok simulate "
                     "--checkpoint-every N` for runs that must survive a kill");
  }
  gd.progress = false;  // progress goes to the callback, not to stderr
  const DataBundle data = bundle_from_numpy(X, y, tests, "simulate(X, y)");

  ReferenceGeometry geometry;
  double theory_beta = std::nan("");
  const bool with_theory = !theory.is_none();
  if (with_theory) {
    geometry =
        reference_geometry(TheoryRecord(to_json(theory, "simulate() theory"), "simulate() theory"),
                           data.train.dim(), data.train.size(), &theory_beta);
  }
  const StepSize step = resolve_step_size(gd, data.train, theory_beta);

  SimulationSetup setup;
  setup.data = &data;
  setup.geometry = with_theory ? &geometry : nullptr;
  setup.config = gd;
  setup.eta = step.eta;
  setup.seed = seed;
  // Called every steps/1000 steps from this thread: take the GIL, let Ctrl-C (and an exception
  // from the callback) stop the run.
  setup.progress = [&progress](long long t, long long steps) {
    py::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!progress.is_none()) progress(t, steps);
  };

  SimulateStageResult stage;
  {
    py::gil_scoped_release release;
    stage = run_simulate_stage(setup, step);
  }
  const Trajectory& tr = stage.result.trajectory;
  // Column-major, so that each column (the Python layer's dict entries) is contiguous.
  const auto rows = static_cast<py::ssize_t>(tr.rows.size());
  const auto cols = static_cast<py::ssize_t>(tr.columns.size());
  py::array_t<double, py::array::f_style> table({rows, cols});
  auto v = table.mutable_unchecked<2>();
  for (py::ssize_t i = 0; i < rows; ++i) {
    for (py::ssize_t c = 0; c < cols; ++c) {
      v(i, c) = tr.rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(c)];
    }
  }
  stage.summary["seed"] = seed;
  stage.summary["data_source"] = "NumPy arrays (Python)";
  return py::make_tuple(py::cast(tr.columns), table, to_python(stage.summary));
}

void write_trajectory(const std::vector<std::string>& columns, py::handle table,
                      const std::string& path) {
  using Table = py::array_t<double, py::array::c_style | py::array::forcecast>;
  const Table t = Table::ensure(table);
  if (!t || t.ndim() != 2 || t.shape(1) != static_cast<py::ssize_t>(columns.size())) {
    throw InputError("write_trajectory(): the table must be 2-D with one column per name");
  }
  if (columns.empty() || columns.front() != "t") {
    throw InputError(
        "write_trajectory(): the first column must be t (GD steps), as simulate() "
        "returns it");
  }
  Trajectory tr;
  tr.columns = columns;
  for (py::ssize_t i = 0; i < t.shape(0); ++i) {
    tr.rows.emplace_back(t.data(i, 0), t.data(i, 0) + t.shape(1));
  }
  py::gil_scoped_release release;
  write_trajectory_csv(path, tr);
}

}  // namespace

void bind_simulate(py::module_& m) {
  m.def("simulate", &simulate, py::arg("X"), py::arg("y"), py::arg("tests"), py::arg("gd"),
        py::arg("theory"), py::arg("seed"), py::arg("progress"));
  m.def("write_trajectory", &write_trajectory, py::arg("columns"), py::arg("table"),
        py::arg("path"));
}

}  // namespace lingrok::python
