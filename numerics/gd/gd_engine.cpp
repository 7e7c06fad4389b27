// The fast double path of gradient descent (docs/numerics.md#gd-engine). Compiled with -O3
// -ffp-contract=off: no contraction of a*b+c into an FMA, so that the scalar kernel performs the
// same operations, in the same order, as run_reference_gd<double>. The vector kernel
// (gd_kernel.inc, over the eight-lane types of simd8.hpp) alone is compiled for AVX2+FMA and for
// AVX-512, by `#pragma GCC target` around each copy (not -march for the file: Eigen objects built
// with other alignment settings than the rest of the program would be freed wrongly), and each copy
// is called only when the CPU has its features (__builtin_cpu_supports). The two copies give the
// same bits. FMAs appear only where written.
//
// Without shortcuts (GdOptions::shortcuts = false, or a CPU without AVX2) the engine is the
// plain computation bit for bit: all points, sequential sums, glibc's exp.
//
// Shortcut 1, screening. The weight of a point is q_i = e^{-z_i}/(1+e^{-z_i}) ≤ e^{-z_i}
// (logistic) or e^{-z_i} (exponential). Points with z_i > 69 are left out: each adds at most
// e^{-69}||x̃_i|| < 1e-30 R̃ to the gradient (θ = (w, b), x̃ = (x, 1), R̃ = max ||x̃_i||), all of
// them at most n_out R̃ e^{-69} (÷N for mean), which enters δ_t below. Between re-screenings the
// margins are not recomputed: |z_i(θ) - z_i(θ_s)| ≤ ||x̃_i||·||θ - θ_s|| ≤ R̃||θ - θ_s||
// (Cauchy–Schwarz; the displacement from the screening point θ_s, not the path length, so an
// oscillating run that goes back and forth stays screened), and the computed margins differ
// from the exact ones by at most (d+2)·u·||x̃_i||_1·||θ||_∞ (u = 2^-53, sequential dot product).
// A point left out with computed z_i > 69 + S therefore stays above 69 while
// R̃||θ - θ_s|| + 2 (d+2) u max||x̃||_1 ||θ||_∞ < S; the engine re-screens before that. S is 64,
// or 8 times the last step's margin swing R̃||Δθ|| if larger (period-2 oscillation). The
// engine also re-screens every 4096 steps, so that the active set shrinks as margins grow.
//
// Shortcut 2, the vector kernel. It computes the margins with the same multiplications and
// additions in the same order as the plain computation (so z_i is bit-identical), q_i from the
// same formula with fast_exp (≤ 3 ulp instead of glibc's < 1 ulp), and accumulates
// Σ q_i y_i x̃_i in eight lanes: Σ q_i y_i x_i with FMAs, each lane over the points at its place in
// the blocks, and Σ q_i y_i as Σ_{y=+1} q_i - Σ_{y=-1} q_i over per-block sums (CompactSet). Per
// step, against the plain gradient at the same point,
//     ||ĝ - g|| ≤ u·(34 + 1.125 n_a + P - 1)·Σ_i q_i ||x̃_i|| + N R̃ e^{-69} =: δ_t/η
// (weights: ≤ 11u relative with shortcut 3 below, 8u without, and 8u for the plain ones; the
// plain sequential sum: ≤ n_a u Σ|terms|; the lane sums: each lane adds at most n_a/8 + 6 terms,
// padding included, and the lanes are added in 3 levels, so ≤ (n_a/8 + 9) u Σ|terms|, which also
// bounds the per-block route of Σ q y (2 + n_a/24 + 6 + 3 + 1 roundings); Higham, Accuracy and
// Stability, Thm 4.4. N R̃ e^{-69}: shortcuts 1 and 4). With P threads the active set is cut into
// P slices of whole blocks, each summed as above, and the P slice sums are added one after the
// other: P - 1 more roundings, ≤ (P - 1) u Σ|terms|. The sums Σ q_i ||x̃_i|| and Σ c_i ||x̃_i||²
// that the bound needs are computed per block with the block's largest norm, so they bound the
// exact sums from above; sorting each class by norm keeps them close.
//
// Shortcut 3, reused exponentials (logistic loss). The paper's literal run oscillates with
// period 2: every margin swings by up to ~90 from one step to the next, but two steps apart the
// margins differ by at most 1e-2 at t = 10^4 and 1e-4 at t = 10^6 (bench/gd_kernel_bench prints
// these for the paper's data). So the kernel keeps, per active point and per parity of t, a
// reference r = |z_r| and E_r = e^{-r} (fast_exp), and computes E = e^{-|z|} = E_r·e^{-Δ},
// Δ = |z| - r, by the degree-6 Taylor polynomial of e^{-Δ} whenever |Δ| ≤ 2^-7 for all kLanes
// points of a block; else it computes the block's E by fast_exp, exactly as without the shortcut,
// and |z| becomes the new reference. q then follows from E as in the
// unshortened path. Error: E_r ≤ 3 ulp ≤ 6u;
// the polynomial's truncation |Δ|^7/7! < 4e-19 < 0.01u, its Horner rounding and the rounding of
// Δ ≤ 1.1u; the product ≤ u; so E ≤ 8.1u, and q ≤ 10.1u < 11u relative, against ≤ 8u for q from
// fast_exp directly: the bound above uses 11u for the fast weights, u·(19 + ...) in place of
// u·(16 + ...).
// The references are part of GdState, so a resumed run computes the same bits. Compacting the
// active set (re-screening) resets them.
//
// Shortcut 4, far points (logistic loss). A block also takes the polynomial route when each of
// its points is near its reference or has |z| > 69; those far points get E = 0, so q = 0 for
// z > 69 and q = 1 for z < -69, off by at most e^{-69} from the exact weight (at z < -69 the
// exact q rounds to 1 anyway). Without this, the few active points whose margins swing by ~90
// from one step to the next but stay above 69 (the slack keeps them active) sent their blocks
// to the full exp late in the literal run, step after step. Each far point adds at most
// e^{-69} ||x̃_i|| to the gradient error, and together with the points left out by shortcut 1
// they are at most N: the term N R̃ e^{-69} of δ_t.
//
// The GD map G(θ) = θ - η∇L has G(θ) - G(θ') = (I - ηH̄)(θ - θ') with H̄ the mean Hessian on the
// segment, 0 ⪯ H̄ ⪯ Σ_i c_i x̃_i x̃_iᵀ·e^{R̃||θ-θ'||} (c_i = q_i(1-q_i) logistic, q_i exponential;
// |d log c/dz| ≤ 1), so ||I - ηH̄|| ≤ max(1, η h - 1) with h = e^{R̃E} Σ c_i ||x̃_i||² (÷N for
// mean). Hence the distance E_t between this trajectory and the plain one obeys
//     E_{t+1} ≤ max(1, η h_t - 1) E_t + δ_t,
// which the engine accumulates as GdState::error_bound (the rounding of θ - ηg itself, common
// to both computations, is not part of it; the test measures the total). While η h ≤ 2 the
// factor is 1 and perturbations add up without growing: the bound is certified. Above that
// (the paper's literal η = 1e-2, ηβ ≈ 50, period-2 oscillation) the factor exceeds 1 and the
// bound is reported as not certified (GdState::certified = false); no a-priori bound exists
// there, for this kernel or for the plain double loop against exact arithmetic, and the
// shortcut test measures the distance instead (≤ 1e-12 relative over 1e5 steps). Left-out
// points add at most N e^{-69} R̃² to h: nothing.
//
// The pieces: compact_set.hpp (the active set's layout for the kernel), screening.{hpp,cpp}
// (shortcut 1), isa_dispatch.{hpp,cpp} (the kernel's AVX2 and AVX-512 copies), kernel_worker.hpp
// (the thread hand-off), fast_exp.cpp (the exponential); this file is the engine: the step, the
// error bound and the state.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <memory>

#include "core/error.hpp"
#include "numerics/gd/compact_set.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd.hpp"
#include "numerics/gd/isa_dispatch.hpp"
#include "numerics/gd/kernel_worker.hpp"
#include "numerics/gd/screening.hpp"

namespace lingrok {
namespace {

using gd_detail::AlignedDoubles;
using gd_detail::CompactSet;
using gd_detail::KernelSums;
using gd_detail::KernelWorker;
using gd_detail::kLanes;
using gd_detail::kRescreenPeriod;
using gd_detail::kScreenSlack;
using gd_detail::kSkipMargin;
using gd_detail::kUnit;
using gd_detail::run_kernel;
using gd_detail::screen_active;
using gd_detail::screening_slack;
using gd_detail::slice;

// The compact copy of the active rows is skipped (vector kernel off: the plain loop on one
// thread) above this many doubles: 2^30, 8 GiB, so that the paper's full d = 1024 set (N = 10^6,
// 1.02e9 doubles) runs on the vector kernel and all threads (0.40 against 0.84 s per step on 2
// threads here, bench/gd_scale_bench). A constant, not the machine's memory, so that the same
// configuration takes the same path, and gives the same bits, everywhere.
constexpr double kMaxCompactDoubles = 1073741824.0;

}  // namespace

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
  validate_gd_threads(threads, "gd.threads");
  validate_gd_slices(slices, "gd.slices");
}

void validate_gd_threads(long long threads, const std::string& what) {
  if (threads < 1 || threads > kMaxGdThreads) {
    throw InputError(what + " = " + std::to_string(threads) + " must be between 1 and " +
                     std::to_string(kMaxGdThreads) + " (1: no extra threads)");
  }
}

void validate_gd_slices(long long slices, const std::string& what) {
  if (slices < 0 || slices > kMaxGdThreads) {
    throw InputError(what + " = " + std::to_string(slices) + " must be between 0 and " +
                     std::to_string(kMaxGdThreads) + " (0: one slice per thread)");
  }
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
  // Active set (ascending row indices) and its compact copy for the vector kernel (CompactSet).
  std::vector<long long> active, next_active;
  bool compact_ok = false;
  Eigen::Index n_pad = 0;
  Eigen::Index pos_pad = 0;  // rows of the positive blocks (CompactSet::pos_rows)
  AlignedDoubles yxa, live, block_norm, block_norm2;
  AlignedDoubles ref_z, ref_e;  // shortcut 3's references: parity 0, then parity 1
  double drift = 0.0;           // bound on the margin movement since the last screening
  double allowance = 0.0;       // rounding allowance of the last screening
  double slack = kScreenSlack;  // S of the last screening (points out have z > 69 + S)
  Eigen::VectorXd screen_w;     // θ_s = (w, b) at the last screening
  double screen_b = 0.0;
  bool screened = false;
  long long rescreens = 0;
  // Work space (no allocation per step).
  Eigen::VectorXd acc, gw, w_new;
  Eigen::VectorXd slice_gw;     // the caller's slices beyond the first (GdOptions::slices)
  std::vector<KernelSums> own;  // their sums
  // Threads beyond the caller's (GdOptions::threads - 1), started at the first vector step.
  std::vector<std::unique_ptr<KernelWorker>> workers;

  // The vector kernel's gradient at (w, b) into gw, split into up to max(threads, slices)
  // slices of whole kLanes blocks: the caller's thread takes the first, each worker one of the
  // next threads - 1, and the caller the rest in turn. Returns the sums and the number of
  // slices (the slices' results are added in a fixed order, so a run is deterministic for a
  // given slice count and the same for any thread count up to it).
  KernelSums threaded_kernel(const Eigen::VectorXd& w, double b, int parity, int& parts) {
    const CompactSet a = compact();
    const bool logistic = opt.loss == Loss::logistic;
    const long blocks = a.rows / kLanes;
    parts = static_cast<int>(std::min<long>(std::max(opt.threads, opt.slices), blocks));
    if (parts <= 1) {
      parts = 1;
      return run_kernel(a, w.data(), b, logistic, parity, opt.avx512, gw.data(), acc.data());
    }
    const int helpers = std::min(opt.threads, parts) - 1;  // workers this step
    while (static_cast<int>(workers.size()) < helpers) {
      workers.push_back(std::make_unique<KernelWorker>(d, opt.avx512));
    }
    const auto first_row = [&](int k) { return blocks * k / parts * kLanes; };
    const auto part = [&](int k) {
      return slice(a, first_row(k), first_row(k + 1) - first_row(k));
    };
    for (int k = 1; k <= helpers; ++k) {
      workers[static_cast<std::size_t>(k - 1)]->post(part(k), w.data(), b, logistic, parity);
    }
    KernelSums sum =
        run_kernel(part(0), w.data(), b, logistic, parity, opt.avx512, gw.data(), acc.data());
    // Slices beyond the threads, one after the other on this thread.
    own.resize(static_cast<std::size_t>(parts));  // no allocation after the first step
    slice_gw.resize(static_cast<Eigen::Index>(parts) * d);
    for (int k = helpers + 1; k < parts; ++k) {
      own[static_cast<std::size_t>(k)] =
          run_kernel(part(k), w.data(), b, logistic, parity, opt.avx512,
                     slice_gw.data() + static_cast<Eigen::Index>(k) * d, acc.data());
    }
    for (int k = 1; k < parts; ++k) {
      const double* part_gw = nullptr;
      KernelSums s;
      if (k <= helpers) {
        KernelWorker& worker = *workers[static_cast<std::size_t>(k - 1)];
        s = worker.wait();
        part_gw = worker.gw();
      } else {
        s = own[static_cast<std::size_t>(k)];
        part_gw = slice_gw.data() + static_cast<Eigen::Index>(k) * d;
      }
      for (int j = 0; j < d; ++j) gw(j) += part_gw[j];
      sum.gb += s.gb;
      sum.h += s.h;
      sum.s1 += s.s1;
    }
    return sum;
  }

  // `last_update`: θ_t - θ_{t-1} (empty at t = 0), which sets the slack.
  void rescreen(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& last_update) {
    ++rescreens;
    slack = screening_slack(r_tilde, last_update);
    const double rounding =
        screen_active(*train, w, b, slack, x_l1_max, opt.shortcuts, next_active);
    allowance = rounding;
    drift = rounding;
    screen_w = w;
    screen_b = b;
    screened = true;
    // Shortcut 3's references are reset at every re-screening, so that none is older than
    // kRescreenPeriod steps; the compact copy is rebuilt when the active set changed.
    if (next_active != active) {
      active.swap(next_active);
      build_compact();
    } else if (compact_ok) {
      reset_references();  // the same copy
    }
  }

  // No reference yet (NaN) for every point and both parities of shortcut 3.
  void reset_references() {
    std::fill(ref_z.begin(), ref_z.end(), std::nan(""));
    std::fill(ref_e.begin(), ref_e.end(), 0.0);
  }

  void build_compact() {
    const auto& X = train->X;
    const auto sz = [](Eigen::Index k) { return static_cast<std::size_t>(k); };
    const auto padded = [](Eigen::Index k) { return (k + kLanes - 1) / kLanes * kLanes; };
    // Positive points, then negative ones, each by decreasing norm (ties: by row), so that a
    // block's largest norm is close to each of its points' (see CompactSet).
    std::vector<long long> order(active.begin(), active.end());
    const auto positive = [&](long long i) { return train->y(static_cast<Eigen::Index>(i)) > 0; };
    std::sort(order.begin(), order.end(), [&](long long i, long long k) {
      if (positive(i) != positive(k)) return positive(i);
      const double ni = xt_norm2[sz(i)], nk = xt_norm2[sz(k)];
      return ni != nk ? ni > nk : i < k;
    });
    const auto n_pos =
        static_cast<Eigen::Index>(std::count_if(order.begin(), order.end(), positive));
    const auto n_neg = static_cast<Eigen::Index>(order.size()) - n_pos;
    pos_pad = padded(n_pos);
    n_pad = pos_pad + padded(n_neg);
    compact_ok =
        opt.shortcuts && fast_gd_has_avx2() && static_cast<double>(n_pad) * d < kMaxCompactDoubles;
    if (!compact_ok) return;
    yxa.assign(sz(n_pad * d), 0.0);
    live.assign(sz(n_pad), 0.0);
    block_norm.assign(sz(n_pad / kLanes), 0.0);
    block_norm2.assign(sz(n_pad / kLanes), 0.0);
    ref_z.resize(sz(2 * n_pad));
    ref_e.resize(sz(2 * n_pad));
    reset_references();
    const double all_bits = std::bit_cast<double>(~std::uint64_t{0});
    for (std::size_t r = 0; r < order.size(); ++r) {
      const auto i = static_cast<Eigen::Index>(order[r]);
      const double yi = train->y(i);  // -1 or +1 (Dataset)
      const auto k = static_cast<Eigen::Index>(r) < n_pos
                         ? static_cast<Eigen::Index>(r)
                         : pos_pad + static_cast<Eigen::Index>(r) - n_pos;
      // Block k / kLanes, column j, place k % kLanes (see CompactSet).
      const Eigen::Index at = (k / kLanes) * kLanes * d + k % kLanes;
      for (int j = 0; j < d; ++j) yxa[sz(at + j * kLanes)] = yi * X(i, j);
      live[sz(k)] = all_bits;
      double& bn = block_norm[sz(k / kLanes)];
      double& bn2 = block_norm2[sz(k / kLanes)];
      bn = std::max(bn, xt_norm[sz(i)]);
      bn2 = std::max(bn2, xt_norm2[sz(i)]);
    }
  }

  // The plain computation restricted to the active set: same operations, same order as
  // loss_and_gradient<double> (data/loss/loss.hpp). Returns h = Σ c_i ||x̃_i||².
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

  // Non-const: the kernel writes shortcut 3's references through it.
  CompactSet compact() {
    double* rz = ref_z.data();
    double* re = ref_e.data();
    return {yxa.data(),
            live.data(),
            block_norm.data(),
            block_norm2.data(),
            {rz, rz + n_pad},
            {re, re + n_pad},
            static_cast<long>(n_pad),
            static_cast<long>(pos_pad),
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
  m.acc.resize(8 * m.d);
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
  if (state.screened && state.screen_w.size() != m.d)
    throw InputError("checkpoint: the screening point has the wrong dimension for these data");
  state_ = state;
  diverged_ = false;
  m.screened = state.screened;
  m.active = state.active;
  m.drift = state.drift;
  m.allowance = state.allowance;
  m.slack = state.slack;
  m.screen_w = state.screen_w;
  m.screen_b = state.screen_b;
  m.rescreens = state.rescreens;
  if (m.screened) m.build_compact();
  if (m.compact_ok && state.ref_z.size() == static_cast<Eigen::Index>(m.ref_z.size()) &&
      state.ref_e.size() == static_cast<Eigen::Index>(m.ref_e.size())) {
    std::copy(state.ref_z.begin(), state.ref_z.end(), m.ref_z.begin());
    std::copy(state.ref_e.begin(), state.ref_e.end(), m.ref_e.begin());
  }
}

GdState GdEngine::state() const {
  GdState s = state_;
  s.screened = impl_->screened;
  s.active = impl_->active;
  s.drift = impl_->drift;
  s.allowance = impl_->allowance;
  s.slack = impl_->slack;
  s.screen_w = impl_->screen_w;
  s.screen_b = impl_->screen_b;
  s.rescreens = impl_->rescreens;
  if (impl_->compact_ok) {
    s.ref_z = Eigen::Map<const Eigen::VectorXd>(impl_->ref_z.data(),
                                                static_cast<Eigen::Index>(impl_->ref_z.size()));
    s.ref_e = Eigen::Map<const Eigen::VectorXd>(impl_->ref_e.data(),
                                                static_cast<Eigen::Index>(impl_->ref_e.size()));
  }
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
    // Re-screen when the margins may have moved by the slack, and every kRescreenPeriod steps so
    // that points whose margins have grown leave the active set (a function of t alone, so a
    // resumed run re-screens at the same steps).
    if (!m.screened || m.drift >= m.slack || state_.t % kRescreenPeriod == 0) {
      m.rescreen(w, b, state_.last_update);
    }
    double h = 0.0, s1 = 0.0;
    bool used_vector = false;
    int parts = 1;
    if (m.compact_ok) {
      const KernelSums k = m.threaded_kernel(w, b, static_cast<int>(state_.t & 1), parts);
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
    // Points left out, and active points given e = 0 by shortcut 4: each is off by at most
    // e^{-69} ||x̃_i||, and together they are at most N.
    const double n_out = static_cast<double>(m.n) - static_cast<double>(m.active.size());
    const double skip_error =
        static_cast<double>(m.n) * m.r_tilde * std::exp(-kSkipMargin) * m.inv_n;
    if (state_.vector_engaged || used_vector || n_out > 0) {
      // h e^{R̃E}, with e^x ≤ 1 + x + x² for 0 ≤ x ≤ 1 (the tail beyond x is x²(e - 2) at
      // most), so that a step needs no libm exp.
      const double x = m.r_tilde * state_.error_bound;
      const double hs = h * (x <= 1.0 ? 1.0 + x + x * x : std::exp(x));
      const double growth = std::max(1.0, eta * hs - 1.0);
      if (growth > 1.0) state_.certified = false;
      const double na = static_cast<double>(m.active.size());
      const double delta =
          (used_vector ? eta * kUnit * (34.0 + (parts - 1) + 1.125 * na) * s1 : 0.0) +
          eta * skip_error;
      state_.error_bound = growth * state_.error_bound + delta;
      if (!state_.vector_engaged) {
        state_.vector_engaged = true;
        state_.vector_from_t = state_.t;
      }
    }
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
    for (int j = 0; j < m.d; ++j) update(j) = w_new(j) - w(j);
    update(m.d) = b_new - b;
    state_.w.swap(w_new);
    state_.b = b_new;
    // Margin movement since the screening: |z_i(θ) - z_i(θ_s)| ≤ ||x̃_i||·||θ - θ_s|| (Cauchy–
    // Schwarz). The displacement, not the path length: an oscillating run goes back and forth.
    double dist2 = (b_new - m.screen_b) * (b_new - m.screen_b);
    for (int j = 0; j < m.d; ++j) {
      const double dj = state_.w(j) - m.screen_w(j);
      dist2 += dj * dj;
    }
    m.drift = m.allowance + m.r_tilde * std::sqrt(dist2) * (1.0 + 1e-12);
    ++state_.t;
  }
}

}  // namespace lingrok
