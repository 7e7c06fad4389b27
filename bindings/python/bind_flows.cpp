// integrate_bias (the bias ODE of docs/theory.md#closed-form-bias at 50 digits against its closed
// form), integrate_coupled (the coupled support-vector flow, docs/theory.md#coupled-flow) and
// integrate_flow (the full gradient flow, docs/numerics.md#gradient-flows), through the integrators
// that `lingrok integrate --which bias|coupled|full` calls; times are GD steps
// (docs/conventions.md).
#include <pybind11/stl.h>
#include <tuple>

#include "bindings/python/arrays.hpp"
#include "bindings/python/bindings.hpp"
#include "bindings/python/json_python.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/scalar.hpp"
#include "data/loss/parse_loss.hpp"
#include "numerics/flow/bias_ode.hpp"
#include "numerics/flow/coupled_flow.hpp"
#include "numerics/flow/full_flow.hpp"

namespace py = pybind11;

namespace lingrok::python {

namespace {

// A 50-digit parameter from its decimal text (theory.json's digits), e.g. A_plus.
Real50 real50(const std::string& text, const char* name) {
  if (const std::optional<Real50> x = parse_decimal(text)) return *x;
  throw InputError(std::string("integrate: ") + name + " = '" + text +
                   "' is not a number; pass theory's digits, e.g. theory['A_plus'].digits");
}

nlohmann::json number50(const Real50& x) {
  return {{"value", static_cast<double>(x)}, {"digits", to_full_string(x)}};
}

std::vector<double> to_double(const std::vector<Real50>& v) {
  std::vector<double> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(static_cast<double>(x));
  return out;
}

std::vector<std::string> to_digits(const std::vector<Real50>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(to_full_string(x));
  return out;
}

py::dict integrate_bias(py::handle t, const std::string& A_plus, const std::string& A_minus,
                        const std::string& c, double t0, double b0, double abs_tol,
                        double rel_tol) {
  const std::vector<double> grid = vector_from_numpy(t, "integrate_bias(t)");
  const BiasOdeParams<Real50> p{real50(A_plus, "A_plus"), real50(A_minus, "A_minus"),
                                real50(c, "c"), Real50(t0), Real50(b0)};
  BiasOdeOptions o;
  o.abs_tol = abs_tol;
  o.rel_tol = rel_tol;
  const std::vector<Real50> times(grid.begin(), grid.end());
  BiasOdeSolution<Real50> sol;
  Real50 b_inf;
  {
    py::gil_scoped_release release;
    try {
      sol = integrate_bias_ode(p, times, o);
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("integrate_bias(): ") + e.what());
    }
    b_inf = bias_limit(p);
  }
  py::dict out;
  out["t"] = to_numpy(std::vector<double>(grid));
  out["b"] = to_numpy(to_double(sol.b));
  out["b_closed_form"] = to_numpy(to_double(sol.b_closed_form));
  out["error"] = to_numpy(to_double(sol.error));
  out["b_digits"] = py::cast(to_digits(sol.b));
  out["b_closed_form_digits"] = py::cast(to_digits(sol.b_closed_form));
  const nlohmann::json summary = {{"method", sol.method},
                                  {"steps", sol.steps},
                                  {"abs_tol", o.abs_tol},
                                  {"rel_tol", o.rel_tol},
                                  {"max_error", number50(sol.max_error)},
                                  {"b_inf", number50(b_inf)},
                                  {"A_plus", number50(p.A_plus)},
                                  {"A_minus", number50(p.A_minus)},
                                  {"c", number50(p.c)},
                                  {"t0", t0},
                                  {"b0", b0}};
  out["summary"] = to_python(summary);
  return out;
}

py::dict integrate_flow(py::handle X, py::handle y, py::handle t, double eta,
                        const std::string& loss, const std::string& reduction, double abs_tol,
                        double rel_tol, bool estimate_error) {
  FullFlowOptions o;
  std::tie(o.loss, o.reduction) = parse_loss_and_reduction(loss, reduction, "integrate_flow()");
  o.eta = eta;
  o.abs_tol = abs_tol;
  o.rel_tol = rel_tol;
  o.estimate_error = estimate_error;
  const Dataset train = dataset_from_numpy("train", X, y, py::none(), "integrate_flow(X, y)");
  const std::vector<double> grid = vector_from_numpy(t, "integrate_flow(t)");
  FlowTrajectory<double> sol;
  {
    py::gil_scoped_release release;
    try {
      sol = integrate_full_flow(train, grid, o);
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("integrate_flow(): ") + e.what());
    }
  }
  RowMatrix w(static_cast<Eigen::Index>(sol.w.size()), train.dim());
  for (std::size_t i = 0; i < sol.w.size(); ++i) {
    w.row(static_cast<Eigen::Index>(i)) = sol.w[i].transpose();
  }
  py::dict out;
  out["t"] = to_numpy(std::vector<double>(sol.t));
  out["b"] = to_numpy(std::vector<double>(sol.b));
  out["w"] = to_numpy(std::move(w));
  const nlohmann::json summary = {
      {"method", sol.method},
      {"steps", sol.steps},
      {"abs_tol", o.abs_tol},
      {"rel_tol", o.rel_tol},
      {"achieved_error",
       std::isfinite(sol.error_estimate) ? nlohmann::json(sol.error_estimate) : nullptr},
      {"eta", o.eta},
      {"loss", to_string(o.loss)},
      {"reduction", to_string(o.reduction)}};
  out["summary"] = to_python(summary);
  return out;
}

using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;
using Mat50 = Eigen::Matrix<Real50, Eigen::Dynamic, Eigen::Dynamic>;

Vec50 vector50(const std::vector<std::string>& digits, const char* name) {
  Vec50 v(static_cast<Eigen::Index>(digits.size()));
  for (std::size_t i = 0; i < digits.size(); ++i) {
    v(static_cast<Eigen::Index>(i)) = real50(digits[i], name);
  }
  return v;
}

// The coupled flow from (rho0, b0) at t0 on the support set S of theory.json (support_plus
// then support_minus), with F built as `lingrok integrate --which coupled` builds it.
py::dict integrate_coupled(py::handle X, py::handle y, py::handle t,
                           const std::vector<std::string>& w_hat_digits,
                           const std::vector<long long>& support, const std::string& eta,
                           const std::vector<std::string>& rho0, double b0, double t0,
                           bool high_precision, double abs_tol, double rel_tol,
                           bool estimate_error) {
  const Dataset train = dataset_from_numpy("train", X, y, py::none(), "integrate_coupled(X, y)");
  const std::vector<double> grid = vector_from_numpy(t, "integrate_coupled(t)");
  const Vec50 w_hat = vector50(w_hat_digits, "w_hat");
  const Eigen::Index d = train.dim();
  if (w_hat.size() != d) {
    throw InputError("integrate_coupled(): w_hat has dimension " + std::to_string(w_hat.size()) +
                     " but the data have d = " + std::to_string(d) +
                     "; use the theory of these data");
  }
  const Vec50 start = vector50(rho0, "rho0");
  if (start.size() != d) {
    throw InputError("integrate_coupled(): rho0 needs d = " + std::to_string(d) + " components");
  }
  Mat50 XS(static_cast<Eigen::Index>(support.size()), d);
  Vec50 yS(static_cast<Eigen::Index>(support.size()));
  for (std::size_t k = 0; k < support.size(); ++k) {
    if (support[k] < 0 || support[k] >= train.size()) {
      throw InputError("integrate_coupled(): support index " + std::to_string(support[k]) +
                       " is outside the training set; use the theory of these data");
    }
    for (Eigen::Index j = 0; j < d; ++j) {
      XS(static_cast<Eigen::Index>(k), j) = train.X(support[k], j);
    }
    yS(static_cast<Eigen::Index>(k)) = train.y(support[k]);
  }
  CoupledFlowOptions o;
  o.abs_tol = abs_tol;
  o.rel_tol = rel_tol;
  o.estimate_error = estimate_error;
  const Real50 eta50 = real50(eta, "eta");
  std::vector<Eigen::VectorXd> rho;
  std::vector<double> beta;
  FlowTrajectory<double> info;
  {
    py::gil_scoped_release release;
    auto to_d = [](const Real50& x) { return static_cast<double>(x); };
    try {
      if (high_precision) {
        const SupportObjective<Real50> F(XS, yS, w_hat, eta50);
        const std::vector<Real50> times(grid.begin(), grid.end());
        const auto sol = integrate_coupled_flow(F, start, Real50(b0), Real50(t0), times, o);
        for (std::size_t i = 0; i < sol.w.size(); ++i) {
          rho.push_back(sol.w[i].unaryExpr(to_d));
          beta.push_back(static_cast<double>(sol.b[i]));
        }
        info.method = sol.method;
        info.error_estimate = sol.error_estimate;
        info.steps = sol.steps;
      } else {
        const SupportObjective<double> F(XS.unaryExpr(to_d), yS.unaryExpr(to_d),
                                         w_hat.unaryExpr(to_d), static_cast<double>(eta50));
        auto sol =
            integrate_coupled_flow(F, Eigen::VectorXd(start.unaryExpr(to_d)), b0, t0, grid, o);
        rho = std::move(sol.w);
        beta = std::move(sol.b);
        info.method = sol.method;
        info.error_estimate = sol.error_estimate;
        info.steps = sol.steps;
      }
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("integrate_coupled(): ") + e.what());
    }
  }
  RowMatrix rho_rows(static_cast<Eigen::Index>(rho.size()), d);
  for (std::size_t i = 0; i < rho.size(); ++i) {
    rho_rows.row(static_cast<Eigen::Index>(i)) = rho[i].transpose();
  }
  py::dict out;
  out["t"] = to_numpy(std::vector<double>(grid));
  out["b"] = to_numpy(std::move(beta));
  out["rho"] = to_numpy(std::move(rho_rows));
  const nlohmann::json summary = {
      {"method", info.method},
      {"precision", high_precision ? "50 significant digits (MPFR)" : "double"},
      {"steps", info.steps},
      {"abs_tol", o.abs_tol},
      {"rel_tol", o.rel_tol},
      {"achieved_error",
       std::isfinite(info.error_estimate) ? nlohmann::json(info.error_estimate) : nullptr},
      {"eta", number50(eta50)},
      {"t0", t0},
      {"b0", b0},
      {"support_size", support.size()}};
  out["summary"] = to_python(summary);
  return out;
}

}  // namespace

void bind_flows(py::module_& m) {
  m.def("integrate_bias", &integrate_bias, py::arg("t"), py::arg("A_plus"), py::arg("A_minus"),
        py::arg("c"), py::arg("t0"), py::arg("b0"), py::arg("abs_tol"), py::arg("rel_tol"));
  m.def("integrate_coupled", &integrate_coupled, py::arg("X"), py::arg("y"), py::arg("t"),
        py::arg("w_hat"), py::arg("support"), py::arg("eta"), py::arg("rho0"), py::arg("b0"),
        py::arg("t0"), py::arg("high_precision"), py::arg("abs_tol"), py::arg("rel_tol"),
        py::arg("estimate_error"));
  m.def("integrate_flow", &integrate_flow, py::arg("X"), py::arg("y"), py::arg("t"), py::arg("eta"),
        py::arg("loss"), py::arg("reduction"), py::arg("abs_tol"), py::arg("rel_tol"),
        py::arg("estimate_error"));
}

}  // namespace lingrok::python
