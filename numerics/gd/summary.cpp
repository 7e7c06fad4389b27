// simulate/summary.json's content (simulation.hpp; docs/checks.md#gd,
// docs/theory.md#grokking-time): the run's end state and speed, the regime (ηβ against
// Theorem 4.1's ηβ < 2, the period-2 fraction, the rounding check), the fast path's error bound,
// and grokking detection (Definition 3.4) per test set.
#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/json_number.hpp"
#include "core/strict_json.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/simulation.hpp"

namespace lingrok {

nlohmann::json simulation_summary(const SimulationSetup& setup, const SimulationResult& result,
                                  double beta, const std::string& beta_source,
                                  const RoundingCheck* rounding) {
  const GdConfig& cfg = setup.config;
  const DataBundle& data = *setup.data;
  nlohmann::json j;
  j["complete"] = result.complete;
  j["stop_reason"] = result.stop_reason;
  j["eta"] = setup.eta;
  j["steps"] = cfg.steps;
  j["steps_done"] = result.final_state.t;
  const GdState& s = result.final_state;
  std::vector<double> w(s.w.data(), s.w.data() + s.w.size());
  j["final"] = {{"t", s.t}, {"w", w}, {"b", s.b}, {"w_norm", s.w.norm()}};
  j["wall_time_s"] = result.wall_s;
  j["steps_run"] = result.steps_run;
  j["steps_per_second"] =
      result.wall_s > 0 ? static_cast<double>(result.steps_run) / result.wall_s : 0.0;
  j["logged_rows"] = result.trajectory.rows.size();

  nlohmann::json regime;
  regime["beta"] = beta;
  regime["beta_source"] = beta_source;
  regime["eta_beta"] = setup.eta * beta;
  regime["small_step_premise"] = setup.eta * beta < 2.0;  // Theorem 4.1 needs ηβ < 2
  if (cfg.loss == Loss::exponential) {
    regime["beta_note"] =
        "the exponential loss is not globally smooth; beta is the logistic constant of these data";
  }
  regime["period2_cosine"] = cfg.period2_cosine;
  regime["period2_fraction"] =
      number_or_null(period2_fraction(result.trajectory, cfg.period2_cosine));
  if (rounding != nullptr) {
    regime["rounding_check"] = {
        {"steps", rounding->steps},
        {"first_b_divergence", rounding->first_b_divergence < 0
                                   ? nlohmann::json(nullptr)
                                   : nlohmann::json(rounding->first_b_divergence)},
        {"b_tolerance_relative", 1e-6},
        {"max_rel_b_diff", rounding->max_rel_b_diff},
        {"first_reach_agree", rounding->first_reach_agree},
        {"first_reach_tolerance_relative", 0.1},
        {"first_reach", rounding->first_reach}};
  } else {
    regime["rounding_check"] = nullptr;
  }
  j["regime"] = regime;

  j["fast_path"] = {
      {"shortcuts", cfg.shortcuts},
      // Which copy of the vector kernel this CPU ran (both give the same bits).
      {"vector_isa", fast_gd_has_avx512() ? "avx512"
                     : fast_gd_has_avx2() ? "avx2"
                                          : "none"},
      {"vector_kernel_from_t", s.vector_from_t},
      {"error_bound_abs", s.error_bound},
      {"error_bound_rel", s.error_bound / std::max(1e-300, std::hypot(s.w.norm(), s.b))},
      {"error_bound_certified_nonexpansive", s.certified},
      {"active_points_at_end", result.active_points},
      {"rescreenings", result.rescreenings}};

  // Grokking detection: train against each test set (and PGD when logged).
  nlohmann::json det;
  det["epsilons"] = cfg.detection.epsilons;
  det["zeta_min"] = cfg.detection.zeta_min;
  det["definition"] =
      "first_sup = the paper's (first logged step reaching (1-eps)*sup); settle = stays at or "
      "above the level to the end; abs = level (1-eps)*1";
  const auto& tr = result.trajectory;
  const std::vector<double> t = tr.series("t");
  const std::vector<double> acc_train = tr.series("acc_train");
  nlohmann::json sets = nlohmann::json::object();
  std::vector<std::string> names;
  for (const auto& test : data.tests) names.push_back("acc_" + test.name);
  if (tr.column("acc_pgd") >= 0) names.emplace_back("acc_pgd");
  for (const auto& col : names) {
    sets[col.substr(4)] = to_json(detect_grokking(t, acc_train, tr.series(col), cfg.detection));
  }
  det["sets"] = sets;
  j["grokking"] = det;
  return j;
}

GdFinalState read_gd_final_state(const std::filesystem::path& summary_json) {
  const nlohmann::json j = read_json_file(summary_json.string());
  const auto bad = [&](const std::string& what) {
    return InputError(summary_json.string() + ": " + what +
                      "; write it with `lingrok simulate` (its summary.json)");
  };
  const auto f = j.find("final");
  if (f == j.end() || !f->is_object()) throw bad("no \"final\" object");
  const auto number = [&](const char* key) {
    const auto v = f->find(key);
    if (v == f->end() || !v->is_number())
      throw bad(std::string("\"final\" has no number \"") + key + "\"");
    return v->get<double>();
  };
  GdFinalState s;
  s.t = number("t");
  s.b = number("b");
  const auto w = f->find("w");
  if (w == f->end() || !w->is_array() || w->empty()) throw bad("\"final\" has no array \"w\"");
  s.w.resize(static_cast<Eigen::Index>(w->size()));
  for (std::size_t i = 0; i < w->size(); ++i) {
    if (!(*w)[i].is_number()) throw bad("\"final\".w holds a non-number");
    s.w(static_cast<Eigen::Index>(i)) = (*w)[i].get<double>();
  }
  return s;
}

}  // namespace lingrok
