// GD against the gradient flow as η shrinks (see gd_flow_gap.hpp).
#include "numerics/flow/gd_flow_gap.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "core/atomic_file.hpp"
#include "core/scalar.hpp"
#include "numerics/flow/full_flow.hpp"
#include "numerics/gd/gd_reference.hpp"

namespace lingrok {

void GdFlowGapOptions::validate() const {
  if (paper_etas.size() < 2)
    throw std::invalid_argument("GD-vs-flow gap: needs at least two step sizes");
  for (double e : paper_etas)
    if (!(e > 0) || !std::isfinite(e))
      throw std::invalid_argument("GD-vs-flow gap: every step size must be > 0");
  if (!(largest_eta_times_beta > 0) || !(largest_eta_times_beta < 2))
    throw std::invalid_argument("GD-vs-flow gap: largest_eta_times_beta must be in (0, 2)");
  if (!(horizon_times_inverse_beta > 0))
    throw std::invalid_argument("GD-vs-flow gap: horizon_times_inverse_beta must be > 0");
  if (!(flow_tol > 0)) throw std::invalid_argument("GD-vs-flow gap: flow_tol must be > 0");
}

double log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2)
    throw std::invalid_argument("log_log_slope: needs two equally long lists of >= 2 values");
  const double n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] > 0) || !(y[i] > 0))
      throw std::invalid_argument("log_log_slope: values must be > 0");
    mx += std::log(x[i]) / n;
    my += std::log(y[i]) / n;
  }
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (std::log(x[i]) - mx) * (std::log(y[i]) - my);
    sxx += (std::log(x[i]) - mx) * (std::log(x[i]) - mx);
  }
  return sxy / sxx;
}

namespace {

// Integer GD steps, about log-spaced from 1 to t_end, with t_end.
std::vector<double> step_grid(long long t_end) {
  std::vector<double> g;
  for (int i = 0; i <= 40; ++i) {
    const double t = std::round(std::pow(static_cast<double>(t_end), i / 40.0));
    if (g.empty() || t > g.back()) g.push_back(t);
  }
  if (g.back() < static_cast<double>(t_end)) g.push_back(static_cast<double>(t_end));
  return g;
}

}  // namespace

GdFlowGap measure_gd_flow_gap(const Dataset& train, const GdFlowGapOptions& options) {
  options.validate();
  if (train.X.rows() == 0) throw std::invalid_argument("GD-vs-flow gap: the data set is empty");
  const auto begin = std::chrono::steady_clock::now();
  const Eigen::Index d = train.X.cols();
  GdFlowGap out;
  const Eigen::MatrixXd h0 =
      loss_hessian(train, Eigen::VectorXd::Zero(d), 0.0, options.loss, options.reduction);
  out.beta = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(h0).eigenvalues().maxCoeff();
  out.tau_end = options.horizon_times_inverse_beta / out.beta;
  const double largest = *std::max_element(options.paper_etas.begin(), options.paper_etas.end());
  std::vector<double> etas, gaps;
  for (double e : options.paper_etas) {
    GdFlowGapPoint pt;
    pt.eta = e / largest * options.largest_eta_times_beta / out.beta;
    pt.steps = std::max<long long>(1, std::llround(out.tau_end / pt.eta));
    const std::vector<double> grid = step_grid(pt.steps);
    FullFlowOptions fo;
    fo.loss = options.loss;
    fo.reduction = options.reduction;
    fo.eta = pt.eta;
    fo.abs_tol = fo.rel_tol = options.flow_tol;
    fo.deadline = options.deadline;
    fo.estimate_error = false;
    const FlowTrajectory<double> flow = integrate_full_flow(train, grid, fo);
    std::size_t next = 0;
    double gap = 0;
    run_reference_gd<double>(train, pt.eta, pt.steps, options.loss, options.reduction, {}, 0.0,
                             [&](const ReferenceGdState<double>& s) {
                               if (next < grid.size() && static_cast<double>(s.t) == grid[next]) {
                                 gap = std::max(gap, (s.w - flow.w[next]).cwiseAbs().maxCoeff());
                                 gap = std::max(gap, std::abs(s.b - flow.b[next]));
                                 ++next;
                               }
                             });
    if (next != grid.size()) throw std::logic_error("GD-vs-flow gap: GD missed grid steps");
    pt.gap = gap;
    out.points.push_back(pt);
    etas.push_back(pt.eta);
    gaps.push_back(gap);
  }
  out.order = log_log_slope(etas, gaps);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  return out;
}

void write_gd_flow_gap(const GdFlowGap& gap, const GdFlowGapOptions& options,
                       const std::filesystem::path& csv, const std::filesystem::path& json,
                       const std::string& extra_json) {
  ensure_directory(csv.parent_path().empty() ? std::filesystem::path(".") : csv.parent_path());
  write_file_atomically(csv, [&](std::ostream& os) {
    os << "eta,gap,steps\n";
    for (const auto& p : gap.points)
      os << to_full_string(p.eta) << ',' << to_full_string(p.gap) << ',' << p.steps << '\n';
  });
  nlohmann::json j = nlohmann::json::parse(extra_json);
  j["order"] = gap.order;
  j["order_definition"] = "least-squares slope of log gap against log eta (1 = first order)";
  j["gap_definition"] =
      "max over a log grid of GD steps t of ||(w, b)_GD(t) - (w, b)_flow(tau = eta t)||_inf, "
      "GD = run_reference_gd<double> (no shortcut), flow = rosenbrock4 (full_flow)";
  j["beta"] = gap.beta;
  j["beta_definition"] = "lambda_max of the Hessian of L at (0, 0)";
  j["tau_end"] = gap.tau_end;
  j["largest_eta_times_beta"] = options.largest_eta_times_beta;
  j["horizon_times_inverse_beta"] = options.horizon_times_inverse_beta;
  j["paper_etas"] = options.paper_etas;
  j["flow_tol"] = options.flow_tol;
  j["loss"] = to_string(options.loss);
  j["reduction"] = to_string(options.reduction);
  j["seconds"] = gap.seconds;
  nlohmann::json pts = nlohmann::json::array();
  for (const auto& p : gap.points)
    pts.push_back({{"eta", p.eta}, {"gap", p.gap}, {"steps", p.steps}});
  j["points"] = pts;
  write_text_atomically(json, j.dump(2) + "\n");
}

}  // namespace lingrok
