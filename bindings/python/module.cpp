// lingrok._lingrok: the C++ behind `import lingrok` (bindings.hpp lists the parts).
#include "bindings/python/bindings.hpp"
#include "core/version.hpp"

PYBIND11_MODULE(_lingrok, m) {
  m.doc() = "Native part of lingrok; use the package `lingrok`, which documents every function.";
  m.attr("__version__") = lingrok::kVersion;
  m.attr("git") = lingrok::kGitDescribe;
  lingrok::python::register_errors(m);
  lingrok::python::bind_data(m);
  lingrok::python::bind_theory(m);
  lingrok::python::bind_simulate(m);
  lingrok::python::bind_flows(m);
  lingrok::python::bind_check(m);
  lingrok::python::bind_pgd(m);
}
