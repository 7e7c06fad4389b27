// Deciding a late-time claim on GD, else on the full gradient flow in log time
// (decided_on_flow.hpp, docs/checks.md#decided-on-the-flow).
#include "proofs_check/checks/decided_on_flow.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "proofs_check/checks/check_support.hpp"

namespace lingrok::checks {

RunArtifacts flow_view(const RunArtifacts& run, const Table& flow) {
  RunArtifacts v = run;
  v.trajectory = flow;
  // The flow has no step: ηβ = 0 (the limit η → 0 that GD approximates).
  v.gd_summary = nlohmann::json{{"eta_beta", 0.0}};
  return v;
}

namespace {

// Largest gaps between the GD log and a flow table at the t both logged.
struct Overlap {
  double b_gap = kNaN, w_norm_gap = kNaN, t_max = kNaN;
  std::size_t shared = 0;
};

Overlap overlap(const Table& gd, const Table& flow) {
  Overlap o;
  if (!gd.has("t") || !flow.has("t") || !gd.has("b") || !flow.has("b") || !gd.has("w_norm") ||
      !flow.has("w_norm"))
    return o;
  std::map<double, std::size_t> at;
  const auto& tf = flow.col("t");
  for (std::size_t k = 0; k < tf.size(); ++k) at[tf[k]] = k;
  const auto& tg = gd.col("t");
  double bg = 0, wg = 0;
  for (std::size_t k = 0; k < tg.size(); ++k) {
    const auto it = at.find(tg[k]);
    if (it == at.end() || tg[k] < 1) continue;
    bg = std::max(bg, std::fabs(gd.col("b")[k] - flow.col("b")[it->second]));
    wg = std::max(wg, std::fabs(gd.col("w_norm")[k] - flow.col("w_norm")[it->second]));
    o.t_max = tg[k];
    ++o.shared;
  }
  if (o.shared > 0) {
    o.b_gap = bg;
    o.w_norm_gap = wg;
  }
  return o;
}

double last_t(const Table& t) { return t.has("t") && t.rows() > 0 ? t.col("t").back() : kNaN; }

}  // namespace

CheckReport decided_where_it_lives(const RunArtifacts& run, const CheckOptions& options,
                                   LateTimeCheck check) {
  CheckReport gd = check(run, options);
  const bool gd_open = gd.verdict == Verdict::inconclusive ||
                       (gd.verdict == Verdict::not_applicable && no_late_time_limit(run).empty());
  std::string object = "GD";
  double reached = run.trajectory ? last_t(*run.trajectory) : kNaN;
  CheckReport r = gd;
  std::string flow_file, flow_reason;
  if (gd_open) {
    for (const auto& [table, file] :
         {std::pair{&run.flow_logtime_gd, kRunFiles.flow_csv("logtime_gd").string()},
          std::pair{&run.flow_logtime, kRunFiles.flow_csv("logtime").string()}}) {
      if (!*table) continue;
      CheckReport f = check(flow_view(run, **table), options);
      if (f.verdict == Verdict::holds || f.verdict == Verdict::fails) {
        r = f;
        object = std::string("the full gradient flow in log time (") + file + ")";
        reached = last_t(**table);
        flow_file = file;
        r.reason = "Decided on the gradient flow, which GD's log cannot reach (GD: " + gd.reason +
                   ") Flow: " + f.reason;
        break;
      }
      // Neither decides: keep GD's report and say how far the flow went, and why it did not.
      flow_file = file;
      reached = std::max(reached, last_t(**table));
      flow_reason = f.reason;
    }
    if (r.verdict == Verdict::inconclusive && !flow_file.empty())
      r.reason += " The gradient flow (" + flow_file + ") reached t = " + fmt(reached) +
                  " without settling it (flow: " + flow_reason +
                  "); a flow to larger t (`integrate --which logtime --t-end`, up to 1e60 and "
                  "beyond) may.";
  }
  r.inputs["decided_on"] = object;
  r.add("largest t reached", reached, "GD steps, on the object that decided (" + object + ")");
  if (run.trajectory && run.flow_logtime) {
    const Overlap o = overlap(*run.trajectory, *run.flow_logtime);
    r.add("GD-flow gap in b where both logged", o.b_gap,
          "max over " + std::to_string(o.shared) + " shared t up to " + fmt(o.t_max));
    r.add("GD-flow gap in ||w|| where both logged", o.w_norm_gap, "same times");
  }
  return r;
}

}  // namespace lingrok::checks
