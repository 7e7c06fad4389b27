// The fast double path of gradient descent (SPEC §5.1). Compiled with -O3 -ffp-contract=off:
// no contraction of a*b+c into an FMA, so that the exact kernel performs the same operations,
// in the same order, as run_reference_gd<double>. The vector kernel alone is compiled for
// AVX2+FMA, by a function attribute (not -march for the file: Eigen objects built with other
// alignment settings than the rest of the program would be freed wrongly), and is called only
// when the CPU has AVX2 and FMA (__builtin_cpu_supports). FMAs appear only where written.
//
// Shortcut 1, exact screening (bit for bit). The plain computation's weight of a point is
// q_i = e^{-z_i}/(1+e^{-z_i}) (logistic, z_i ≥ 0) or e^{-z_i} (exponential). For z_i > 750,
// e^{-z_i} < 2^-1080, below half the smallest subnormal 2^-1074, so exp returns 0, q_i = 0 and
// the point adds exactly (±)0 to every gradient component: leaving it out changes no bit.
// Between re-screenings every margin moves by at most Σ_steps ||Δθ||·||x̃_i|| ≤ R̃ Σ ||Δθ||
// (Cauchy–Schwarz, θ = (w, b), x̃ = (x, 1), R̃ = max ||x̃_i||), and the computed margins of the
// plain computation and of the screen differ from the exact ones by at most
// (d+2)·u·||x̃_i||_1·||θ||_∞ each (u = 2^-53, sequential dot product). A point screened out with
// z_i > 750 + S therefore keeps a computed margin above 750 while
// R̃·Σ||Δθ|| + 2 (d+2) u max||x̃||_1 ||θ||_∞ < S; the engine re-screens before that (S = 64).
//
// Shortcut 2, the vector kernel (changes rounding, bounded). It computes the margins with the
// same multiplications and additions in the same order as the plain computation (so z_i is
// bit-identical), q_i from the same formula with fast_exp (≤ 3 ulp instead of glibc's < 1 ulp),
// and accumulates Σ q_i y_i x̃_i in four lanes with FMAs. Per step, against the plain gradient
// at the same point, ||ĝ - g|| ≤ u·(16 + 1.25 n_a + 6)·Σ_i q_i ||x̃_i|| =: δ_t/η
// (weights: ≤ 8u relative; the plain sequential sum: ≤ n_a u Σ|terms|; the lane sums:
// ≤ (n_a/4 + 3) u Σ|terms|; Higham, Accuracy and Stability, Thm 4.4).
// The GD map G(θ) = θ - η∇L has G(θ) - G(θ') = (I - ηH̄)(θ - θ') with H̄ the mean Hessian on the
// segment, 0 ⪯ H̄ ⪯ Σ_i c_i x̃_i x̃_iᵀ·e^{R̃||θ-θ'||} (c_i = q_i(1-q_i) logistic, q_i exponential;
// |d log c/dz| ≤ 1), so ||I - ηH̄|| ≤ max(1, η h - 1) with h = e^{R̃E} Σ c_i ||x̃_i||² (÷N for
// mean). Hence the distance E_t between this trajectory and the plain one obeys
//     E_{t+1} ≤ max(1, η h_t - 1) E_t + δ_t,
// which the engine accumulates as GdState::error_bound (the rounding of θ - ηg itself, common
// to both computations, is not part of it; the test measures the total). The vector kernel is
// used only at steps that follow a step with η h ≤ 1.9, where the factor is 1: perturbations
// then add up and never grow. Screened-out points add at most N e^{-700} R̃² to h: nothing.
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/error.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd.hpp"

namespace lingrok {
namespace {

constexpr double kZeroMargin = 750.0;
constexpr double kScreenSlack = 64.0;
constexpr double kUnit = 0x1p-53;
constexpr double kGuard = 1.9;
// The compact copy of the active rows is skipped (vector kernel off) above this many doubles.
constexpr double kMaxCompactDoubles = 64.0 * 1024 * 1024;

// ln 2 split so that k·kLn2Hi is exact for |k| < 2^11 (fdlibm's constants).
constexpr double kLog2e = 1.4426950408889634074;
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
// 1/k! for k = 13 .. 0.
constexpr double kInvFact[14] = {1.0 / 6227020800.0,
                                 1.0 / 479001600.0,
                                 1.0 / 39916800.0,
                                 1.0 / 3628800.0,
                                 1.0 / 362880.0,
                                 1.0 / 40320.0,
                                 1.0 / 5040.0,
                                 1.0 / 720.0,
                                 1.0 / 120.0,
                                 1.0 / 24.0,
                                 1.0 / 6.0,
                                 0.5,
                                 1.0,
                                 1.0};

double exp_scalar(double x) {
  if (x < -708.0) return 0.0;
  if (x > 709.78) return HUGE_VAL;
  const double k = std::nearbyint(x * kLog2e);
  double r = std::fma(-k, kLn2Hi, x);
  r = std::fma(-k, kLn2Lo, r);
  double p = kInvFact[0];
  for (int i = 1; i < 14; ++i) p = std::fma(p, r, kInvFact[i]);
  return std::ldexp(p, static_cast<int>(k));
}

#define LINGROK_AVX2 __attribute__((target("avx2,fma")))

LINGROK_AVX2 inline __m256d exp_pd(__m256d x) {
  const __m256d lo = _mm256_set1_pd(-708.0);
  const __m256d hi = _mm256_set1_pd(709.78);
  const __m256d under = _mm256_cmp_pd(x, lo, _CMP_LT_OQ);
  const __m256d over = _mm256_cmp_pd(x, hi, _CMP_GT_OQ);
  const __m256d xc = _mm256_min_pd(_mm256_max_pd(x, lo), hi);
  const __m256d k = _mm256_round_pd(_mm256_mul_pd(xc, _mm256_set1_pd(kLog2e)),
                                    _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256d r = _mm256_fnmadd_pd(k, _mm256_set1_pd(kLn2Hi), xc);
  r = _mm256_fnmadd_pd(k, _mm256_set1_pd(kLn2Lo), r);
  __m256d p = _mm256_set1_pd(kInvFact[0]);
  for (int i = 1; i < 14; ++i) p = _mm256_fmadd_pd(p, r, _mm256_set1_pd(kInvFact[i]));
  // 2^k for k in [-1021, 1024]: build the exponent field; 1024 only for x near 709.78, where
  // p < 1 keeps the product finite — so split 2^k = 2^(k-1)·2.
  const __m128i ki = _mm256_cvtpd_epi32(k);
  __m256i bits = _mm256_cvtepi32_epi64(ki);
  bits = _mm256_add_epi64(bits, _mm256_set1_epi64x(1022));
  bits = _mm256_slli_epi64(bits, 52);
  __m256d result = _mm256_mul_pd(_mm256_mul_pd(p, _mm256_castsi256_pd(bits)), _mm256_set1_pd(2.0));
  result = _mm256_andnot_pd(under, result);
  result = _mm256_blendv_pd(result, _mm256_set1_pd(HUGE_VAL), over);
  return result;
}

LINGROK_AVX2 void exp_batch_avx2(const double* x, double* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, exp_pd(_mm256_loadu_pd(x + i)));
  if (i < n) {
    double bx[4] = {0, 0, 0, 0}, bo[4];
    for (std::size_t k = i; k < n; ++k) bx[k - i] = x[k];
    _mm256_storeu_pd(bo, exp_pd(_mm256_loadu_pd(bx)));
    for (std::size_t k = i; k < n; ++k) out[k] = bo[k - i];
  }
}

// The compact active set, column-major with n_pad (a multiple of 4) rows; padding rows have
// mask 0. Raw pointers only: this code is compiled for AVX2.
struct CompactSet {
  const double* x;  // d columns of n_pad
  const double* y;
  const double* mask;
  const double* norm;   // ||x̃_i||
  const double* norm2;  // ||x̃_i||²
  long n_pad;
  int d;
};
struct KernelSums {
  double gb, h, s1;
};

// g_w = -Σ q_i y_i x_i into gw[0..d), and the sums; `scratch` holds 4d doubles (D = 0 only).
template <int D>
LINGROK_AVX2 KernelSums vector_gradient(const CompactSet& a, const double* w, double b,
                                        bool logistic, double* gw, double* scratch) {
  const int dd = D > 0 ? D : a.d;
  constexpr int kRegs = D > 0 ? D : 1;
  __m256d accr[kRegs];
  for (int j = 0; j < kRegs; ++j) accr[j] = _mm256_setzero_pd();
  if (D <= 0) {
    for (int j = 0; j < 4 * dd; ++j) scratch[j] = 0.0;
  }
  __m256d accb = _mm256_setzero_pd(), acch = _mm256_setzero_pd(), accs = _mm256_setzero_pd();
  const __m256d vb = _mm256_set1_pd(b);
  const __m256d one = _mm256_set1_pd(1.0);
  const __m256d zero = _mm256_setzero_pd();
  const __m256d sign = _mm256_set1_pd(-0.0);
  for (long i = 0; i < a.n_pad; i += 4) {
    // f = b + x_1 w_1 + ... + x_d w_d, multiplications and additions in the plain order.
    __m256d f = vb;
    for (int j = 0; j < dd; ++j) {
      f = _mm256_add_pd(
          f, _mm256_mul_pd(_mm256_loadu_pd(a.x + j * a.n_pad + i), _mm256_set1_pd(w[j])));
    }
    const __m256d y = _mm256_loadu_pd(a.y + i);
    const __m256d z = _mm256_mul_pd(y, f);
    __m256d q, c;
    if (logistic) {
      // z >= 0: e/(1+e) with e = e^{-z}; z < 0: 1/(1+e^{z}); e = e^{-|z|} in both (loss.hpp).
      const __m256d negz = _mm256_cmp_pd(z, zero, _CMP_LT_OQ);
      const __m256d e = exp_pd(_mm256_or_pd(z, sign));
      const __m256d num = _mm256_blendv_pd(e, one, negz);
      q = _mm256_div_pd(num, _mm256_add_pd(one, e));
      q = _mm256_mul_pd(q, _mm256_loadu_pd(a.mask + i));
      c = _mm256_mul_pd(q, _mm256_sub_pd(one, q));
    } else {
      q = exp_pd(_mm256_xor_pd(z, sign));
      q = _mm256_mul_pd(q, _mm256_loadu_pd(a.mask + i));
      c = q;
    }
    const __m256d qy = _mm256_mul_pd(q, y);
    if (D > 0) {
      for (int j = 0; j < kRegs; ++j) {
        accr[j] = _mm256_fmadd_pd(qy, _mm256_loadu_pd(a.x + j * a.n_pad + i), accr[j]);
      }
    } else {
      for (int j = 0; j < dd; ++j) {
        double* s = scratch + 4 * j;
        _mm256_storeu_pd(
            s, _mm256_fmadd_pd(qy, _mm256_loadu_pd(a.x + j * a.n_pad + i), _mm256_loadu_pd(s)));
      }
    }
    accb = _mm256_add_pd(accb, qy);
    acch = _mm256_fmadd_pd(c, _mm256_loadu_pd(a.norm2 + i), acch);
    accs = _mm256_fmadd_pd(q, _mm256_loadu_pd(a.norm + i), accs);
  }
  const auto hsum = [](__m256d v) LINGROK_AVX2 {
    alignas(32) double t[4];
    _mm256_store_pd(t, v);
    return (t[0] + t[1]) + (t[2] + t[3]);
  };
  for (int j = 0; j < dd; ++j) {
    gw[j] = -(D > 0 ? hsum(accr[j]) : hsum(_mm256_loadu_pd(scratch + 4 * j)));
  }
  return {-hsum(accb), hsum(acch), hsum(accs)};
}

bool cpu_has_avx2_fma() {
  static const bool ok = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return ok;
}

}  // namespace

void fast_exp_batch(const double* x, double* out, std::size_t n) {
  if (cpu_has_avx2_fma()) {
    exp_batch_avx2(x, out, n);
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] = exp_scalar(x[i]);
  }
}

bool fast_gd_has_avx2() { return cpu_has_avx2_fma(); }

void GdOptions::validate(int d) const {
  if (!(eta > 0) || !std::isfinite(eta)) {
    throw InputError("gd.eta = " + std::to_string(eta) +
                     " must be a finite number > 0 (or \"stable\" for 1/beta)");
  }
  if (steps <= 0) {
    throw InputError("gd.steps = " + std::to_string(steps) + " must be at least 1");
  }
  if (w0.size() != 0 && w0.size() != d) {
    throw InputError("initial w has " + std::to_string(w0.size()) +
                     " components but the data have d = " + std::to_string(d) +
                     "; give one value per coordinate");
  }
  if (w0.size() != 0 && !w0.allFinite()) throw InputError("initial w must be finite");
  if (!std::isfinite(b0)) throw InputError("initial b must be finite");
}

struct GdEngine::Impl {
  const Dataset* train = nullptr;
  GdOptions opt;
  int d = 0;
  Eigen::Index n = 0;
  double inv_n = 1.0;
  std::vector<double> xt_norm, xt_norm2;
  double r_tilde = 0.0;   // max ||x̃_i||
  double x_l1_max = 0.0;  // max ||x̃_i||_1
  // Active set (ascending row indices) and its compact column-major copy for the vector kernel.
  std::vector<long long> active, next_active;
  bool compact_built = false;
  bool compact_ok = false;
  Eigen::Index n_pad = 0;
  std::vector<double> xa, ya, mask, na_norm, na_norm2;
  double drift = 0.0;
  bool screened = false;
  long long rescreens = 0;
  double last_h = HUGE_VAL;  // h at the previous step (decides the kernel)
  // Work space (no allocation per step).
  Eigen::VectorXd acc, gw, w_new;

  void rescreen(const Eigen::VectorXd& w, double b) {
    ++rescreens;
    next_active.clear();
    const double theta_inf = std::max(w.size() ? w.cwiseAbs().maxCoeff() : 0.0, std::fabs(b));
    const double allowance = 2.0 * (d + 2) * kUnit * x_l1_max * theta_inf;
    const bool can_screen = opt.shortcuts && allowance < 1.0;
    const auto& X = train->X;
    for (Eigen::Index i = 0; i < n; ++i) {
      double f = b;
      for (int j = 0; j < d; ++j) f += X(i, j) * w(j);
      const double z = train->y(i) * f;
      if (!can_screen || !(z > kZeroMargin + kScreenSlack)) next_active.push_back(i);
    }
    drift = allowance;
    screened = true;
    // Oscillating runs re-screen every step; the compact copy is rebuilt only on a change.
    if (next_active != active || (opt.shortcuts && !compact_built)) {
      active.swap(next_active);
      build_compact();
    }
  }

  void build_compact() {
    const auto& X = train->X;
    const auto na = static_cast<Eigen::Index>(active.size());
    n_pad = (na + 3) / 4 * 4;
    compact_ok =
        opt.shortcuts && fast_gd_has_avx2() && static_cast<double>(n_pad) * d < kMaxCompactDoubles;
    if (!compact_ok) return;
    xa.assign(static_cast<std::size_t>(n_pad * d), 0.0);
    ya.assign(static_cast<std::size_t>(n_pad), 1.0);
    mask.assign(static_cast<std::size_t>(n_pad), 0.0);
    na_norm.assign(static_cast<std::size_t>(n_pad), 0.0);
    na_norm2.assign(static_cast<std::size_t>(n_pad), 0.0);
    for (Eigen::Index k = 0; k < na; ++k) {
      const Eigen::Index i = static_cast<Eigen::Index>(active[static_cast<std::size_t>(k)]);
      for (int j = 0; j < d; ++j) xa[static_cast<std::size_t>(j * n_pad + k)] = X(i, j);
      ya[static_cast<std::size_t>(k)] = train->y(i);
      mask[static_cast<std::size_t>(k)] = 1.0;
      na_norm[static_cast<std::size_t>(k)] = xt_norm[static_cast<std::size_t>(i)];
      na_norm2[static_cast<std::size_t>(k)] = xt_norm2[static_cast<std::size_t>(i)];
    }
  }

  // The plain computation restricted to the active set: same operations, same order as
  // loss_and_gradient<double> (numerics/loss/loss.hpp). Returns h = Σ c_i ||x̃_i||².
  double exact_gradient(const Eigen::VectorXd& w, double b, Eigen::VectorXd& gw, double& gb) const {
    gw.setZero();
    gb = 0.0;
    double h = 0.0;
    const auto& X = train->X;
    for (const long long i : active) {
      double f = b;
      for (int j = 0; j < d; ++j) f += X(i, j) * w(j);
      const double yi = train->y(i);
      const double z = yi * f;
      const double q = loss_weight(opt.loss, z);
      for (int j = 0; j < d; ++j) gw(j) -= q * yi * X(i, j);
      gb -= q * yi;
      const double c = opt.loss == Loss::logistic ? q * (1.0 - q) : q;
      h += c * xt_norm2[static_cast<std::size_t>(i)];
    }
    return h;
  }

  CompactSet compact() const {
    return {xa.data(),
            ya.data(),
            mask.data(),
            na_norm.data(),
            na_norm2.data(),
            static_cast<long>(n_pad),
            d};
  }
};

GdEngine::GdEngine(const Dataset& train, const GdOptions& options)
    : impl_(std::make_unique<Impl>()) {
  options.validate(train.dim());
  auto& m = *impl_;
  m.train = &train;
  m.opt = options;
  m.d = train.dim();
  m.n = train.size();
  m.inv_n = options.reduction == Reduction::mean ? 1.0 / static_cast<double>(m.n) : 1.0;
  m.xt_norm.resize(static_cast<std::size_t>(m.n));
  m.xt_norm2.resize(static_cast<std::size_t>(m.n));
  for (Eigen::Index i = 0; i < m.n; ++i) {
    const double n2 = train.X.row(i).squaredNorm() + 1.0;
    m.xt_norm2[static_cast<std::size_t>(i)] = n2;
    m.xt_norm[static_cast<std::size_t>(i)] = std::sqrt(n2);
    m.r_tilde = std::max(m.r_tilde, std::sqrt(n2));
    m.x_l1_max = std::max(m.x_l1_max, train.X.row(i).lpNorm<1>() + 1.0);
  }
  // Round R̃ up a little: the screening bound must not be undercut by the rounding of the norm.
  m.r_tilde *= 1.0 + 1e-12;
  state_.w = options.w0.size() == m.d ? options.w0 : Eigen::VectorXd::Zero(m.d);
  state_.b = options.b0;
  m.acc.resize(4 * m.d);
  m.gw.resize(m.d);
  m.w_new.resize(m.d);
}

GdEngine::~GdEngine() = default;

void GdEngine::restore(const GdState& state) {
  auto& m = *impl_;
  if (state.w.size() != m.d)
    throw InputError("checkpoint: w has the wrong dimension for these data");
  for (const long long i : state.active) {
    if (i < 0 || i >= m.n)
      throw InputError("checkpoint: active row index out of range for these data");
  }
  state_ = state;
  diverged_ = false;
  m.screened = state.screened;
  m.active = state.active;
  m.drift = state.drift;
  m.last_h = state.last_h;
  if (m.screened) m.build_compact();
}

GdState GdEngine::state() const {
  GdState s = state_;
  s.screened = impl_->screened;
  s.active = impl_->active;
  s.drift = impl_->drift;
  s.last_h = impl_->last_h;
  return s;
}

long long GdEngine::active_points() const { return static_cast<long long>(impl_->active.size()); }
long long GdEngine::rescreenings() const { return impl_->rescreens; }

double GdEngine::update_cosine() const {
  const auto& a = state_.last_update;
  const auto& p = state_.prev_update;
  if (state_.t < 2 || a.size() == 0 || a.size() != p.size()) return std::nan("");
  const double na = a.norm(), np = p.norm();
  if (!(na > 0) || !(np > 0)) return std::nan("");
  return a.dot(p) / (na * np);
}

void GdEngine::run_to(long long t_end) {
  auto& m = *impl_;
  Eigen::VectorXd& gw = m.gw;
  double gb = 0.0;
  const double eta = m.opt.eta;
  while (state_.t < t_end && !diverged_) {
    const Eigen::VectorXd& w = state_.w;
    const double b = state_.b;
    if (!m.screened || m.drift >= kScreenSlack) m.rescreen(w, b);
    double h = 0.0, s1 = 0.0;
    bool used_vector = false;
    if (m.compact_ok && eta * m.last_h <= kGuard) {
      const CompactSet a = m.compact();
      const bool logistic = m.opt.loss == Loss::logistic;
      KernelSums k{};
      switch (m.d) {
        case 1:
          k = vector_gradient<1>(a, w.data(), b, logistic, gw.data(), m.acc.data());
          break;
        case 2:
          k = vector_gradient<2>(a, w.data(), b, logistic, gw.data(), m.acc.data());
          break;
        case 3:
          k = vector_gradient<3>(a, w.data(), b, logistic, gw.data(), m.acc.data());
          break;
        case 4:
          k = vector_gradient<4>(a, w.data(), b, logistic, gw.data(), m.acc.data());
          break;
        default:
          k = vector_gradient<0>(a, w.data(), b, logistic, gw.data(), m.acc.data());
          break;
      }
      gb = k.gb;
      h = k.h;
      s1 = k.s1;
      used_vector = true;
    }
    if (!used_vector) h = m.exact_gradient(w, b, gw, gb);
    if (m.opt.reduction == Reduction::mean) {
      for (int j = 0; j < m.d; ++j) gw(j) *= m.inv_n;
      gb *= m.inv_n;
      h *= m.inv_n;
      s1 *= m.inv_n;
    }
    // Propagate the bound on the distance to the plain trajectory (see the file comment).
    if (state_.vector_engaged || used_vector) {
      const double hs = h * std::exp(m.r_tilde * state_.error_bound);
      const double growth = std::max(1.0, eta * hs - 1.0);
      if (growth > 1.0) state_.certified = false;
      const double na = static_cast<double>(m.active.size());
      const double delta = used_vector ? eta * kUnit * (22.0 + 1.25 * na) * s1 : 0.0;
      state_.error_bound = growth * state_.error_bound + delta;
      if (used_vector && !state_.vector_engaged) {
        state_.vector_engaged = true;
        state_.vector_from_t = state_.t;
      }
    }
    m.last_h = h;
    Eigen::VectorXd& w_new = m.w_new;
    for (int j = 0; j < m.d; ++j) w_new(j) = w(j) - eta * gw(j);
    const double b_new = b - eta * gb;
    if (!w_new.allFinite() || !std::isfinite(b_new)) {
      diverged_ = true;
      break;
    }
    // Rotate the update buffers without allocating: prev <- last, last <- θ_{t+1} - θ_t.
    if (state_.prev_update.size() != m.d + 1) state_.prev_update.resize(m.d + 1);
    state_.prev_update.swap(state_.last_update);
    if (state_.last_update.size() != m.d + 1) state_.last_update.resize(m.d + 1);
    Eigen::VectorXd& update = state_.last_update;
    double un2 = 0.0;
    for (int j = 0; j < m.d; ++j) {
      update(j) = w_new(j) - w(j);
      un2 += update(j) * update(j);
    }
    update(m.d) = b_new - b;
    un2 += update(m.d) * update(m.d);
    m.drift += m.r_tilde * std::sqrt(un2) * (1.0 + 1e-12);
    state_.w.swap(w_new);
    state_.b = b_new;
    ++state_.t;
  }
}

double smoothness_beta(const Dataset& train, Reduction reduction) {
  const int d = train.dim();
  Eigen::MatrixXd G = Eigen::MatrixXd::Zero(d + 1, d + 1);
  Eigen::VectorXd xt(d + 1);
  for (Eigen::Index i = 0; i < train.size(); ++i) {
    xt.head(d) = train.X.row(i).transpose();
    xt(d) = 1.0;
    G.selfadjointView<Eigen::Lower>().rankUpdate(xt);
  }
  G = G.selfadjointView<Eigen::Lower>();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(G, Eigen::EigenvaluesOnly);
  double beta = es.eigenvalues().maxCoeff() / 4.0;
  if (reduction == Reduction::mean) beta /= static_cast<double>(train.size());
  return beta;
}

}  // namespace lingrok
