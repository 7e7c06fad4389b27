// theory(X, y, eta, ...): docs/theory.md from a training set and η (compute_theory, as `lingrok
// theory`), returned as theory.json's content (to_json(TheoryResult)); the Python layer turns
// its {"value", "digits"} pairs into lingrok.Real50 numbers.
#include <pybind11/stl.h>
#include <tuple>

#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "data/loss/parse_loss.hpp"
#include "results/theory_json.hpp"
#include "theory/theory.hpp"

namespace py = pybind11;

namespace lingrok::python {

void bind_theory(py::module_& m) {
  m.def(
      "theory",
      [](py::handle X, py::handle y, const std::string& eta, const std::string& reduction,
         const std::string& loss, std::optional<double> gamma, std::optional<double> alpha,
         double box, double kappa, std::optional<std::vector<double>> epsilons, double support_tol,
         double t0, double b0) {
        TheoryOptions o;
        // η as the exact decimal it was written as (the CLI's --eta reads text the same way).
        const std::optional<Real50> eta50 = parse_decimal(eta);
        if (!eta50)
          throw InputError("theory(): eta = '" + eta +
                           "' is not a number; give the step size, e.g. eta=0.01");
        o.eta = *eta50;
        std::tie(o.loss, o.reduction) = parse_loss_and_reduction(loss, reduction, "theory()");
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
