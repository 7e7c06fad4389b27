// theory(X, y, eta, ...): docs/theory.md from a training set and η (compute_theory, as `lingrok
// theory`), returned as theory.json's content (to_json(TheoryResult)); the Python layer turns
// its {"value", "digits"} pairs into lingrok.Real50 numbers.
#include <pybind11/stl.h>

#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/error.hpp"
#include "theory/theory.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

// η as the exact decimal it was written as (the CLI's --eta reads text the same way).
Real50 parse_eta(const std::string& text) {
  try {
    std::size_t used = 0;
    (void)std::stod(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
    return Real50(text);
  } catch (const std::exception&) {
    throw InputError("theory(): eta = '" + text +
                     "' is not a number; give the step size, e.g. eta=0.01");
  }
}

}  // namespace

void bind_theory(py::module_& m) {
  m.def(
      "theory",
      [](py::handle X, py::handle y, const std::string& eta, const std::string& reduction,
         const std::string& loss, std::optional<double> gamma, std::optional<double> alpha,
         double box, double kappa, std::optional<std::vector<double>> epsilons, double support_tol,
         double t0, double b0) {
        TheoryOptions o;
        o.eta = parse_eta(eta);
        try {
          o.reduction = parse_reduction(reduction);
          o.loss = parse_loss(loss);
        } catch (const std::invalid_argument& e) {
          throw InputError(std::string("theory(): ") + e.what());
        }
        o.gamma = gamma;
        o.alpha = alpha;
        o.box = box;
        o.kappa = kappa;
        if (epsilons) o.epsilons = *epsilons;
        o.support_tol = support_tol;
        o.t0 = t0;
        o.b0 = b0;
        o.validate();  // before the copy of the data
        const Dataset train = dataset_from_numpy("train", X, y, py::none(), "theory(X, y)");
        nlohmann::json j;
        {
          py::gil_scoped_release release;
          j = lingrok::to_json(compute_theory(train, o));
        }
        return to_python(j);
      },
      py::arg("X"), py::arg("y"), py::arg("eta"), py::arg("reduction"), py::arg("loss"),
      py::arg("gamma"), py::arg("alpha"), py::arg("box"), py::arg("kappa"), py::arg("epsilons"),
      py::arg("support_tol"), py::arg("t0"), py::arg("b0"));
}

}  // namespace lingrok::python
