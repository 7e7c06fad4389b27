// The integrate stage (`lingrok integrate`): the gradient-flow ODEs of
// docs/numerics.md#gradient-flows on a GD log's time grid, as CSV ready to overlay on the GD
// trajectory, plus a JSON summary with method, tolerances and the achieved error.
//   --which bias     the bias ODE (docs/theory.md#bias-ode) at 50 digits against its closed form
//                    (needs --theory: A_plus, A_minus, eta)
//   --which coupled  the support-vector flow (docs/theory.md#coupled-flow; needs --theory and
//                    --data)
//   --which full     the gradient flow on all training data (needs --data; --theory adds ρ)
//   --which gd-gap   GD against the full flow as η shrinks (numerics/flow/gd_flow_gap.hpp):
//                    gd_vs_flow.csv (eta,gap,steps) and gd_vs_flow.json with the fitted order
//                    (needs --data; η ladder scaled to the stable range, not --eta)
//   --which logtime  the full flow in log time to t = 1e60, at 50 digits
//                    (pipeline/stages/integrate_logtime.cpp; needs --data and --theory or --eta;
//                    --from-gd continues GD's last state)
// Times are GD steps (docs/conventions.md#time-units). The grid is the first column `t` of --grid
// (the GD engine's trajectory.csv), or a log grid from --t0 to --t-end.
#include "pipeline/stages/integrate.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/deadline.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/parse_real50.hpp"
#include "core/scalar.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/csv.hpp"
#include "numerics/flow/bias_grid.hpp"
#include "numerics/flow/bias_ode.hpp"
#include "numerics/flow/coupled_flow.hpp"
#include "numerics/flow/full_flow.hpp"
#include "numerics/flow/gd_flow_gap.hpp"
#include "pipeline/interrupt.hpp"
#include "pipeline/stages/integrate_logtime.hpp"
#include "results/run_layout.hpp"
#include "results/table.hpp"
#include "theory/late_time/support_rows.hpp"

namespace lingrok::stages {

namespace {

using json = nlohmann::json;
using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;

using IntegrateArgs = IntegrateRequest;

// The GD log whose times the flows use (--grid): a table whose first column is t, every t a
// number, every other cell a number or empty (a cell such as "abc" would read as NaN and, in
// the b or w columns, silently change the flow's start).
Table read_grid(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw InputError("--grid " + path + ": cannot open; give the GD log trajectory.csv");
  Table t = Table::read_numbers(
      path, "give --grid the trajectory.csv that `lingrok simulate` wrote, or fix that cell");
  if (t.names().empty() || t.names().front() != "t")
    throw InputError("--grid " + path + ": the first column must be named t (GD steps)");
  if (t.rows() == 0) throw InputError("--grid " + path + ": no rows");
  const auto& times = t.col("t");
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!std::isfinite(times[i]))
      throw InputError("--grid " + path + " row " + std::to_string(i + 1) + ": t is not a number");
  }
  return t;
}

std::string fmt(double x) { return to_full_string(x); }

json base_summary(const IntegrateArgs& a) {
  json j;
  j["lingrok_version"] = kVersion;
  j["git"] = kGitDescribe;
  j["which"] = a.which;
  j["inputs"] = {{"data", a.data}, {"theory", a.theory}, {"grid", a.grid}};
  j["time_units"] = "GD steps t (flow time tau = eta t)";
  return j;
}

void write_outputs(const IntegrateArgs& a, const std::string& header,
                   const std::vector<std::string>& rows, const json& summary,
                   std::ostream& report) {
  // The CSV and its JSON are one set (docs/DEVELOPING.md#output-sets); the other flows' files
  // in the directory are kept.
  const std::string csv_name = RunLayout::flow_stem(a.which) + ".csv";
  const std::string json_name = RunLayout::flow_stem(a.which) + ".json";
  OutputSet out_set(a.out,
                    [&](const std::string& file) { return file == csv_name || file == json_name; });
  write_file_atomically(out_set.path(csv_name), [&](std::ostream& os) {
    os << header << '\n';
    for (const auto& r : rows) os << r << '\n';
  });
  write_text_atomically(out_set.path(json_name), summary.dump(2) + "\n");
  out_set.commit();
  const auto csv = out_set.target() / csv_name;
  report << "lingrok integrate: " << a.which << " -> " << csv.string() << " (" << rows.size()
         << " rows)\n"
         << "  method: " << summary["method"].get<std::string>() << "\n"
         << "  achieved error: " << summary["achieved_error"].dump() << "\n";
}

std::vector<double> grid_times(const IntegrateArgs& a, const std::optional<Table>& table,
                               double t_min) {
  std::vector<double> g;
  if (table) {
    for (const double t : table->col("t"))
      if (t >= t_min && (g.empty() || t > g.back())) g.push_back(t);
    if (g.empty()) throw InputError("--grid: no time >= t0 = " + fmt(t_min));
    return g;
  }
  return log_time_grid(t_min, std::max(a.t_end, t_min), a.per_decade);
}

// Value of column `name` at the grid row whose t equals t (exactly), if present.
std::optional<double> table_value(const std::optional<Table>& table, const std::string& name,
                                  double t) {
  if (!table || !table->has(name)) return std::nullopt;
  const auto& times = table->col("t");
  const auto& values = table->col(name);
  for (std::size_t i = 0; i < times.size(); ++i)
    if (times[i] == t && std::isfinite(values[i])) return values[i];
  return std::nullopt;
}

void run_bias(const IntegrateArgs& a, const std::optional<Table>& table, std::ostream& report,
              const Deadline* deadline) {
  if (a.theory.empty())
    throw InputError("--which bias needs --theory theory.json (A_plus, A_minus, eta)");
  const TheoryRecord th = TheoryRecord::read(a.theory);
  const Real50 A_plus = th.real50("A_plus");
  const Real50 A_minus = th.real50("A_minus");
  if (a.units != "steps" && a.units != "flow")
    throw InputError("--units must be steps or flow, not " + a.units);
  const Real50 c = a.units == "steps" ? (a.eta ? Real50(*a.eta) : th.flow_eta()) : Real50(1);
  const double t0 = a.t0 ? *a.t0 : (table ? std::max(table->col("t").front(), 1.0) : 1.0);
  if (!(t0 > 0)) throw InputError("--t0 must be > 0");
  // b0: --b0, else the GD log's b at t0, else 0.
  const double b0 = a.b0 ? *a.b0 : table_value(table, "b", t0).value_or(0.0);
  BiasOdeParams<Real50> p{A_plus, A_minus, c, Real50(t0), Real50(b0)};
  if (!(A_plus > 0) || !(A_minus > 0) || !(c > 0))
    throw InputError(a.theory + ": the bias ODE needs A_plus, A_minus and eta > 0; rerun " +
                     "`lingrok theory` on data with a late-time limit");
  std::vector<double> grid = grid_times(a, table, t0);
  // Without --grid the log grid gets the transient's points (numerics/flow/bias_grid.hpp).
  if (!table) {
    const double two_ck = static_cast<double>(Real50(2 * c * bias_k(p)));
    grid = merge_time_grids(grid, bias_transient_times(t0, two_ck, grid.back(), a.per_decade));
  }
  BiasOdeOptions o;
  o.abs_tol = a.abs_tol.value_or(1e-43);
  o.rel_tol = a.rel_tol.value_or(1e-43);
  o.deadline = deadline;
  std::vector<Real50> times(grid.begin(), grid.end());
  const auto start = std::chrono::steady_clock::now();
  const auto sol = integrate_bias_ode(p, times, o);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::string> rows;
  const Real50 b_inf = bias_limit(p);
  // Where the errors are: g = 2ck log(t/t0) of each grid time, the largest error over the grid
  // and over its transient points (g in [kBiasTransientGMin, kBiasTransientGMax]).
  std::size_t worst = 0, worst_transient = 0, transient_points = 0, switch_points = 0;
  std::vector<double> g(grid.size());
  for (std::size_t i = 0; i < grid.size(); ++i) {
    g[i] = static_cast<double>(bias_g(p, times[i]));
    if (sol.error[i] > sol.error[worst]) worst = i;
    if (g[i] >= kBiasTransientGMin && g[i] <= kBiasTransientGMax) {
      if (transient_points == 0 || sol.error[i] > sol.error[worst_transient]) worst_transient = i;
      ++transient_points;
      if (g[i] >= 0.1 && g[i] <= 10) ++switch_points;
    }
    rows.push_back(fmt(grid[i]) + "," + to_full_string(sol.b[i]) + "," +
                   to_full_string(sol.b_closed_form[i]) + "," + to_full_string(sol.error[i]) + "," +
                   to_full_string(b_inf) + "," + fmt(g[i]));
  }
  json j = base_summary(a);
  j["method"] = sol.method;
  j["precision"] = "50 significant digits (MPFR)";
  j["abs_tol"] = o.abs_tol;
  j["rel_tol"] = o.rel_tol;
  j["achieved_error"] = static_cast<double>(sol.max_error);
  j["achieved_error_digits"] = to_full_string(sol.max_error);
  j["error_definition"] = "max over the grid of |b - b_closed_form| / max(1, |b_closed_form|)";
  j["achieved_error_at"] = {{"t", grid[worst]}, {"g", g[worst]}};
  json tr = {{"definition",
              "grid times with g = 2ck log(t/t0) in [g_min, g_max]: the closed form switches from "
              "b0 to b_inf around g = 1 and is within 2 exp(-g) of b_inf after "
              "(docs/theory.md#bias-ode)"},
             {"g_min", kBiasTransientGMin},
             {"g_max", kBiasTransientGMax},
             {"points", transient_points},
             {"points_with_g_in_0.1_10", switch_points}};
  if (transient_points > 0) {
    tr["max_error"] = static_cast<double>(sol.error[worst_transient]);
    tr["max_error_digits"] = to_full_string(sol.error[worst_transient]);
    tr["at_t"] = grid[worst_transient];
    tr["at_g"] = g[worst_transient];
  } else {
    tr["max_error"] = nullptr;
    tr["note"] = "no grid time in the transient; without --grid the default grid resolves it";
  }
  j["transient"] = tr;
  j["steps"] = sol.steps;
  j["seconds"] = seconds;
  j["units"] = a.units;
  j["c"] = to_full_string(c);
  j["t0"] = t0;
  j["b0"] = b0;
  j["A_plus"] = to_full_string(A_plus);
  j["A_minus"] = to_full_string(A_minus);
  j["b_inf"] = to_full_string(b_inf);
  write_outputs(a, "t,b,b_closed_form,error,b_inf,g", rows, j, report);
  report << "  largest error at t = " << fmt(grid[worst]) << " (g = " << fmt(g[worst]) << ")\n"
         << "  transient (g = 2ck log(t/t0) in [" << fmt(kBiasTransientGMin) << ", "
         << fmt(kBiasTransientGMax) << "]): " << transient_points << " grid times";
  if (transient_points > 0) {
    report << ", largest error " << to_full_string(sol.error[worst_transient])
           << " at t = " << fmt(grid[worst_transient]) << " (g = " << fmt(g[worst_transient])
           << ")\n";
  } else {
    report << "; without --grid the default grid resolves it\n";
  }
}

void run_coupled(const IntegrateArgs& a, const std::optional<Table>& table, std::ostream& report,
                 const Deadline* deadline) {
  if (a.theory.empty() || a.data.empty())
    throw InputError("--which coupled needs --theory theory.json and --data");
  const TheoryRecord th = TheoryRecord::read(a.theory);
  const Dataset train = load_data(a.data).train;
  const Vec50 w_hat = th.vector50("w_hat");
  const Vec50 w_tilde = th.vector50("w_tilde");
  if (w_hat.size() != train.X.cols())
    throw InputError(a.theory + ": w_hat has dimension " + std::to_string(w_hat.size()) +
                     " but the data have d = " + std::to_string(train.X.cols()) +
                     "; use the theory.json of this data set");
  const Eigen::Index d = train.X.cols();
  const SupportRows support =
      support_rows(train, th.indices("support_plus"), th.indices("support_minus"));
  const Eigen::Index support_size = support.y.size();
  const Real50 eta = a.eta ? Real50(*a.eta) : th.flow_eta();
  const double t0 = a.t0 ? *a.t0 : (table ? std::max(table->col("t").front(), 1.0) : 1.0);
  if (!(t0 > 0)) throw InputError("--t0 must be > 0");
  const std::vector<double> grid = grid_times(a, table, t0);
  // Start: the GD log's (w, b) at t0 when it has them (ρ0 = w - ŵ log t0), else ρ0 = w̃ and
  // b0 (default 0): the paper's frozen-ρ start, so the overlay isolates the coupling.
  Vec50 rho0 = w_tilde;
  std::string start = "rho0 = w_tilde";
  bool from_log = table.has_value();
  Eigen::VectorXd w_log(d);
  for (Eigen::Index j = 0; j < d && from_log; ++j) {
    auto v = table_value(table, "w" + std::to_string(j + 1), t0);
    if (!v) v = table_value(table, "w_" + std::to_string(j + 1), t0);
    if (v)
      w_log(j) = *v;
    else
      from_log = false;
  }
  if (from_log) {
    for (Eigen::Index j = 0; j < d; ++j) rho0(j) = Real50(w_log(j)) - w_hat(j) * log(Real50(t0));
    start = "rho0 = w(t0) - w_hat log t0 from the GD log";
  }
  const double b0 = a.b0 ? *a.b0 : table_value(table, "b", t0).value_or(0.0);
  const bool high = a.precision == "50";
  if (!a.precision.empty() && a.precision != "50" && a.precision != "double")
    throw InputError("--precision must be 50 or double, not " + a.precision);
  CoupledFlowOptions o;
  o.abs_tol = a.abs_tol.value_or(high ? 1e-30 : 1e-12);
  o.rel_tol = a.rel_tol.value_or(high ? 1e-30 : 1e-12);
  o.estimate_error = a.estimate_error;
  o.deadline = deadline;
  std::vector<Eigen::VectorXd> rho;
  std::vector<double> beta;
  std::string method;
  double err = std::numeric_limits<double>::quiet_NaN();
  std::size_t steps = 0;
  const auto begin = std::chrono::steady_clock::now();
  if (high) {
    const SupportObjective<Real50> F(support.X, support.y, w_hat, eta);
    const std::vector<Real50> times(grid.begin(), grid.end());
    const auto sol = integrate_coupled_flow(F, rho0, Real50(b0), Real50(t0), times, o);
    for (std::size_t i = 0; i < grid.size(); ++i) {
      rho.push_back(sol.w[i].unaryExpr([](const Real50& x) { return static_cast<double>(x); }));
      beta.push_back(static_cast<double>(sol.b[i]));
    }
    method = sol.method;
    err = sol.error_estimate;
    steps = sol.steps;
  } else {
    auto to_d = [](const Real50& x) { return static_cast<double>(x); };
    const SupportObjective<double> F(support.X.unaryExpr(to_d), support.y.unaryExpr(to_d),
                                     w_hat.unaryExpr(to_d), static_cast<double>(eta));
    const auto sol =
        integrate_coupled_flow(F, Eigen::VectorXd(rho0.unaryExpr(to_d)), b0, t0, grid, o);
    rho = sol.w;
    beta = sol.b;
    method = sol.method;
    err = sol.error_estimate;
    steps = sol.steps;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  // The frozen-ρ bias ODE from the same (t0, b0), when theory.json has A±.
  std::optional<BiasOdeParams<double>> frozen;
  if (th.has("A_plus"))
    frozen = BiasOdeParams<double>{static_cast<double>(th.real50("A_plus")),
                                   static_cast<double>(th.real50("A_minus")),
                                   static_cast<double>(eta), t0, b0};
  const Eigen::VectorXd wh =
      w_hat.unaryExpr([](const Real50& x) { return static_cast<double>(x); });
  const Eigen::VectorXd wt =
      w_tilde.unaryExpr([](const Real50& x) { return static_cast<double>(x); });
  std::string header = "t,b,rho_norm,rho_minus_w_tilde_norm,w_norm,D,b_frozen_rho,b_minus_b_frozen";
  if (d <= 16)
    for (Eigen::Index j = 0; j < d; ++j) header += ",rho_" + std::to_string(j + 1);
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const Eigen::VectorXd w = wh * std::log(grid[i]) + rho[i];
    const double bf =
        frozen ? bias_closed_form(*frozen, grid[i]) : std::numeric_limits<double>::quiet_NaN();
    std::string r = fmt(grid[i]) + "," + fmt(beta[i]) + "," + fmt(rho[i].norm()) + "," +
                    fmt((rho[i] - wt).norm()) + "," + fmt(w.norm()) + "," +
                    fmt(std::abs(beta[i]) / w.norm()) + "," + fmt(bf) + "," + fmt(beta[i] - bf);
    if (d <= 16)
      for (Eigen::Index j = 0; j < d; ++j) {
        r += ',';  // not "," + fmt(): GCC 12 warns falsely on it (-Wrestrict, bug 105329)
        r += fmt(rho[i](j));
      }
    rows.push_back(r);
  }
  json j = base_summary(a);
  j["method"] = method;
  j["precision"] = high ? "50 significant digits (MPFR)" : "double";
  j["abs_tol"] = o.abs_tol;
  j["rel_tol"] = o.rel_tol;
  j["achieved_error"] = std::isfinite(err) ? json(err) : json(nullptr);
  j["error_definition"] =
      "estimate: max over the grid of ||x - x_ref||_inf / max(1, ||x_ref||_inf), x = (rho, "
      "beta), x_ref at tolerances / 1000";
  j["steps"] = steps;
  j["seconds"] = seconds;
  j["eta"] = to_full_string(eta);
  j["t0"] = t0;
  j["b0"] = b0;
  j["start"] = start;
  j["support_size"] = support_size;
  write_outputs(a, header, rows, j, report);
}

void run_full(const IntegrateArgs& a, const std::optional<Table>& table, std::ostream& report,
              const Deadline* deadline) {
  if (a.data.empty()) throw InputError("--which full needs --data");
  const Dataset train = load_data(a.data).train;
  std::optional<TheoryRecord> th;
  if (!a.theory.empty()) th = TheoryRecord::read(a.theory);
  FullFlowOptions o;
  const LossChoice choice = flow_loss(a.loss, a.reduction, th ? &*th : nullptr);
  o.loss = choice.loss;
  o.reduction = choice.reduction;
  o.eta = a.eta ? *a.eta : (th ? static_cast<double>(th->real50("eta")) : 1e-2);
  o.abs_tol = a.abs_tol.value_or(1e-10);
  o.rel_tol = a.rel_tol.value_or(1e-10);
  o.estimate_error = a.estimate_error;
  o.deadline = deadline;
  const double t_min = a.t0.value_or(table ? 0.0 : 1.0);
  const std::vector<double> grid = grid_times(a, table, t_min);
  const auto begin = std::chrono::steady_clock::now();
  FlowTrajectory<double> sol;
  try {
    sol = integrate_full_flow(train, grid, o);
  } catch (const std::invalid_argument& e) {
    throw InputError(e.what());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  const Eigen::Index d = train.X.cols();
  std::optional<Eigen::VectorXd> wh, wt;
  if (th && th->has("w_hat")) {
    wh = th->vector50("w_hat").unaryExpr([](const Real50& x) { return static_cast<double>(x); });
    if (th->has("w_tilde"))
      wt =
          th->vector50("w_tilde").unaryExpr([](const Real50& x) { return static_cast<double>(x); });
  }
  std::string header = "t,b,w_norm,D";
  if (wh) header += ",rho_norm";
  if (wt) header += ",rho_minus_w_tilde_norm";
  if (d <= 16)
    for (Eigen::Index j = 0; j < d; ++j) header += ",w" + std::to_string(j + 1);
  std::vector<std::string> rows;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const Eigen::VectorXd& w = sol.w[i];
    std::string r = fmt(grid[i]) + "," + fmt(sol.b[i]) + "," + fmt(w.norm()) + "," +
                    fmt(std::abs(sol.b[i]) / w.norm());
    if (wh) {
      const Eigen::VectorXd rho = grid[i] > 0 ? Eigen::VectorXd(w - *wh * std::log(grid[i])) : w;
      r += "," + fmt(grid[i] > 0 ? rho.norm() : std::numeric_limits<double>::quiet_NaN());
      if (wt)
        r += "," + fmt(grid[i] > 0 ? (rho - *wt).norm() : std::numeric_limits<double>::quiet_NaN());
    }
    if (d <= 16)
      for (Eigen::Index j = 0; j < d; ++j) {
        r += ',';  // not "," + fmt(): GCC 12 warns falsely on it (-Wrestrict, bug 105329)
        r += fmt(w(j));
      }
    rows.push_back(r);
  }
  json j = base_summary(a);
  j["method"] = sol.method;
  j["precision"] = "double";
  j["abs_tol"] = o.abs_tol;
  j["rel_tol"] = o.rel_tol;
  j["achieved_error"] =
      std::isfinite(sol.error_estimate) ? json(sol.error_estimate) : json(nullptr);
  j["error_definition"] =
      "estimate: max over the grid of ||x - x_ref||_inf / max(1, ||x_ref||_inf), x = (w, b), "
      "x_ref at tolerances / 100";
  j["steps"] = sol.steps;
  j["seconds"] = seconds;
  j["eta"] = o.eta;
  j["loss"] = to_string(o.loss);
  j["reduction"] = to_string(o.reduction);
  write_outputs(a, header, rows, j, report);
}

// GD against the flow as η shrinks (the GD-vs-flow figure, docs/outputs.md#figures): short GD runs
// at η ∈ {1e-2, 3e-3, 1e-3, 3e-4} scaled to 0.25/β and below, each against the full flow on the
// same steps.
void run_gd_gap(const IntegrateArgs& a, std::ostream& report, const Deadline* deadline) {
  if (a.data.empty()) throw InputError("--which gd-gap needs --data");
  const Dataset train = load_data(a.data).train;
  std::optional<TheoryRecord> th;
  if (!a.theory.empty()) th = TheoryRecord::read(a.theory);
  const LossChoice choice = flow_loss(a.loss, a.reduction, th ? &*th : nullptr);
  GdFlowGapOptions o;
  o.loss = choice.loss;
  o.reduction = choice.reduction;
  if (a.abs_tol) o.flow_tol = *a.abs_tol;
  o.deadline = deadline;
  GdFlowGap gap;
  try {
    gap = measure_gd_flow_gap(train, o);
  } catch (const std::invalid_argument& e) {
    throw InputError(e.what());
  }
  json extra = base_summary(a);
  const std::string stem = RunLayout::kGdFlowGapStem;
  OutputSet out_set(a.out, [&](const std::string& file) {
    return file == stem + ".csv" || file == stem + ".json";
  });
  write_gd_flow_gap(gap, o, out_set.path(stem + ".csv"), out_set.path(stem + ".json"),
                    extra.dump());
  out_set.commit();
  const std::filesystem::path out = out_set.target();
  report << "lingrok integrate: gd-gap -> " << (out / (stem + ".csv")).string() << " ("
         << gap.points.size() << " step sizes, " << gap.seconds << " s)\n"
         << "  gap(eta) ~ eta^" << gap.order << " (first order: 1)\n";
}

}  // namespace

void run_integrate(const IntegrateRequest& a, std::ostream& report) {
  if (a.abs_tol && a.rel_tol && *a.abs_tol == 0 && *a.rel_tol == 0) {
    throw InputError(
        "--abs-tol 0 --rel-tol 0 asks for an exact solution, which a step-size "
        "controller cannot give; make one of them > 0");
  }
  std::optional<Deadline> limit;
  if (a.time_limit > 0) {
    // Built by appending: GCC 12 warns falsely on "literal" + string (-Wrestrict, bug 105329).
    std::string what = "integrate --which ";
    what += a.which;
    limit.emplace(a.time_limit, what, &stop_requested);
  }
  const Deadline* deadline = limit ? &*limit : nullptr;
  std::optional<Table> table;
  if (!a.grid.empty()) table = read_grid(a.grid);
  if (a.per_decade < 1) throw InputError("--per-decade must be >= 1");
  if (a.which == "bias") return run_bias(a, table, report, deadline);
  if (a.which == "coupled") return run_coupled(a, table, report, deadline);
  if (a.which == "full") return run_full(a, table, report, deadline);
  if (a.which == "gd-gap") return run_gd_gap(a, report, deadline);
  if (a.which == "logtime") return run_integrate_logtime(a, report, deadline);
  throw InputError("--which must be bias, coupled, full, gd-gap or logtime, not " + a.which);
}

}  // namespace lingrok::stages
