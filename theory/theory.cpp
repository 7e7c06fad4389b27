// compute_theory (theory.hpp): every quantity of docs/theory.md from the training data and η, stage
// by stage: R and the two max-margin separators (svm/, on two threads), the late-time limit
// (w̃, b̃) and the bias constants A±, δ, b∞ = -log δ (Theorem 4.5), the smoothness β, the phase
// boundaries t1, t2 on the model trajectory (docs/theory.md#phases), and the accuracy model with
// the T_te, T_tr predictions (docs/theory.md#grokking-time, Remark 4.7). theory.json's writer is
// results/theory_json.cpp; the text for people is theory_summary.cpp.
#include "theory/theory.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#include <mpfr.h>

#include "core/error.hpp"
#include "theory/grokking/accuracy_model.hpp"
#include "theory/late_time/support_rows.hpp"

namespace lingrok {

void TheoryOptions::validate() const {
  if (!(eta > 0)) throw InputError("eta must be > 0 (the GD step size), e.g. --eta 0.01");
  if (gamma && !(*gamma > 0)) throw InputError("gamma must be > 0, e.g. --gamma 1e-3");
  if (alpha && !(*alpha > 0.5))
    throw InputError(
        "alpha must be > 1/2 (the concentrated band is γ/2 < |p| <= αγ), e.g. --alpha 10");
  if (!(box > 0)) throw InputError("the box half-width a must be > 0 (the paper uses 5)");
  if (!(kappa > 0 && kappa < 1)) throw InputError("kappa must lie in (0, 1), default 1e-3");
  for (double e : epsilons)
    if (!(e > 0 && e < 1))
      throw InputError("epsilon " + to_full_string(e) +
                       " is outside (0, 1); use values such as 0.01");
  if (!(support_tol >= 0 && support_tol < 1))
    throw InputError("the support tolerance must lie in [0, 1), default 1e-9");
  if (!(t0 > 0)) throw InputError("t0 must be > 0 (the model trajectory starts at t0 >= 1)");
  if (!std::isfinite(b0)) throw InputError("b0 must be finite");
}

namespace {

// The decimal a double was written as (shortest round-trip text), e.g. 1e-3 -> exactly 0.001 in
// Real50 rather than the binary neighbour 0.001000000000000000020816...: γ, α and ε are
// decimal parameters.
Real50 decimal(double x) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return Real50(std::string(buf, res.ptr));
}

Eigen::VectorXd to_vecd(const Vec50& v) {
  return v.unaryExpr([](const Real50& x) { return static_cast<double>(x); });
}

}  // namespace

TheoryResult compute_theory(const Dataset& train, const TheoryOptions& options) {
  options.validate();
  TheoryResult out;
  out.options = options;
  out.n = train.size();
  out.n_plus = train.count_plus();
  out.n_minus = train.count_minus();
  out.d = train.dim();
  if (out.n_plus == 0 || out.n_minus == 0)
    throw InputError("the training set needs points of both classes (y = +1 and y = -1)");
  out.eta_effective = options.reduction == Reduction::mean
                          ? Real50(options.eta / Real50(static_cast<double>(out.n)))
                          : options.eta;
  using clock = std::chrono::steady_clock;
  auto stage = clock::now();
  auto record = [&](const char* name, double seconds) {
    out.seconds.emplace_back(name, seconds);
    if (options.on_stage_done) options.on_stage_done(name, seconds);
  };
  auto lap = [&](const char* name) {
    const auto now = clock::now();
    record(name, std::chrono::duration<double>(now - stage).count());
    stage = now;
  };
  {
    // R = max ||x_i||: squared norms in double (one vectorised pass), then 50 digits only for
    // the rows that can be the maximum. fl(Σ x_j²) is within γ_d Σ x_j² of the exact value for
    // any summation order, so a row whose double value is below max·(1 - 2γ_d)/(1 + γ_d) is
    // below the row attaining the double maximum; the cut max·(1 - 4(d + 1)u) keeps all others.
    const Eigen::VectorXd sq = train.X.rowwise().squaredNorm();
    const double top = sq.maxCoeff();
    const double cut = top * (1.0 - 4.0 * (out.d + 1) * std::numeric_limits<double>::epsilon());
    Real50 r2 = 0;
    for (Eigen::Index i = 0; i < out.n; ++i) {
      if (!(sq(i) >= cut)) continue;
      Real50 s = 0;
      for (int j = 0; j < out.d; ++j) s += Real50(train.X(i, j)) * Real50(train.X(i, j));
      if (s > r2) r2 = s;
    }
    out.R = sqrt(r2);
  }
  lap("R");

  // Max-margin separators (docs/theory.md#max-margin-separator). The two max-margin problems are
  // independent and each solve is sequential, so the bias-free one runs on a second thread while
  // eq. (7) runs on this one: at N = 10^6 each takes half a minute, and side by side they end
  // little after the slower of the two (theory_bench). The results do not depend on it. Of two
  // errors, eq. (7)'s is reported, so that inseparable data get the more informative message.
  SvmOptions so;
  so.support_tol = options.support_tol;
  std::exception_ptr bias_free_error;
  double bias_free_seconds = 0;
  std::thread bias_free([&] {
    const auto start = clock::now();
    try {
      out.svm = solve_hard_margin_svm(train, SvmVariant::bias_free, so);
    } catch (...) {
      bias_free_error = std::current_exception();
    }
    bias_free_seconds = std::chrono::duration<double>(clock::now() - start).count();
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);  // this thread's MPFR caches die with it
  });
  try {
    out.svm_eq7 = solve_hard_margin_svm(train, SvmVariant::with_bias, so);
    lap("svm_eq7");
    // Smoothness (docs/theory.md#smoothness): it needs only the data, so it runs here while the
    // bias-free solve (the slower one at N = 10^6) may still run, instead of leaving this core
    // idle.
    out.smooth = smoothness<Real50>(train, options.reduction, options.loss, options.eta);
    lap("smoothness");
  } catch (...) {
    bias_free.join();
    throw;
  }
  bias_free.join();
  record("svm_bias_free", bias_free_seconds);  // its own wall time, which overlapped eq. (7)'s
  stage = clock::now();
  if (bias_free_error) {
    try {
      std::rethrow_exception(bias_free_error);
    } catch (const InputError&) {
      throw InputError(
          "no hyperplane through the origin separates the training data (it is separable only "
          "with a bias, b̂ = " +
          to_full_string(static_cast<double>(out.svm_eq7.b)) +
          "), so Assumption 3.1 fails and the late-time theory does not apply; centre the data "
          "or use data separable through the origin");
    }
  }
  // Assumption 3.1 at the support tolerance: normalised margins are 1 on S, so dropping b̂
  // moves every margin of eq. (7)'s separator by at most |b̂|; within the tolerance that defines
  // S, GD at finite times cannot tell b̂ from 0. Data that are separable through the origin only
  // up to rounding (anyone's data) have |b̂| of order 1e-13 there; the exact value is reported
  // beside the decision.
  const Real50 abs_b = abs(out.svm_eq7.b);
  out.assumption_3_1 = abs_b <= Real50(options.assumption_tol);
  out.assumption_3_1_exact = abs_b <= Real50("1e-30") * out.svm_eq7.norm;
  const std::string b_text = to_full_string(static_cast<double>(out.svm_eq7.b));
  out.assumption_3_1_note =
      out.assumption_3_1_exact
          ? "max-margin bias of eq. (7) is 0"
          : (out.assumption_3_1
                 ? "max-margin bias of eq. (7) is b̂ = " + b_text +
                       ", 0 within the support tolerance (not exactly: the data are separable "
                       "through the origin only up to rounding)"
                 : "Assumption 3.1 fails: the eq. (7) max-margin bias is b̂ = " + b_text + " != 0");

  // Late-time limit and bias constants (docs/theory.md#late-time-limit, #bias-constants).
  const auto& S_plus = out.svm.support_plus;
  const auto& S_minus = out.svm.support_minus;
  SupportRows support;
  // Only the late-time limit needs the support rows at 50 digits.
  if (out.assumption_3_1) support = support_rows(train, S_plus, S_minus);
  if (!out.assumption_3_1) {
    out.late_time_note = "not computed: " + out.assumption_3_1_note +
                         ", so F has no finite minimiser (the bias grows like log t)";
  } else if (S_plus.empty() || S_minus.empty()) {
    out.late_time_note = "not computed: the support set has only one class";
  } else {
    SupportObjective<Real50> F(support.X, support.y, out.svm.w, out.eta_effective);
    out.late = late_time_limit(F);
    if (!out.late.converged) {
      out.late_time_note = "not computed: " + out.late.message;
    } else {
      out.late_time_available = true;
      out.bias = bias_constants(support.X, support.y, out.svm.w, out.late.w_tilde);
      out.b_inf_minus_b_tilde = out.bias.b_inf - out.late.b_tilde;
    }
  }

  lap("late_time");

  // Phases on the model trajectory (docs/theory.md#phases).
  if (out.late_time_available) {
    PhaseModel pm;
    const Eigen::VectorXd wh = to_vecd(out.svm.w), wt = to_vecd(out.late.w_tilde);
    pm.m = out.svm.margins;
    pm.c = train.y.cwiseProduct(train.X * wt);
    pm.y = train.y;
    pm.in_support.assign(static_cast<std::size_t>(out.n), 0);
    for (auto i : S_plus) pm.in_support[static_cast<std::size_t>(i)] = 1;
    for (auto i : S_minus) pm.in_support[static_cast<std::size_t>(i)] = 1;
    pm.ww = static_cast<double>(out.svm.w.squaredNorm());
    pm.wwt = static_cast<double>(out.svm.w.dot(out.late.w_tilde));
    pm.wtwt = static_cast<double>(out.late.w_tilde.squaredNorm());
    pm.bias = BiasOdeParams<double>{static_cast<double>(out.bias.A_plus),
                                    static_cast<double>(out.bias.A_minus),
                                    static_cast<double>(out.eta_effective), options.t0, options.b0};
    pm.loss = options.loss;
    PhaseOptions po;
    po.kappa = options.kappa;
    out.phases = phase_boundaries(pm, po);
    out.phases_available = true;
    const double L0 = std::log(options.t0);
    const double Lend = std::max(L0 + 10.0, 3.0 * std::max(out.phases.log_t2, out.phases.log_t1));
    const int points = 121;
    for (int k = 0; k < points; ++k) {
      const double L = L0 + (Lend - L0) * k / (points - 1);
      out.traj_log_t.push_back(L);
      out.traj_b.push_back(pm.bias_at(L));
      out.traj_norm_w.push_back(pm.norm_w_at(L));
      out.traj_D.push_back(pm.distance_at(L));
      out.traj_log_r.push_back(pm.log_share_at(L));
      out.traj_b_ss.push_back(pm.steady_bias_at(L));
    }
  }

  lap("phases");

  // Grokking-time predictions (docs/theory.md#grokking-time-predictions; γ, α needed).
  if (options.gamma && options.alpha) {
    out.gamma_available = true;
    out.gamma = *options.gamma;
    out.alpha = *options.alpha;
    ConcentratedAccuracy qa(out.d, options.box, out.gamma, out.alpha);
    out.accuracy_model_error = qa.max_model_error();
    out.exact_Q_method = qa.method();
    out.exact_Q_error_bound = qa.error_bound();
    if (out.late_time_available) {
      const Real50 g = decimal(out.gamma), a = decimal(out.alpha);
      const Real50 abs_log_delta = abs(out.bias.b_inf);
      const Real50 B = sqrt(out.late.w_tilde.squaredNorm());
      const Real50 ww = out.svm.w.squaredNorm(), wwt = out.svm.w.dot(out.late.w_tilde),
                   wtwt = out.late.w_tilde.squaredNorm();
      for (double e : options.epsilons) {
        EpsilonPrediction p;
        p.epsilon = e;
        const Real50 e50 = decimal(e);
        p.level = grokking_level(e50, a);
        p.D_threshold = g / 2 * p.level;
        p.te = predict_time(e50, a, g, abs_log_delta, B, ww, wwt, wtwt);
        p.tr = predict_time(e50, Real50(out.R / g), g, abs_log_delta, B, ww, wwt, wtwt);
        // Refined prediction with the exact Q: D(T) = D_ε where Q_exact(D_ε) = 1 - ε.
        if (e < 0.5) {
          const double De = qa.distance_for_accuracy(1.0 - e);
          const double radius = static_cast<double>(abs_log_delta) / De;
          const double wwd = static_cast<double>(ww), wwtd = static_cast<double>(wwt);
          const double disc = wwtd * wwtd - wwd * (static_cast<double>(wtwt) - radius * radius);
          if (disc >= 0) {
            p.exact_Q_available = true;
            p.log_refined_exact_Q = (-wwtd + std::sqrt(disc)) / wwd;
          }
        }
        out.predictions.push_back(p);
      }
    }
  }
  lap("grokking");
  return out;
}

}  // namespace lingrok
