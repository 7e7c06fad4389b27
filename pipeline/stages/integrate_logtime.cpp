// `lingrok integrate --which logtime`: the full gradient flow in log time
// (numerics/flow/full_flow_logtime.hpp) from (0, 0), or with --from-gd continued from the last
// row of a GD log, to --t-end (1e60) or until the late-time conditions have held with margin
// for two decades (with --theory; see settled() below). Writes flows/flow_logtime.csv (or
// flow_logtime_gd.csv) with the GD log's columns (numerics/gd/trajectory.hpp, the PGD columns
// included) on a log grid, and a JSON summary with the method, the precision, the cost per
// decade of t, the screening bound and the achieved error (a second run at tolerances / 1000 at
// 50 digits, / 10 in double). Double is the default, and the only precision for d > 16: at 50
// digits each field evaluation costs an MPFR exp per point, so the paper's N = 2000 sets take
// hours; `--precision 50` is for checking the double flow on small sets. GD's last state comes
// from the log's w columns, or for d > 16 (no w columns) from summary.json beside the log.
#include "pipeline/stages/integrate_logtime.hpp"

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <utility>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/parse_real50.hpp"
#include "core/scalar.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/csv.hpp"
#include "data/loss/parse_loss.hpp"
#include "numerics/flow/full_flow_logtime.hpp"
#include "numerics/gd/simulation.hpp"
#include "numerics/gd/trajectory.hpp"
#include "numerics/pgd/pgd.hpp"
#include "results/reference_geometry.hpp"
#include "results/run_layout.hpp"
#include "results/table.hpp"

namespace lingrok::stages {

namespace {

using Vec50 = Eigen::Matrix<Real50, Eigen::Dynamic, 1>;
using json = nlohmann::json;

// The late-time conditions a run must meet "with margin" before it may stop early: those of
// proofs_check's CheckOptions (κ = 1e-3; ||ρ - w̃|| and |b - b̃| within 0.05 max(1, ·)) ten
// times tighter, and D(t) fallen to 0.8 of its peak since r <= κ (S4.5's Phase 3 under way).
struct Settling {
  const ReferenceGeometry* g = nullptr;
  TrajectoryContext ctx;
  double kappa = 1e-3, tol = 0.05;
  double since = std::numeric_limits<double>::quiet_NaN();  // t from which all held
  double D_peak = 0;
  bool after_t1 = false;
  bool settled(double t, const std::vector<double>& row, const std::vector<std::string>& cols) {
    auto at = [&](const std::string& name) {
      for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i] == name) return row[i];
      return std::numeric_limits<double>::quiet_NaN();
    };
    const double r = at("r"), gap = at("rho_minus_w_tilde"), D = at("D"), b = at("b");
    if (r <= kappa) after_t1 = true;
    if (after_t1) D_peak = std::max(D_peak, D);
    const bool ok = r <= kappa / 10 && gap <= tol / 10 * std::max(1.0, g->w_tilde.norm()) &&
                    std::fabs(b - g->b_tilde) <= tol / 10 * std::max(1.0, std::fabs(g->b_tilde)) &&
                    D <= 0.8 * D_peak;
    return held(t, ok);
  }
  // Without a late-time limit (Assumption 3.1 fails: no w̃, b̃, t1, t2) the late-time statement
  // left is T4.1's, ||ρ|| bounded (ρ against eq. (7)'s ŵ): stop once its growth over the last
  // decade, |ρ(t) - ρ(t/10)| / (||ŵ|| log 10), has stayed within a tenth of T4.1's tolerance
  // (CheckOptions::rho_growth_tol = 0.01) for two decades.
  double growth_tol = 0.01;
  std::vector<std::pair<double, double>> rho_log;  // (t, ||ρ||)
  bool settled_without_limit(double t, const std::vector<double>& row,
                             const std::vector<std::string>& cols) {
    double rho = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < cols.size(); ++i)
      if (cols[i] == "rho_norm") rho = row[i];
    rho_log.emplace_back(t, rho);
    bool ok = false;
    for (const auto& [t_prev, rho_prev] : rho_log) {
      if (t_prev >= t / 10) {
        // The first logged time in the last decade stands for t/10 only if it is that far back.
        ok = t_prev <= t / 9.99 &&
             std::fabs(rho - rho_prev) / (g->w_hat.norm() * std::log(10.0)) <= growth_tol / 10;
        break;
      }
    }
    return held(t, ok);
  }

 private:
  bool held(double t, bool ok) {
    if (!ok) since = std::numeric_limits<double>::quiet_NaN();
    if (ok && std::isnan(since)) since = t;
    return ok && t >= 100 * since;
  }
};

template <class T>
LogTimeFlow<T> run_flow(
    const Dataset& train, const LogTimeFlowStart<T>& start, const LogTimeFlowOptions& o,
    const std::function<bool(const T&, const Eigen::Matrix<T, -1, 1>&, const T&)>& keep_going) {
  try {
    return integrate_full_flow_logtime<T>(train, start, o, keep_going);
  } catch (const std::invalid_argument& e) {
    throw InputError(e.what());
  }
}

}  // namespace

LossChoice flow_loss(const std::string& loss, const std::string& reduction,
                     const TheoryRecord* theory) {
  const auto pick = [](const std::string& flag, const std::string& recorded, const char* fallback) {
    return !flag.empty() ? flag : !recorded.empty() ? recorded : std::string(fallback);
  };
  const auto [l, r] = parse_loss_and_reduction(
      pick(loss, theory ? theory->option_loss() : "", "logistic"),
      pick(reduction, theory ? theory->option_reduction() : "", "sum"), "");
  return {l, r};
}

void run_integrate_logtime(const IntegrateRequest& a, std::ostream& report,
                           const Deadline* deadline) {
  if (a.data.empty()) throw InputError("--which logtime needs --data");
  const DataBundle data = load_data(a.data);
  const Dataset& train = data.train;
  const int d = train.dim();
  LogTimeFlowOptions o;
  o.deadline = deadline;
  std::optional<TheoryRecord> th;
  if (!a.theory.empty()) th = TheoryRecord::read(a.theory);
  const LossChoice choice = flow_loss(a.loss, a.reduction, th ? &*th : nullptr);
  o.loss = choice.loss;
  o.reduction = choice.reduction;
  if (a.eta)
    o.eta = *a.eta;
  else if (th && th->has("eta"))
    o.eta = th->value("eta");
  else
    throw InputError("--which logtime needs --eta or --theory (theory.json with eta)");
  const bool high = a.precision == "50";
  if (!high && !a.precision.empty() && a.precision != "double")
    throw InputError("--precision must be 50 or double, not " + a.precision);
  if (high && d > 16)
    throw InputError("--which logtime --precision 50: d = " + std::to_string(d) +
                     " > 16; the flow's (d+1)^2 Jacobian at 50 digits is for small d (use "
                     "--precision double, the default)");
  o.order = high ? 20 : 10;
  // In double the field is a sum of terms of size Σα_s ~ ||ŵ||² (4e6 at γ = 1e-3) that cancels
  // to ||ŵ||: its rounding noise stalled the steps at tolerance 1e-9 on the paper's d = 2 data,
  // and 1e-8 was the smallest that ran through (bench/flow_logtime_bench).
  o.abs_tol = a.abs_tol.value_or(high ? 1e-24 : 1e-7);
  o.rel_tol = a.rel_tol.value_or(o.abs_tol);
  o.t_end = a.t_end_set ? a.t_end : 1e60;
  // Each output time ends a step, and for d > 16 a step's ~10 factorizations of (d+1)² dominate:
  // there 2 output times per decade (T4.1 reads whole decades), elsewhere 10.
  o.per_decade = a.per_decade_set ? a.per_decade : d > 16 ? 2 : 10;

  // ŵ and the geometry: the drift of the integrator's state, and the theory columns.
  // Where Assumption 3.1 fails the drift is eq. (7)'s separator of the augmented points,
  // (ŵ, b̂) (the one GD's (w, b) follows, Soudry et al. 2018), not the bias-free ŵ.
  std::optional<ReferenceGeometry> geometry;
  Vec50 w_hat50;
  Real50 b_hat50(0);
  if (th) {
    double beta = 0;
    geometry = reference_geometry(*th, d, train.size(), &beta);
    const bool limit = th->assumption_3_1_holds();
    const std::string key = limit ? "w_hat" : "svm_eq7/w";
    w_hat50 = th->has_digits(key) ? th->vector50(key) : geometry->w_hat.cast<Real50>();
    if (!limit)
      b_hat50 =
          th->has_digits("svm_eq7/b") ? th->real50("svm_eq7/b") : Real50(th->value("svm_eq7/b"));
    if (w_hat50.size() != d) {
      throw InputError(a.theory + ": w_hat has " + std::to_string(w_hat50.size()) +
                       " entries for d = " + std::to_string(d) +
                       "; was theory.json written for these data?");
    }
  }
  TrajectoryContext ctx;
  ctx.data = &data;
  ctx.geometry = geometry ? &*geometry : nullptr;
  ctx.loss = o.loss;
  ctx.reduction = o.reduction;
  if (const Dataset* standard = data.find_test("test_standard")) {
    ctx.adversarial = adversarial_accuracies(*standard);
  }

  // Start: the origin, or GD's last state: the last row of its log (w1..wd and b, 17 digits),
  // or, where the log has no w columns (d > 16), "final" of summary.json beside it.
  LogTimeFlowStart<Real50> start;
  std::string start_text = "(w, b) = (0, 0) at t = 0";
  if (!a.from_gd.empty()) {
    const Table gd = Table::read(a.from_gd);
    if (gd.rows() == 0) throw InputError("--from-gd " + a.from_gd + ": no rows");
    auto col = [&](const std::string& name) {
      if (!gd.has(name)) throw InputError("--from-gd " + a.from_gd + ": no column " + name);
      return gd.col(name).back();
    };
    const double t_last = col("t");
    start.t = Real50(t_last);
    start.w.resize(d);
    std::string source = a.from_gd;
    if (gd.has("w1")) {
      start.b = Real50(col("b"));
      for (int j = 0; j < d; ++j) {
        // Appended, not "w" + to_string(): GCC 12's -Wrestrict false positive (GCC bug 105329).
        std::string name = "w";
        name += std::to_string(j + 1);
        start.w(j) = Real50(col(name));
      }
    } else {
      const std::filesystem::path summary =
          std::filesystem::path(a.from_gd).parent_path() / RunLayout::kGdSummaryFile;
      if (!std::filesystem::exists(summary))
        throw InputError("--from-gd " + a.from_gd + ": the log has no w1..w" + std::to_string(d) +
                         " columns and there is no " + summary.string() +
                         " beside it; pass the simulate directory's trajectory.csv");
      const GdFinalState last = read_gd_final_state(summary);
      if (last.w.size() != d || last.t != t_last)
        throw InputError(summary.string() + ": its final state (t = " + to_full_string(last.t) +
                         ", d = " + std::to_string(last.w.size()) + ") is not the last row of " +
                         a.from_gd + " (t = " + to_full_string(t_last) +
                         ", d = " + std::to_string(d) + "); run simulate again");
      start.b = Real50(last.b);
      for (int j = 0; j < d; ++j) start.w(j) = Real50(last.w(j));
      source = summary.string();
    }
    start_text = "GD's state at t = " + to_full_string(t_last) + " (" + source + ")";
  }
  if (w_hat50.size() == d) {
    start.drift = w_hat50;
    start.drift_b = b_hat50;
  }

  Settling settle;
  const std::vector<std::string> columns = trajectory_columns(ctx);
  Trajectory out;
  out.columns = columns;
  const bool limit = geometry && geometry->w_tilde.size() == d;
  const bool can_settle = geometry && a.stop_when_settled;
  settle.g = geometry ? &*geometry : nullptr;
  auto keep_going_d = [&](double t, const Eigen::VectorXd& w, double b) {
    out.rows.push_back(measure_row(ctx, t, w, b, std::numeric_limits<double>::quiet_NaN()));
    if (!can_settle) return true;
    return !(limit ? settle.settled(t, out.rows.back(), columns)
                   : settle.settled_without_limit(t, out.rows.back(), columns));
  };
  std::function<bool(const Real50&, const Vec50&, const Real50&)> keep50 =
      [&](const Real50& t, const Vec50& w, const Real50& b) {
        return keep_going_d(static_cast<double>(t), w.cast<double>(), static_cast<double>(b));
      };
  std::function<bool(const double&, const Eigen::VectorXd&, const double&)> keepd =
      [&](const double& t, const Eigen::VectorXd& w, const double& b) {
        return keep_going_d(t, w, b);
      };

  json j;
  j["lingrok_version"] = kVersion;
  j["git"] = kGitDescribe;
  j["which"] = "logtime";
  j["inputs"] = {{"data", a.data}, {"theory", a.theory}, {"from_gd", a.from_gd}};
  j["time_units"] = "GD steps t (flow time tau = eta t)";
  j["start"] = start_text;
  double error = std::numeric_limits<double>::quiet_NaN();
  auto fill = [&](const auto& flow) {
    const double decades =
        std::log10(std::max(flow.t_reached, 1.0)) - std::log10(std::max(flow.t_start, 1.0));
    j["method"] = flow.trajectory.method;
    j["t_start"] = flow.t_start;
    j["t_reached"] = flow.t_reached;
    j["t_scale"] = flow.t_scale;
    j["stopped_early"] = flow.stopped_early;
    j["stop_rule"] =
        !can_settle ? "t_end"
        : limit     ? "stop when r <= kappa/10, ||rho - w_tilde|| and |b - b_tilde| within 0.005 "
                      "max(1, .), and D <= 0.8 of its peak after r <= kappa, have held for two "
                      "decades of t; else at t_end"
                : "no late-time limit (Assumption 3.1 fails): stop when the growth of ||rho|| over "
                  "the last decade, |rho(t) - rho(t/10)| / (||w_hat|| log 10), has stayed within "
                  "1e-3 for two decades of t; else at t_end";
    j["steps"] = flow.steps;
    j["rejected_steps"] = flow.rejected;
    j["evaluations"] = flow.evaluations;
    j["points_evaluated"] = flow.points_evaluated;
    j["seconds"] = flow.seconds;
    j["seconds_per_decade"] = decades > 0 ? flow.seconds / decades : 0.0;
    j["screening_bound"] = flow.screening_bound;
    j["screening_bound_definition"] =
        "bound on ||(w, b)_screened - (w, b)_all||_2 from the skipped weights "
        "(numerics/flow/full_flow_logtime.hpp)";
  };
  if (high) {
    o.order = 20;
    const auto flow = run_flow<Real50>(train, start, o, keep50);
    fill(flow);
    if (a.estimate_error) {
      LogTimeFlowOptions ref = o;
      ref.abs_tol /= 1000;
      ref.rel_tol /= 1000;
      ref.t_end = flow.t_reached;
      const auto r = run_flow<Real50>(train, start, ref, {});
      error = max_relative_gap(flow.trajectory, r.trajectory);
    }
  } else {
    LogTimeFlowStart<double> sd;
    sd.t = static_cast<double>(start.t);
    sd.w = start.w.cast<double>();
    sd.b = static_cast<double>(start.b);
    if (start.drift.size() == d) {
      // With the drift the weights never form z from w (full_flow_logtime.cpp); m_i - 1 at 50
      // digits, then rounded.
      sd.drift = start.drift.cast<double>();
      sd.drift_b = static_cast<double>(start.drift_b);
      sd.margin_excess.resize(train.size());
      for (Eigen::Index i = 0; i < train.X.rows(); ++i) {
        Real50 m = start.drift_b;
        for (int j = 0; j < d; ++j) m += start.drift(j) * Real50(train.X(i, j));
        sd.margin_excess(i) = static_cast<double>(Real50(m * Real50(train.y(i)) - Real50(1)));
      }
    }
    // No screening in double: a point costs one double exp per evaluation, so skipping saves
    // little, and the bound of a skip is only as tight as the step is short (the early steps
    // made it useless); without it the field is exact up to rounding.
    o.screening = false;
    const auto flow = run_flow<double>(train, sd, o, keepd);
    fill(flow);
    if (a.estimate_error) {
      LogTimeFlowOptions ref = o;
      ref.abs_tol /= 10;  // / 100 would reach the rounding floor (see the tolerance above)
      ref.rel_tol /= 10;
      ref.t_end = flow.t_reached;
      const auto r = run_flow<double>(train, sd, ref, {});
      error = max_relative_gap(flow.trajectory, r.trajectory);
    }
  }
  j["precision"] = high ? "50 significant digits (MPFR)" : "double";
  j["abs_tol"] = o.abs_tol;
  j["rel_tol"] = o.rel_tol;
  j["order"] = o.order;
  j["achieved_error"] = std::isfinite(error) ? json(error) : json(nullptr);
  j["error_definition"] = std::string(
                              "estimate: max over the grid of ||x - x_ref||_inf / max(1, "
                              "||x_ref||_inf), x = (w, b), x_ref at tolerances / ") +
                          (high ? "1000" : "10");
  j["loss"] = to_string(o.loss);
  j["reduction"] = to_string(o.reduction);
  j["eta"] = o.eta;
  // The CSV and its JSON are one set (docs/DEVELOPING.md#output-sets); the other flows' files
  // in the directory are kept.
  const std::string stem = RunLayout::flow_stem(a.from_gd.empty() ? "logtime" : "logtime_gd");
  OutputSet out_set(a.out, [&](const std::string& file) {
    return file == stem + ".csv" || file == stem + ".json";
  });
  write_trajectory_csv(out_set.path(stem + ".csv"), out);
  write_text_atomically(out_set.path(stem + ".json"), j.dump(2) + "\n");
  out_set.commit();
  const std::filesystem::path dir = out_set.target();
  report << "lingrok integrate: logtime -> " << (dir / (stem + ".csv")).string() << " ("
         << out.rows.size() << " rows, t = " << j["t_start"].get<double>() << " to "
         << j["t_reached"].get<double>() << ", " << j["seconds"].get<double>() << " s)\n"
         << "  method: " << j["method"].get<std::string>() << "\n"
         << "  achieved error: " << j["achieved_error"].dump()
         << ", screening bound: " << j["screening_bound"].dump() << "\n";
}

}  // namespace lingrok::stages
