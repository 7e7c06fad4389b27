// The full gradient flow in log time (see full_flow_logtime.hpp).
#include "numerics/flow/full_flow_logtime.hpp"

#include <algorithm>
#include <boost/math/special_functions/log1p.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/scalar.hpp"
#include "numerics/flow/full_flow.hpp"
#include "numerics/flow/linearly_implicit_extrapolation.hpp"

namespace lingrok {

void LogTimeFlowOptions::validate() const {
  if (!(eta > 0) || !std::isfinite(eta))
    throw std::invalid_argument("log-time flow: eta must be finite and > 0");
  if (!(t_end > 0) || !std::isfinite(t_end))
    throw std::invalid_argument("log-time flow: t_end must be finite and > 0 (e.g. 1e60)");
  if (per_decade < 1) throw std::invalid_argument("log-time flow: per_decade must be >= 1");
  if (!(abs_tol >= 0) || !(rel_tol >= 0) || (abs_tol == 0 && rel_tol == 0))
    throw std::invalid_argument(
        "log-time flow: abs_tol and rel_tol must be >= 0 and not both 0 (e.g. 1e-36)");
  if (order < 2 || order > 20)
    throw std::invalid_argument("log-time flow: order must be in 2..20 (e.g. 12)");
  if (!(screen_exponent >= 40))
    throw std::invalid_argument(
        "log-time flow: screen_exponent must be >= 40 (e^-40 = 4e-18; default 130)");
  if (max_steps == 0) throw std::invalid_argument("log-time flow: max_steps must be > 0");
}

namespace {

template <class T>
using Vec = Eigen::Matrix<T, Eigen::Dynamic, 1>;
template <class T>
using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

// The field and its Jacobian in σ, with screening (see the header).
template <class T>
struct LogTimeSystem {
  const Dataset& data;
  const LogTimeFlowOptions& opt;
  T t_s;
  Vec<T> drift;           // ŵ or empty; the state is (ρ, b - b̂ σ), w = ρ + ŵ σ
  T drift_b = T(0);       // b̂ (with a drift)
  Vec<T> excess;          // with a drift: m_i - 1 = y_i (ŵ·x_i + b̂) - 1
  T log_eta_ts;           // log(η t_s) (- log N for mean)
  Eigen::VectorXd w_hat;  // for the screening bound (empty: none)
  double min_margin = 0;  // min_i y_i ŵ·x_i
  double r_tilde = 0;     // max ||x̃_i||
  std::vector<double> xt_norm;
  // Per macro-step bookkeeping for the screening bound.
  double step_min_exponent = std::numeric_limits<double>::infinity();
  std::size_t step_max_skipped = 0;
  double step_max_distance = 0;    // in (ρ, b) = (w - ŵ log u, b)
  double step_max_distance_w = 0;  // in (w, b)
  Vec<double> step_start, step_start_w;
  std::size_t points_evaluated = 0;
  Mat<double> gemm_rows;  // double only: √c_i x̃_i of the kept points (the Jacobian's factor)

  LogTimeSystem(const Dataset& d, const LogTimeFlowOptions& o, T ts) : data(d), opt(o), t_s(ts) {}

  // Called before the step's first evaluation; the distance Δ is measured in (w, b).
  void begin_step() {
    step_min_exponent = std::numeric_limits<double>::infinity();
    step_max_skipped = 0;
    step_max_distance = 0;
    step_max_distance_w = 0;
    step_start.resize(0);
    step_start_w.resize(0);
  }

  // f into out; J (if non-null) the Jacobian.
  void eval(const T& sigma, const Vec<T>& y, Vec<T>& out, Mat<T>* J) {
    using std::exp;
    using std::log;
    const Eigen::Index d = data.X.cols();
    const Eigen::Index n = d + 1;
    const T u = t_s * exp(sigma);
    T scale = u * T(opt.eta);
    if (opt.reduction == Reduction::mean) scale /= T(static_cast<double>(data.X.rows()));
    const double log_scale = static_cast<double>(log(scale));
    const bool drifting = drift.size() == d;
    Vec<T> w = y.head(d);
    if (drifting) w += drift * sigma;
    Vec<double> yd = y.unaryExpr([](const T& v) { return static_cast<double>(v); });
    yd.head(d) = w.unaryExpr([](const T& v) { return static_cast<double>(v); });
    if (drifting) yd(d) = static_cast<double>(T(y(d) + drift_b * sigma));  // b
    // The bound's distance: in (ρ, b) = (w - ŵ log u, b) when ŵ is known (see the header).
    Vec<double> yb = yd;
    if (w_hat.size() == d) yb.head(d) -= w_hat * static_cast<double>(sigma);
    if (step_start.size() == n) {
      step_max_distance = std::max(step_max_distance, (yb - step_start).norm());
      step_max_distance_w = std::max(step_max_distance_w, (yd - step_start_w).norm());
    } else {
      step_start = yb;
      step_start_w = yd;
    }
    out.setZero(n);
    if (J) J->setZero(n, n);
    std::size_t skipped = 0;
    Vec<T> xt(n);
    // In double, the kept rows √c_i x̃_i of the Jacobian's rank-k update (see the header).
    constexpr bool kGemm = std::is_same_v<T, double>;
    if (kGemm && J) gemm_rows.resize(data.X.rows(), n);
    Eigen::Index kept = 0;
    for (Eigen::Index i = 0; i < data.X.rows(); ++i) {
      const double* xi = data.X.data() + i * d;  // row-major
      const double yi = data.y(i);
      if (opt.screening) {
        double f = yd(d);
        for (Eigen::Index j = 0; j < d; ++j) f += xi[j] * yd(j);
        const double exponent = yi * f - log_scale;
        if (exponent > opt.screen_exponent) {
          ++skipped;
          step_min_exponent = std::min(step_min_exponent, exponent);
          continue;
        }
      }
      ++points_evaluated;
      T weight, curv;
      if (drifting) {
        // z_i = g_i + m_i σ with g_i = y_i(ρ·x_i + b - b̂ σ), from the state's own components:
        // the large m_i σ is never formed from w, and u η e^{-z_i} = e^{log(η t_s) - g_i -
        // (m_i - 1) σ} cancels σ exactly (m_i - 1 = 0 on the margin), so late weights keep their
        // relative precision however large t is. In double this is what makes γ = 1e-3 data
        // integrable: forming z from w = ŵ σ + ρ loses ||w|| ||x|| 2^-53 ≈ 1e-10 in z, and the
        // field, a sum of terms of size Σα_s = ||ŵ||² that cancels to ||ŵ||, loses 1e-3
        // absolute.
        T g = y(d);
        for (Eigen::Index j = 0; j < d; ++j) g += y(j) * xi[j];
        g *= yi;
        const T z = g + (T(1) + excess(i)) * sigma;
        const T e = exp(T(log_eta_ts - g - excess(i) * sigma));  // u η e^{-z}
        if (opt.loss == Loss::exponential) {
          weight = e;
          curv = e;
        } else if (z >= T(0)) {
          const T ez = exp(-z);
          weight = e / (T(1) + ez);     // u η q(z)
          curv = weight / (T(1) + ez);  // u η q(z) q(-z), q(-z) = 1/(1 + e^{-z})
        } else {
          const T q = loss_weight(opt.loss, z);
          weight = scale * q;
          curv = weight * loss_weight(opt.loss, T(-z));
        }
        weight *= yi;
      } else {
        T f = y(d);
        for (Eigen::Index j = 0; j < d; ++j) f += w(j) * xi[j];
        const T z = f * yi;
        const T q = loss_weight(opt.loss, z);
        weight = scale * q * yi;
        // ℓ'' = q(z) q(-z) for the logistic loss (no cancellation), e^{-z} = q for exp.
        curv = scale * (opt.loss == Loss::exponential ? q : T(q * loss_weight(opt.loss, T(-z))));
      }
      for (Eigen::Index j = 0; j < d; ++j) out(j) += weight * xi[j];
      out(d) += weight;
      if (J && kGemm) {
        const double root = std::sqrt(static_cast<double>(curv));
        for (Eigen::Index j = 0; j < d; ++j) gemm_rows(kept, j) = root * xi[j];
        gemm_rows(kept, d) = root;
        ++kept;
      } else if (J) {
        for (Eigen::Index j = 0; j < d; ++j) xt(j) = T(xi[j]);
        xt(d) = T(1);
        for (Eigen::Index r = 0; r < n; ++r) {
          const T cr = curv * xt(r);
          for (Eigen::Index c = 0; c <= r; ++c) (*J)(r, c) -= cr * xt(c);
        }
      }
    }
    step_max_skipped = std::max(step_max_skipped, skipped);
    if (drifting) {
      out.head(d) -= drift;
      out(d) -= drift_b;
    }
    if constexpr (kGemm) {
      if (J)
        J->template selfadjointView<Eigen::Lower>().rankUpdate(gemm_rows.topRows(kept).transpose(),
                                                               -1.0);
    }
    if (J)
      for (Eigen::Index r = 0; r < n; ++r)
        for (Eigen::Index c = r + 1; c < n; ++c) (*J)(r, c) = (*J)(c, r);
  }

  // The screening bound's increment for an accepted step of length H (see the header).
  double step_bound(double H) const {
    if (step_max_skipped == 0) return 0.0;
    // How far a skipped exponent can fall over the step: measured in (w, b) it is at most
    // R̃ Δ_w + H; given ŵ, measured in (ρ, b) at most R̃ Δ_ρ + max(0, 1 - min m_i) H. Both
    // hold; early, w moves little while ρ moves by ŵ H, and late the reverse: take the smaller.
    double fall = r_tilde * step_max_distance_w + H;
    if (w_hat.size() > 0)
      fall = std::min(fall, r_tilde * step_max_distance + std::max(0.0, 1.0 - min_margin) * H);
    return H * static_cast<double>(step_max_skipped) * r_tilde *
           std::exp(-(step_min_exponent - fall));
  }
};

std::vector<double> output_times(double t_start, double t_end, int per_decade) {
  std::vector<double> g;
  const double first = std::max(0.0, std::floor(std::log10(std::max(t_start, 1.0)) * per_decade));
  for (long k = static_cast<long>(first);; ++k) {
    // Whole GD steps where a double holds them exactly, as GD logs them (log_grid).
    double t = std::pow(10.0, static_cast<double>(k) / per_decade);
    if (t < 9e15) t = std::round(t);
    if (t >= t_end) break;
    if (t > t_start && (g.empty() || t > g.back())) g.push_back(t);
  }
  g.push_back(t_end);
  return g;
}

}  // namespace

template <class T>
LogTimeFlow<T> integrate_full_flow_logtime(
    const Dataset& train, const LogTimeFlowStart<T>& start, const LogTimeFlowOptions& options,
    const std::function<bool(const T&, const Vec<T>&, const T&)>& keep_going) {
  options.validate();
  const Eigen::Index d = train.X.cols();
  if (train.X.rows() == 0) throw std::invalid_argument("log-time flow: the training set is empty");
  if (start.w.size() != 0 && start.w.size() != d)
    throw std::invalid_argument("log-time flow: the start w has dimension " +
                                std::to_string(start.w.size()) +
                                ", the data d = " + std::to_string(d));
  const double t0 = static_cast<double>(start.t);
  if (!(t0 >= 0) || !std::isfinite(t0))
    throw std::invalid_argument("log-time flow: the start time must be finite and >= 0");
  if (!(options.t_end > t0))
    throw std::invalid_argument("log-time flow: t_end must be after the start time");
  const auto clock0 = std::chrono::steady_clock::now();

  const Eigen::MatrixXd h0 =
      loss_hessian(train, Eigen::VectorXd::Zero(d), 0.0, options.loss, options.reduction);
  const double lambda0 =
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(h0).eigenvalues().maxCoeff();
  LogTimeFlow<T> out;
  out.t_start = t0;
  out.t_scale = 1.0 / (options.eta * lambda0);
  if (start.drift.size() != 0 && start.drift.size() != d)
    throw std::invalid_argument("log-time flow: the drift w_hat has dimension " +
                                std::to_string(start.drift.size()) +
                                ", the data d = " + std::to_string(d));
  LogTimeSystem<T> sys(train, options, T(out.t_scale));
  sys.drift = start.drift;
  sys.drift_b = start.drift.size() == d ? start.drift_b : T(0);
  {
    using std::log;
    sys.log_eta_ts = log(T(options.eta) * T(out.t_scale));
    if (options.reduction == Reduction::mean)
      sys.log_eta_ts -= log(T(static_cast<double>(train.X.rows())));
  }
  if (start.drift.size() == d) {
    if (start.margin_excess.size() == train.X.rows()) {
      sys.excess = start.margin_excess;
    } else {
      sys.excess.resize(train.X.rows());
      for (Eigen::Index i = 0; i < train.X.rows(); ++i) {
        T m = start.drift_b;
        for (Eigen::Index j = 0; j < d; ++j) m += start.drift(j) * T(train.X(i, j));
        sys.excess(i) = m * T(train.y(i)) - T(1);
      }
    }
  }
  if (start.w_hat.size() != 0 && start.w_hat.size() != d)
    throw std::invalid_argument("log-time flow: w_hat has the wrong dimension");
  // The (ρ, b) form of the bound needs a direction through the origin: w_hat if given, else the
  // drift when it has no bias part; otherwise the (w, b) form alone is used (valid, and only the
  // early steps are looser).
  const Vec<T> none;
  const Vec<T>& wh = start.w_hat.size() == d                          ? start.w_hat
                     : start.drift.size() == d && sys.drift_b == T(0) ? start.drift
                                                                      : none;
  if (wh.size() == d) {
    sys.w_hat = wh.unaryExpr([](const T& v) { return static_cast<double>(v); });
    sys.min_margin = train.y.cwiseProduct(train.X * sys.w_hat).minCoeff();
  }
  for (Eigen::Index i = 0; i < train.X.rows(); ++i) {
    const double nrm = std::sqrt(train.X.row(i).squaredNorm() + 1.0);
    sys.xt_norm.push_back(nrm);
    sys.r_tilde = std::max(sys.r_tilde, nrm);
  }

  const T ts(out.t_scale);
  const T sigma0 = boost::math::log1p(T(start.t / ts));
  // The state: (ρ, b) with ρ = w - ŵ σ, or (w, b) without a drift.
  Vec<T> y = Vec<T>::Zero(d + 1);
  if (start.w.size() == d) y.head(d) = start.w;
  y(d) = start.b;
  if (start.drift.size() == d) {
    y.head(d) -= start.drift * sigma0;
    y(d) -= sys.drift_b * sigma0;
  }
  const std::vector<double> times = output_times(t0, options.t_end, options.per_decade);
  std::vector<T> sigmas;
  for (double t : times) sigmas.push_back(boost::math::log1p(T(T(t) / ts)));

  LinearlyImplicitExtrapolation<T> integrator;
  integrator.order = options.order;
  integrator.abs_tol = options.abs_tol;
  integrator.rel_tol = options.rel_tol;
  integrator.max_steps = options.max_steps;
  // The Jacobian is -Σ c_i x̃_i x̃_iᵀ (a gradient flow's). For d > 16 in double, Cholesky halves
  // the factorizations that dominate there (d = 1024). Elsewhere they cost little and LU stays:
  // at 50 digits the MPFR field dominates, and on the paper-scaled d = 2 data of
  // flow_full_flow_logtime_test LU kept the closed form to 2e-7 where Cholesky lost 3e-4 (the
  // near rank-one I - hJ, ||ŵ||² ~ 4e6, eliminates with heavy cancellation).
  integrator.symmetric_nsd_jacobian = std::is_same_v<T, double> && d > 16;
  double bound = 0;
  integrator.rhs = [&](const T& s, const Vec<T>& x, Vec<T>& f) {
    Deadline::check(options.deadline);
    sys.eval(s, x, f, nullptr);
  };
  integrator.rhs_and_jacobian = [&](const T& s, const Vec<T>& x, Vec<T>& f, Mat<T>& J) {
    Deadline::check(options.deadline);
    sys.begin_step();
    sys.eval(s, x, f, &J);
  };
  integrator.step_accepted = [&](const T& H) { bound += sys.step_bound(static_cast<double>(H)); };
  FlowTrajectory<T>& tr = out.trajectory;
  auto observe = [&](std::size_t k, const T&, const Vec<T>& x) {
    tr.t.push_back(T(times[k]));
    Vec<T> w = x.head(d);
    T b = x(d);
    if (start.drift.size() == d) {
      w += start.drift * sigmas[k];
      b += sys.drift_b * sigmas[k];
    }
    tr.w.push_back(w);
    tr.b.push_back(b);
    out.t_reached = times[k];
    if (keep_going && !keep_going(T(times[k]), tr.w.back(), tr.b.back())) {
      out.stopped_early = k + 1 < times.size();
      return false;
    }
    return true;
  };
  // First trial step: a small fraction of the initial time scale (σ ≈ t/t_s early).
  T h = T(1e-3);
  integrator.integrate(sigma0, y, sigmas, h, observe);
  tr.abs_tol = options.abs_tol;
  tr.rel_tol = options.rel_tol;
  tr.steps = integrator.accepted;
  tr.method =
      "linearly implicit Euler extrapolation (order " + std::to_string(options.order) +
      ", exact Jacobian) in sigma = log(1 + t/t_s), t_s = " + to_full_string(out.t_scale) +
      (std::is_same_v<T, double> ? ", double" : ", 50 digits (MPFR)") +
      (options.screening ? ", screening at exponent " + to_full_string(options.screen_exponent)
                         : ", no screening");
  out.screening_bound = bound;  // the exponents already carry 1/N for mean
  out.steps = integrator.accepted;
  out.rejected = integrator.rejected;
  out.evaluations = integrator.evaluations;
  out.points_evaluated = sys.points_evaluated;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - clock0).count();
  return out;
}

template LogTimeFlow<double> integrate_full_flow_logtime<double>(
    const Dataset&, const LogTimeFlowStart<double>&, const LogTimeFlowOptions&,
    const std::function<bool(const double&, const Vec<double>&, const double&)>&);
template LogTimeFlow<Real50> integrate_full_flow_logtime<Real50>(
    const Dataset&, const LogTimeFlowStart<Real50>&, const LogTimeFlowOptions&,
    const std::function<bool(const Real50&, const Vec<Real50>&, const Real50&)>&);

}  // namespace lingrok
