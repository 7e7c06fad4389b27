// The writer of theory.json: one {"value", "digits"} object per quantity (theory_json.hpp,
// docs/theory.md).
#include "results/theory_json.hpp"

#include <cmath>

#include "core/version.hpp"

namespace lingrok {

namespace {

using nlohmann::json;

json quantity(const Real50& v) {
  const double d = static_cast<double>(v);
  return json{{"value", std::isfinite(d) ? json(d) : json(nullptr)}, {"digits", to_full_string(v)}};
}
json quantity(double v) {
  return json{{"value", std::isfinite(v) ? json(v) : json(nullptr)}, {"digits", to_full_string(v)}};
}
json quantity(const Vec50& v) {
  json values = json::array(), digits = json::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const double d = static_cast<double>(v(i));
    values.push_back(std::isfinite(d) ? json(d) : json(nullptr));
    digits.push_back(to_full_string(v(i)));
  }
  return json{{"value", values}, {"digits", digits}};
}
json quantity(const std::vector<double>& v) {
  json values = json::array(), digits = json::array();
  for (double d : v) {
    values.push_back(std::isfinite(d) ? json(d) : json(nullptr));
    digits.push_back(to_full_string(d));
  }
  return json{{"value", values}, {"digits", digits}};
}
// A time given by its logarithm: {"log_t": …, "t": …} (t's digits from Real50 exp).
json time_quantity(const Real50& log_t) {
  if (!(log_t == log_t)) return json{{"log_t", nullptr}, {"t", nullptr}};
  return json{{"log_t", quantity(log_t)}, {"t", quantity(Real50(exp(log_t)))}};
}
json time_quantity(double log_t) { return time_quantity(Real50(log_t)); }

json index_list(const std::vector<Eigen::Index>& v) {
  json a = json::array();
  for (auto i : v) a.push_back(static_cast<long long>(i));
  return a;
}

json svm_json(const HardMarginSvm& s) {
  // A margin known only in double (a point far above the certification band) is printed with
  // the 17 digits it has, not padded to 50.
  const json min_nonsupport = s.all_points_support
                                  ? json(nullptr)
                                  : (s.min_nonsupport_margin_exact
                                         ? quantity(s.min_nonsupport_margin)
                                         : quantity(static_cast<double>(s.min_nonsupport_margin)));
  const json gap = s.all_points_support || s.support_plus.size() + s.support_minus.size() == 0
                       ? json(nullptr)
                       : json(static_cast<double>(s.min_nonsupport_margin - s.max_support_margin));
  return json{{"w", quantity(s.w)},
              {"b", quantity(s.b)},
              {"norm_w", quantity(s.norm_w)},
              {"margin_w", quantity(s.margin_w)},
              {"norm_wb", quantity(s.norm)},
              {"margin_wb", quantity(s.margin)},
              {"support_plus", index_list(s.support_plus)},
              {"support_minus", index_list(s.support_minus)},
              {"support_count", s.support_plus.size() + s.support_minus.size()},
              {"on_margin_count", s.on_margin_count},
              {"basis_count", s.basis.size()},
              {"max_support_margin", quantity(s.max_support_margin)},
              {"min_nonsupport_margin", min_nonsupport},
              {"support_gap", gap},
              {"kkt",
               {{"basis", index_list(s.basis)},
                {"alpha", quantity(s.alpha)},
                {"primal_residual", quantity(s.kkt_primal_residual)},
                {"feasibility_min_margin_minus_1", quantity(s.kkt_feasibility)},
                {"min_alpha", quantity(s.kkt_min_alpha)},
                {"stationarity_residual", quantity(s.kkt_stationarity)}}},
              {"solver",
               {{"method", s.method},
                {"iterations", s.iterations},
                {"full_passes", s.full_passes},
                {"exact_stage_added", s.exact_added},
                {"exact_stage_affine_solves", s.exact_minor_cycles},
                {"exact_stage_candidates", s.exact_candidates},
                {"exact_stage_unresolved", s.exact_unresolved}}}};
}

}  // namespace

json to_json(const TheoryResult& r) {
  const auto& o = r.options;
  json j;
  j["lingrok_version"] = kVersion;
  j["git"] = kGitDescribe;
  json opts{{"eta", quantity(o.eta)},
            {"reduction", to_string(o.reduction)},
            {"loss", to_string(o.loss)},
            {"gamma", o.gamma ? json(*o.gamma) : json(nullptr)},
            {"alpha", o.alpha ? json(*o.alpha) : json(nullptr)},
            {"box", o.box},
            {"kappa", o.kappa},
            {"epsilons", o.epsilons},
            {"support_tol", o.support_tol},
            {"t0", o.t0},
            {"b0", o.b0},
            {"assumption_tol", o.assumption_tol},
            {"time_units", "steps"}};
  j["options"] = opts;
  j["data"] = {{"n", r.n}, {"n_plus", r.n_plus}, {"n_minus", r.n_minus}, {"d", r.d}};
  j["eta"] = quantity(o.eta);
  j["eta_effective"] = quantity(r.eta_effective);
  j["R"] = quantity(r.R);

  // docs/theory.md#max-margin-separator
  j["w_hat"] = quantity(r.svm.w);
  j["margin"] = quantity(r.svm.margin);
  j["support_plus"] = index_list(r.svm.support_plus);
  j["support_minus"] = index_list(r.svm.support_minus);
  j["b_hat"] = quantity(r.svm_eq7.b);
  j["abs_b_hat"] = quantity(Real50(abs(r.svm_eq7.b)));
  j["w_hat_eq7"] = quantity(r.svm_eq7.w);
  j["svm_bias_free"] = svm_json(r.svm);
  j["svm_eq7"] = svm_json(r.svm_eq7);
  j["assumption_3_1"] = {{"holds", r.assumption_3_1},
                         {"holds_exactly", r.assumption_3_1_exact},
                         {"tol", r.options.assumption_tol},
                         {"note", r.assumption_3_1_note}};

  // docs/theory.md#late-time-limit, #bias-constants
  if (r.late_time_available) {
    j["w_tilde"] = quantity(r.late.w_tilde);
    j["b_tilde"] = quantity(r.late.b_tilde);
    j["late_time"] = {{"alpha", quantity(r.late.alpha)},
                      {"alpha_order", "support_plus then support_minus"},
                      {"residual_w", quantity(r.late.residual_w)},
                      {"residual_b", quantity(r.late.residual_b)},
                      {"residual_w_relative", quantity(Real50(r.late.residual_w / r.svm.norm))},
                      {"residual_b_relative", quantity(Real50(r.late.residual_b / r.svm.norm))},
                      {"F_min", quantity(r.late.value)},
                      {"span_rank", r.late.rank},
                      {"flat_dimension", r.late.flat_dimension},
                      {"newton_iterations", r.late.iterations},
                      {"hessian_in_50_digits", r.late.hessian_in_T}};
    j["A_plus"] = quantity(r.bias.A_plus);
    j["A_minus"] = quantity(r.bias.A_minus);
    j["delta"] = quantity(r.bias.delta);
    j["b_inf"] = quantity(r.bias.b_inf);
    j["k"] = quantity(r.bias.k);
    j["T_c"] = quantity(r.bias.T_c);
    j["log_T_c"] = quantity(r.bias.log_T_c);
    j["b_inf_minus_b_tilde"] = quantity(r.b_inf_minus_b_tilde);
    j["norm_w_tilde"] = quantity(Real50(sqrt(r.late.w_tilde.squaredNorm())));
  } else {
    for (const char* k : {"w_tilde", "b_tilde", "A_plus", "A_minus", "delta", "b_inf", "k", "T_c"})
      j[k] = nullptr;
    j["late_time"] = {{"note", r.late_time_note}};
  }

  // docs/theory.md#smoothness
  j["beta_smoothness"] = quantity(r.smooth.beta);
  j["eta_beta"] = quantity(r.smooth.eta_beta);
  j["stable_eta"] = quantity(r.smooth.stable_eta);
  j["lambda_max"] = quantity(r.smooth.lambda_max);
  const Real50 beta_sum = r.smooth.lambda_max / 4;
  const Real50 beta_mean = beta_sum / Real50(static_cast<double>(r.n));
  j["smoothness"] = {{"beta_sum", quantity(beta_sum)},
                     {"beta_mean", quantity(beta_mean)},
                     {"eta_beta_sum", quantity(Real50(o.eta * beta_sum))},
                     {"eta_beta_mean", quantity(Real50(o.eta * beta_mean))},
                     {"globally_smooth", r.smooth.globally_smooth},
                     {"full_precision", r.smooth.full_precision},
                     {"note", r.smooth.globally_smooth
                                  ? "logistic loss: beta = lambda_max(sum x~ x~^T)/4 (/N for mean)"
                                  : "exponential loss is not globally smooth; beta is the logistic "
                                    "constant"}};

  // docs/theory.md#phases
  if (r.phases_available) {
    const auto& p = r.phases;
    j["phases"] = {{"kappa", o.kappa},
                   {"t1_found", p.t1_found},
                   {"t1", time_quantity(p.log_t1)},
                   {"t2", time_quantity(p.log_t2)},
                   {"D_t1", quantity(p.D_t1)},
                   {"D_t2", quantity(p.D_t2)},
                   {"b_t1", quantity(p.b_t1)},
                   {"b_steady_t1", quantity(p.b_ss_t1)},
                   {"phase2_present", p.phase2_present},
                   {"precision", "double"},
                   {"model_trajectory",
                    {{"log_t", quantity(r.traj_log_t)},
                     {"b", quantity(r.traj_b)},
                     {"norm_w", quantity(r.traj_norm_w)},
                     {"D", quantity(r.traj_D)},
                     {"log_r", quantity(r.traj_log_r)},
                     {"b_steady", quantity(r.traj_b_ss)}}}};
  }

  // docs/theory.md#grokking-time
  if (r.gamma_available) {
    json g{{"gamma", quantity(r.gamma)},
           {"alpha", quantity(r.alpha)},
           {"accuracy_model_max_error", quantity(r.accuracy_model_error)},
           {"exact_Q_method", r.exact_Q_method},
           {"exact_Q_error_bound", quantity(r.exact_Q_error_bound)},
           {"B_lim", r.late_time_available ? quantity(Real50(sqrt(r.late.w_tilde.squaredNorm())))
                                           : json(nullptr)}};
    json preds = json::array();
    for (const auto& p : r.predictions) {
      preds.push_back({{"epsilon", p.epsilon},
                       {"level", quantity(p.level)},
                       {"D_threshold", quantity(p.D_threshold)},
                       {"T_te_lower", time_quantity(p.te.log_lower)},
                       {"T_te_upper", time_quantity(p.te.log_upper)},
                       {"T_te_small_gamma", time_quantity(p.te.log_small_gamma)},
                       {"T_te_refined", time_quantity(p.te.log_refined)},
                       {"T_te_refined_exact_Q",
                        p.exact_Q_available ? time_quantity(p.log_refined_exact_Q) : json(nullptr)},
                       {"T_tr_lower", time_quantity(p.tr.log_lower)},
                       {"T_tr_upper", time_quantity(p.tr.log_upper)},
                       {"T_tr_small_gamma", time_quantity(p.tr.log_small_gamma)}});
    }
    g["predictions"] = preds;
    j["grokking"] = g;
  } else {
    j["grokking"] = {{"note", "gamma and alpha unknown (no data.json): pass --gamma and --alpha"}};
  }
  return j;
}

}  // namespace lingrok
