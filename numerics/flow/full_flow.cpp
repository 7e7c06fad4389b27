// The full gradient flow (see full_flow.hpp): rosenbrock4 in τ, then in s = log τ.
#include "numerics/flow/full_flow.hpp"

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "numerics/flow/odeint_multiprecision.hpp"

namespace lingrok {

namespace odeint = boost::numeric::odeint;
using UVec = boost::numeric::ublas::vector<double>;
using UMat = boost::numeric::ublas::matrix<double>;

void FullFlowOptions::validate() const {
  if (!(eta > 0)) throw std::invalid_argument("full flow: eta must be > 0");
  if (!(abs_tol >= 0) || !(rel_tol >= 0) || (abs_tol == 0 && rel_tol == 0))
    throw std::invalid_argument(
        "full flow: abs_tol and rel_tol must be >= 0 and not both 0 (e.g. 1e-10)");
}

Eigen::MatrixXd loss_hessian(const Dataset& train, const Eigen::VectorXd& w, double b, Loss loss,
                             Reduction reduction) {
  const Eigen::Index d = train.X.cols();
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(d + 1, d + 1);
  Eigen::VectorXd xt(d + 1);
  for (Eigen::Index i = 0; i < train.X.rows(); ++i) {
    const double z = train.y(i) * (train.X.row(i).dot(w) + b);
    // ℓ'' = q(z)(1 - q(z)) = q(z) q(-z) for the logistic loss (no cancellation), e^{-z} for exp.
    const double curv = loss == Loss::exponential ? loss_weight(loss, z)
                                                  : loss_weight(loss, z) * loss_weight(loss, -z);
    xt.head(d) = train.X.row(i).transpose();
    xt(d) = 1.0;
    h.selfadjointView<Eigen::Lower>().rankUpdate(xt, curv);
  }
  h = h.selfadjointView<Eigen::Lower>();
  if (reduction == Reduction::mean) h /= static_cast<double>(train.X.rows());
  return h;
}

namespace {

// Phase 1: x = (w, b), dx/dτ = -∇L(x). Phase 2: x = (w, b, τ), dx/ds = (τ(-∇L), τ), which is
// autonomous. (odeint 1.74's rosenbrock4 mishandles explicitly time-dependent systems: on
// dx/ds = -e^s x with the exact ∂f/∂s it misses its tolerance by 100x and needs tol^{-1/2}
// steps; carrying τ in the state avoids the time derivative altogether.)
struct FlowSystem {
  const Dataset& data;
  const FullFlowOptions& opt;
  bool log_time;

  std::size_t d() const { return static_cast<std::size_t>(data.X.cols()); }

  // ∇L at the (w, b) part of x into g (d + 1 entries, bias last) and, when h is given, ∇²L into
  // h ((d+1)^2, row-major), in one pass over the data. The gradient repeats loss_and_gradient's
  // operations in its order (bit for bit the same ∇L) without the loss value, which the flow
  // does not need; no point is skipped. Called ~7 times per rosenbrock4 step, so it avoids
  // temporaries: the flow spends nearly all its time here.
  void gradient_and_hessian(const UVec& x, double* g, double* h) const {
    const std::size_t n = d() + 1;
    const Eigen::Index rows = data.X.rows();
    const Eigen::Index cols = data.X.cols();
    const double b = x(d());
    for (std::size_t j = 0; j < n; ++j) g[j] = 0.0;
    if (h)
      for (std::size_t j = 0; j < n * n; ++j) h[j] = 0.0;
    for (Eigen::Index i = 0; i < rows; ++i) {
      const double* xi = data.X.data() + i * cols;  // row-major
      double f = b;
      for (Eigen::Index j = 0; j < cols; ++j) f += xi[j] * x(static_cast<std::size_t>(j));
      const double yi = data.y(i);
      const double z = yi * f;
      const double q = loss_weight(opt.loss, z);
      for (Eigen::Index j = 0; j < cols; ++j) g[j] -= q * yi * xi[j];
      g[n - 1] -= q * yi;
      if (h) {
        // ℓ'' = q(z)(1 - q(z)) = q(z) q(-z) for the logistic loss (no cancellation), e^{-z} for
        // exp; x̃ = (x, 1), lower triangle.
        const double curv = opt.loss == Loss::exponential ? q : q * loss_weight(opt.loss, -z);
        for (std::size_t r = 0; r < n; ++r) {
          const double xr = r + 1 < n ? xi[r] : 1.0;
          const double cr = curv * xr;
          for (std::size_t c = 0; c <= r; ++c) h[r * n + c] += cr * (c + 1 < n ? xi[c] : 1.0);
        }
      }
    }
    if (opt.reduction == Reduction::mean) {
      const double inv_n = 1.0 / static_cast<double>(rows);
      for (std::size_t j = 0; j < n; ++j) g[j] *= inv_n;
      if (h)
        for (std::size_t j = 0; j < n * n; ++j) h[j] *= inv_n;
    }
    if (h)
      for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = r + 1; c < n; ++c) h[r * n + c] = h[c * n + r];
  }

  void operator()(const UVec& x, UVec& dxdt, double /*time*/) const {
    Deadline::check(opt.deadline);
    const std::size_t n = d() + 1;
    thread_local std::vector<double> g;
    g.resize(n);
    gradient_and_hessian(x, g.data(), nullptr);
    const double scale = log_time ? x(n) : 1.0;
    for (std::size_t j = 0; j < n; ++j) dxdt(j) = -scale * g[j];
    if (log_time) dxdt(n) = scale;
  }
};

struct FlowJacobian {
  FlowSystem sys;
  void operator()(const UVec& x, UMat& J, double /*time*/, UVec& dfdt) const {
    const std::size_t d = sys.d(), n = d + 1;
    thread_local std::vector<double> g, h;
    g.resize(n);
    h.resize(n * n);
    sys.gradient_and_hessian(x, g.data(), h.data());
    const double scale = sys.log_time ? x(n) : 1.0;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) J(i, j) = -scale * h[i * n + j];
    if (sys.log_time) {
      for (std::size_t j = 0; j < n; ++j) J(j, n) = -g[j];
      for (std::size_t j = 0; j < n; ++j) J(n, j) = 0.0;
      J(n, n) = 1.0;
    }
    for (std::size_t i = 0; i < x.size(); ++i) dfdt(i) = 0.0;
  }
};

FlowTrajectory<double> run(const Dataset& data, const std::vector<double>& t_grid,
                           const FullFlowOptions& opt, double abs_tol, double rel_tol) {
  const std::size_t d = static_cast<std::size_t>(data.X.cols());
  FlowTrajectory<double> out;
  out.t = t_grid;
  out.abs_tol = abs_tol;
  out.rel_tol = rel_tol;
  out.method =
      "rosenbrock4 (odeint, L-stable, exact Jacobian) in tau up to 1/lambda_max(Hessian(0)), "
      "then in s = log tau with tau carried in the state (autonomous); controlled steps land on "
      "every grid time";

  const Eigen::MatrixXd h0 = loss_hessian(data, Eigen::VectorXd::Zero(static_cast<Eigen::Index>(d)),
                                          0.0, opt.loss, opt.reduction);
  const double lambda0 =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(h0).eigenvalues().maxCoeff();
  const double tau_s = 1.0 / lambda0;

  UVec x(d + 1);
  for (std::size_t j = 0; j <= d; ++j) x(j) = 0.0;
  auto record = [&](const UVec& state) {
    Eigen::VectorXd w(static_cast<Eigen::Index>(d));
    for (std::size_t j = 0; j < d; ++j) w(static_cast<Eigen::Index>(j)) = state(j);
    out.w.push_back(std::move(w));
    out.b.push_back(state(d));
  };

  // Phase 1, in τ: grid points with τ <= τ_s, then τ_s itself (not recorded).
  std::vector<double> phase1{0.0};
  std::size_t i = 0;
  while (i < t_grid.size() && opt.eta * t_grid[i] <= tau_s) {
    if (opt.eta * t_grid[i] > 0.0) phase1.push_back(opt.eta * t_grid[i]);
    ++i;
  }
  const std::size_t n_phase1 = i;
  const bool grid_has_zero = !t_grid.empty() && t_grid.front() == 0.0;
  phase1.push_back(tau_s);
  {
    FlowSystem sys{data, opt, false};
    auto stepper = odeint::make_controlled(abs_tol, rel_tol, odeint::rosenbrock4<double>());
    std::size_t k = 0;
    auto observe = [&](const UVec& state, double) {
      const std::size_t idx = k++;
      if (idx == 0 && !grid_has_zero) return;  // τ = 0 only if asked for
      if (idx == phase1.size() - 1) return;    // τ_s
      if (out.b.size() < n_phase1) record(state);
    };
    out.steps += odeint::integrate_times(stepper, std::make_pair(sys, FlowJacobian{sys}), x,
                                         phase1.begin(), phase1.end(), tau_s / 100, observe);
  }
  // Phase 2, in s = log τ.
  if (n_phase1 < t_grid.size()) {
    UVec y(d + 2);
    for (std::size_t j = 0; j <= d; ++j) y(j) = x(j);
    y(d + 1) = tau_s;
    std::vector<double> phase2{std::log(tau_s)};
    for (std::size_t j = n_phase1; j < t_grid.size(); ++j)
      phase2.push_back(std::log(opt.eta * t_grid[j]));
    FlowSystem sys{data, opt, true};
    auto stepper = odeint::make_controlled(abs_tol, rel_tol, odeint::rosenbrock4<double>());
    std::size_t k = 0;
    auto observe = [&](const UVec& state, double) {
      if (k++ == 0) return;
      record(state);
    };
    out.steps += odeint::integrate_times(stepper, std::make_pair(sys, FlowJacobian{sys}), y,
                                         phase2.begin(), phase2.end(), 0.01, observe);
  }
  if (out.b.size() != t_grid.size())
    throw std::logic_error("full flow: observed " + std::to_string(out.b.size()) + " of " +
                           std::to_string(t_grid.size()) + " grid times");
  return out;
}

}  // namespace

FlowTrajectory<double> integrate_full_flow(const Dataset& train, const std::vector<double>& t_grid,
                                           const FullFlowOptions& options) {
  options.validate();
  if (train.X.rows() == 0) throw std::invalid_argument("full flow: the training set is empty");
  if (t_grid.empty()) throw std::invalid_argument("full flow: the time grid is empty");
  for (std::size_t i = 0; i < t_grid.size(); ++i) {
    if (!(t_grid[i] >= 0.0) || !std::isfinite(t_grid[i]))
      throw std::invalid_argument("full flow: grid times must be finite and >= 0");
    if (i > 0 && !(t_grid[i] > t_grid[i - 1]))
      throw std::invalid_argument("full flow: grid times must be strictly increasing");
  }
  FlowTrajectory<double> out = run(train, t_grid, options, options.abs_tol, options.rel_tol);
  if (options.estimate_error) {
    // Reference at tolerances / 100: / 1000 reaches double's rounding floor (see the header).
    const auto ref = run(train, t_grid, options, options.abs_tol / 100.0, options.rel_tol / 100.0);
    out.error_estimate = max_relative_gap(out, ref);
  }
  return out;
}

}  // namespace lingrok
