// pgd_accuracy and exact_robust_accuracy (docs/pgd.md, numerics/pgd/pgd.hpp) of a linear model
// (w, b) on a test set, with the clip box of that set (its per-coordinate range) unless given.
#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "core/error.hpp"
#include "numerics/pgd/pgd.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

struct Model {
  Dataset test;
  ClipBox box;
  Eigen::VectorXd w;
};

Model model(py::handle X, py::handle y, py::handle w, py::handle clip, const std::string& where) {
  Model m;
  m.test = dataset_from_numpy("test", X, y, py::none(), where + " (X, y)");
  const std::vector<double> wv = vector_from_numpy(w, where + " (w)");
  if (static_cast<int>(wv.size()) != m.test.dim()) {
    throw InputError(where + ": w has " + std::to_string(wv.size()) + " components but X has d = " +
                     std::to_string(m.test.dim()) + "; give one weight per coordinate");
  }
  m.w = Eigen::Map<const Eigen::VectorXd>(wv.data(), static_cast<Eigen::Index>(wv.size()));
  if (clip.is_none()) {
    m.box = clip_box_of(m.test);
  } else {
    const py::sequence pair = clip.cast<py::sequence>();
    if (pair.size() != 2) throw InputError(where + ": clip must be a pair (lo, hi) or None");
    const std::vector<double> lo = vector_from_numpy(pair[0], where + " (clip lo)");
    const std::vector<double> hi = vector_from_numpy(pair[1], where + " (clip hi)");
    if (static_cast<int>(lo.size()) != m.test.dim() ||
        static_cast<int>(hi.size()) != m.test.dim()) {
      throw InputError(where + ": clip bounds need d = " + std::to_string(m.test.dim()) +
                       " components each");
    }
    m.box.lo = Eigen::Map<const Eigen::VectorXd>(lo.data(), static_cast<Eigen::Index>(lo.size()));
    m.box.hi = Eigen::Map<const Eigen::VectorXd>(hi.data(), static_cast<Eigen::Index>(hi.size()));
  }
  return m;
}

}  // namespace

void bind_pgd(py::module_& m) {
  m.def(
      "pgd_accuracy",
      [](py::handle X, py::handle y, py::handle w, double b, double eps_adv, double step, int steps,
         bool random_start, std::uint64_t seed, py::handle clip) {
        const Model mod = model(X, y, w, clip, "pgd_accuracy()");
        PgdOptions o;
        o.eps_adv = eps_adv;
        o.step = step;
        o.steps = steps;
        o.random_start = random_start;
        o.seed = seed;
        o.validate();
        py::gil_scoped_release release;
        return pgd_accuracy(mod.test, mod.box, mod.w, b, o);
      },
      py::arg("X"), py::arg("y"), py::arg("w"), py::arg("b"), py::arg("eps_adv"), py::arg("step"),
      py::arg("steps"), py::arg("random_start"), py::arg("seed"), py::arg("clip"));
  m.def(
      "exact_robust_accuracy",
      [](py::handle X, py::handle y, py::handle w, double b, double eps_adv, py::handle clip) {
        const Model mod = model(X, y, w, clip, "exact_robust_accuracy()");
        if (!(eps_adv >= 0)) {
          throw InputError("exact_robust_accuracy(): eps_adv must be >= 0, e.g. eps_adv=1");
        }
        py::gil_scoped_release release;
        return exact_robust_accuracy(mod.test, mod.box, mod.w, b, eps_adv);
      },
      py::arg("X"), py::arg("y"), py::arg("w"), py::arg("b"), py::arg("eps_adv"), py::arg("clip"));
}

}  // namespace lingrok::python
