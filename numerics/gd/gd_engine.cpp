// The fast double path of gradient descent (SPEC §5.1). Compiled with -O3 -ffp-contract=off:
// no contraction of a*b+c into an FMA, so that the scalar kernel performs the same operations,
// in the same order, as run_reference_gd<double>. The vector kernel alone is compiled for
// AVX2+FMA, by a function attribute (not -march for the file: Eigen objects built with other
// alignment settings than the rest of the program would be freed wrongly), and is called only
// when the CPU has AVX2 and FMA (__builtin_cpu_supports). FMAs appear only where written.
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
// Σ q_i y_i x̃_i in 4 × 4 lanes with FMAs. Per step, against the plain gradient at the same
// point, ||ĝ - g|| ≤ u·(19 + 1.25 n_a + 6 + P - 1)·Σ_i q_i ||x̃_i|| + n_out R̃ e^{-69} =: δ_t/η
// (weights: ≤ 11u relative with shortcut 3 below, 8u without; the plain sequential sum: ≤ n_a u
// Σ|terms|; the lane sums: ≤ (n_a/4 + 3) u Σ|terms|; Higham, Accuracy and Stability, Thm 4.4). With
// P threads the active set is cut into P slices, each summed as above (≤ (n_a/4 + 3) u Σ|terms| for
// each, since a slice has at most n_a points), and the P slice sums are added one after the other:
// P - 1 more roundings, ≤ (P - 1) u Σ|terms|.
//
// Shortcut 3, reused exponentials (logistic loss). The paper's literal run oscillates with
// period 2: every margin swings by up to ~90 from one step to the next, but two steps apart the
// margins differ by at most 1e-2 at t = 10^4 and 1e-4 at t = 10^6 (bench/gd_kernel_bench prints
// these for the paper's data). So the kernel keeps, per active point and per parity of t, a
// reference r = |z_r| and E_r = e^{-r} (fast_exp), and computes E = e^{-|z|} = E_r·e^{-Δ},
// Δ = |z| - r, by the degree-6 Taylor polynomial of e^{-Δ} whenever |Δ| ≤ 2^-7 for all kLanes
// points of a block; else it computes the block's E by fast_exp, exactly as without the shortcut,
// and |z| becomes the new reference. q then follows from E as before. Error: E_r ≤ 3 ulp ≤ 6u;
// the polynomial's truncation |Δ|^7/7! < 4e-19 < 0.01u, its Horner rounding and the rounding of
// Δ ≤ 1.1u; the product ≤ u; so E ≤ 8.1u, and q ≤ 10.1u < 11u relative, against ≤ 8u for q from
// fast_exp directly: the bound above uses 11u for the fast weights, u·(19 + ...) in place of
// u·(16 + ...).
// The references are part of GdState, so a resumed run computes the same bits. Compacting the
// active set (re-screening) resets them.
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
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <thread>

#include "core/error.hpp"
#include "numerics/gd/fast_exp.hpp"
#include "numerics/gd/gd.hpp"

namespace lingrok {
namespace {

// Points with margin above kSkipMargin are left out: each has weight q_i ≤ e^{-z_i} < 1e-30, so
// all of them together change the gradient by at most N·R̃·e^{-69} (÷N for mean) per step,
// which the error bound adds (the file comment).
constexpr double kSkipMargin = 69.0;
constexpr double kScreenSlack = 64.0;  // the least slack S
// S is at least this many times the margin movement of the last step, so that an oscillating
// run (period 2, η β ≫ 2: every margin swings by R̃||Δθ|| each step) re-screens rarely.
constexpr double kSlackPerStep = 8.0;
constexpr long long kRescreenPeriod = 4096;
constexpr double kUnit = 0x1p-53;
// Shortcut 3: E = E_r·e^{-Δ} by a polynomial while |Δ| ≤ kReuseSpan (the file comment).
constexpr double kReuseSpan = 0x1p-7;
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

// e^x for U vectors at once: the steps of the U evaluations are interleaved, so that the FMA
// latency of one Horner chain is hidden by the others (the loop is latency bound otherwise).
// kNonPositive: the caller guarantees x ≤ 0 (or NaN), so the overflow branch is left out.
//
// k = round(x log2 e) comes from adding the shifter 1.5·2^52: the sum is rounded to an integer,
// to nearest even like round(), and its low mantissa bits hold k, so that 2^k is applied to
// e^r by adding k << 52 to its bits, on the integer unit instead of the multipliers (no
// conversions, no multiplications). This is exact: e^r lies in [0.70, 1.42], so its exponent
// field is 1022 or 1023, and adding k ∈ [-1021, 1024] keeps it in [1, 2046] — 1024 only for x
// near 709.78, where r < 0 and the field of e^r is 1022. So the result is p · 2^k exactly, p the
// polynomial's value. (The former scaling, e^r · 2^(k-1) · 2, rounded through a subnormal when the
// result lay below 2^-1021, x < -707.7, and was up to one subnormal ulp, 5e-324, further from e^x
// there; it gave the same bits everywhere else.)
template <int U, bool kNonPositive = false>
LINGROK_AVX2 inline void exp_pd_n(__m256d* x) {
  const __m256d lo = _mm256_set1_pd(-708.0);
  const __m256d hi = _mm256_set1_pd(709.78);
  const __m256d shifter = _mm256_set1_pd(0x1.8p52);
  // t (the shifted k), r and p stay live across the polynomial; the range masks are recomputed
  // from x at the end instead of being kept.
  __m256d t[U], p[U];
  for (int u = 0; u < U; ++u) {
    const __m256d xc =
        kNonPositive ? _mm256_max_pd(x[u], lo) : _mm256_min_pd(_mm256_max_pd(x[u], lo), hi);
    t[u] = _mm256_add_pd(_mm256_mul_pd(xc, _mm256_set1_pd(kLog2e)), shifter);
    const __m256d k = _mm256_sub_pd(t[u], shifter);
    p[u] = _mm256_fnmadd_pd(k, _mm256_set1_pd(kLn2Hi), xc);
    p[u] = _mm256_fnmadd_pd(k, _mm256_set1_pd(kLn2Lo), p[u]);
  }
  __m256d r[U];
  for (int u = 0; u < U; ++u) {
    r[u] = p[u];
    p[u] = _mm256_fmadd_pd(_mm256_set1_pd(kInvFact[0]), r[u], _mm256_set1_pd(kInvFact[1]));
  }
  for (int i = 2; i < 14; ++i) {
    const __m256d c = _mm256_set1_pd(kInvFact[i]);
    for (int u = 0; u < U; ++u) p[u] = _mm256_fmadd_pd(p[u], r[u], c);
  }
  for (int u = 0; u < U; ++u) {
    const __m256i k52 = _mm256_slli_epi64(_mm256_castpd_si256(t[u]), 52);
    __m256d result = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(p[u]), k52));
    result = _mm256_andnot_pd(_mm256_cmp_pd(x[u], lo, _CMP_LT_OQ), result);
    x[u] = kNonPositive ? result
                        : _mm256_blendv_pd(result, _mm256_set1_pd(HUGE_VAL),
                                           _mm256_cmp_pd(x[u], hi, _CMP_GT_OQ));
  }
}

LINGROK_AVX2 inline __m256d exp_pd(__m256d x) {
  exp_pd_n<1>(&x);
  return x;
}

LINGROK_AVX2 void exp_batch_avx2(const double* x, double* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m256d v[4];
    for (int u = 0; u < 4; ++u) v[u] = _mm256_loadu_pd(x + i + 4 * u);
    exp_pd_n<4>(v);
    for (int u = 0; u < 4; ++u) _mm256_storeu_pd(out + i + 4 * u, v[u]);
  }
  for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, exp_pd(_mm256_loadu_pd(x + i)));
  if (i < n) {
    double bx[4] = {0, 0, 0, 0}, bo[4];
    for (std::size_t k = i; k < n; ++k) bx[k - i] = x[k];
    _mm256_storeu_pd(bo, exp_pd(_mm256_loadu_pd(bx)));
    for (std::size_t k = i; k < n; ++k) out[k] = bo[k - i];
  }
}

// The compact active set, n_pad points (a multiple of kLanes), in blocks of kLanes points: a
// block holds its d columns one after the other, kLanes values each, so that one iteration of
// the kernel reads one contiguous stretch of kLanes·d doubles (at d = 1024 a column-major copy
// would put every column on its own page, and the kernel would spend its time on TLB misses).
// The labels are folded in: yx = y·x (exact, y = ±1), ysign = the sign bit of y (-0.0 for y = -1,
// +0.0 otherwise), live = all bits set for a point and 0 for padding. Then z = y(b + Σ x_j w_j) is
// computed as (±b) + Σ (y x_j) w_j, bit for bit the same (negation is exact and rounding is
// symmetric), and q y_i as ±q, which saves the two multiplications by y per point. Padding rows
// have yx = 0 and norms 0, and live = 0 zeroes their q y, so every term they add (q y x, q y,
// c ||x̃||², q ||x̃||) is exactly 0 whatever their weight. Raw pointers only: this code is
// compiled for AVX2.
struct CompactSet {
  const double* yx;  // blocks of kLanes points: block k, column j at yx[(k·d + j)·kLanes]
  const double* ysign;
  const double* live;
  const double* norm;   // ||x̃_i||
  const double* norm2;  // ||x̃_i||²
  // Shortcut 3's references per parity of t: |z_r| (NaN: none yet) and E_r = e^{-|z_r|}.
  std::array<double*, 2> ref_z;
  std::array<double*, 2> ref_e;
  long rows;  // a multiple of kLanes
  int d;
};
// Points per iteration of the vector kernel: kUnroll AVX2 vectors of 4 (six exp chains keep the
// two FMA units busier than four; measured with throwaway timings, not a benchmark).
constexpr int kUnroll = 6;
constexpr long kLanes = 4 * kUnroll;
struct KernelSums {
  double gb, h, s1;
};

// Shortcut 3 for one block (kUnroll vectors): e[u] = e^{-|z[u]|} from the references of `parity`
// when every ||z| - |z_r|| ≤ kReuseSpan, else from fast_exp (exactly as without the shortcut),
// which then become the references (|z| and e^{-|z|}).
LINGROK_AVX2 inline void reused_exp(const CompactSet& a, int parity, long i0, const __m256d* z,
                                    __m256d* e) {
  const __m256d sign = _mm256_set1_pd(-0.0);
  double* ref_z = a.ref_z[static_cast<std::size_t>(parity)] + i0;
  double* ref_e = a.ref_e[static_cast<std::size_t>(parity)] + i0;
  __m256d near = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
  __m256d abs_z[kUnroll];
  for (int u = 0; u < kUnroll; ++u) {
    abs_z[u] = _mm256_andnot_pd(sign, z[u]);
    e[u] = _mm256_sub_pd(_mm256_loadu_pd(ref_z + 4 * u), abs_z[u]);  // -Δ (NaN: no reference)
    near = _mm256_and_pd(
        near, _mm256_cmp_pd(_mm256_andnot_pd(sign, e[u]), _mm256_set1_pd(kReuseSpan), _CMP_LE_OQ));
  }
  if (_mm256_movemask_pd(near) == 0xF) {
    // e^{-Δ} = 1 - Δ + Δ²/2 - ... + Δ⁶/720 (Horner in -Δ), times E_r.
    for (int u = 0; u < kUnroll; ++u) {
      const __m256d x = e[u];
      __m256d p = _mm256_fmadd_pd(_mm256_set1_pd(1.0 / 720), x, _mm256_set1_pd(1.0 / 120));
      p = _mm256_fmadd_pd(p, x, _mm256_set1_pd(1.0 / 24));
      p = _mm256_fmadd_pd(p, x, _mm256_set1_pd(1.0 / 6));
      p = _mm256_fmadd_pd(p, x, _mm256_set1_pd(0.5));
      p = _mm256_fmadd_pd(p, x, _mm256_set1_pd(1.0));
      p = _mm256_fmadd_pd(p, x, _mm256_set1_pd(1.0));
      e[u] = _mm256_mul_pd(_mm256_loadu_pd(ref_e + 4 * u), p);
    }
    return;
  }
  for (int u = 0; u < kUnroll; ++u) e[u] = _mm256_or_pd(z[u], sign);  // -|z|
  exp_pd_n<kUnroll, true>(e);  // e^{-|z|}: the argument is never positive
  for (int u = 0; u < kUnroll; ++u) {
    _mm256_storeu_pd(ref_z + 4 * u, abs_z[u]);
    _mm256_storeu_pd(ref_e + 4 * u, e[u]);
  }
}

// g_w = -Σ q_i y_i x_i into gw[0..d), and the sums; `scratch` holds 4d doubles (D = 0 only).
// `parity`: t mod 2, which references shortcut 3 uses (logistic loss only).
template <int D>
LINGROK_AVX2 KernelSums vector_gradient(const CompactSet& a, const double* w, double b,
                                        bool logistic, int parity, double* gw, double* scratch) {
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
  const __m256d sign = _mm256_set1_pd(-0.0);
  // kLanes points per iteration (kUnroll vectors), so that the exp chains overlap.
  for (long i0 = 0; i0 < a.rows; i0 += kLanes) {
    const double* block = a.yx + i0 * dd;  // this block's columns, kLanes values each
    __m256d z[kUnroll], e[kUnroll];
    for (int u = 0; u < kUnroll; ++u) {
      const long i = i0 + 4 * u;
      // z = (±b) + (y x_1) w_1 + ... + (y x_d) w_d, in the plain order (see CompactSet).
      __m256d f = _mm256_xor_pd(vb, _mm256_loadu_pd(a.ysign + i));
      for (int j = 0; j < dd; ++j) {
        f = _mm256_add_pd(
            f, _mm256_mul_pd(_mm256_loadu_pd(block + j * kLanes + 4 * u), _mm256_set1_pd(w[j])));
      }
      z[u] = f;
    }
    if (logistic) {
      reused_exp(a, parity, i0, z, e);  // e = e^{-|z|} (loss.hpp), shortcut 3
    } else {
      for (int u = 0; u < kUnroll; ++u) e[u] = _mm256_xor_pd(z[u], sign);
      exp_pd_n<kUnroll>(e);  // e = e^{-z}
    }
    for (int u = 0; u < kUnroll; ++u) {
      const long i = i0 + 4 * u;
      __m256d q, c;
      if (logistic) {
        // z >= 0: e/(1+e); z < 0: 1/(1+e). blendv takes the sign bit of z as the mask; for
        // z = -0 it picks 1, which equals e = e^0.
        const __m256d num = _mm256_blendv_pd(e[u], one, z[u]);
        q = _mm256_div_pd(num, _mm256_add_pd(one, e[u]));
        c = _mm256_mul_pd(q, _mm256_sub_pd(one, q));
      } else {
        q = e[u];
        c = q;
      }
      // q y x = q (y x), the same bits as (q y) x.
      if (D > 0) {
        for (int j = 0; j < kRegs; ++j) {
          accr[j] = _mm256_fmadd_pd(q, _mm256_loadu_pd(block + j * kLanes + 4 * u), accr[j]);
        }
      } else {
        for (int j = 0; j < dd; ++j) {
          double* s = scratch + 4 * j;
          _mm256_storeu_pd(s, _mm256_fmadd_pd(q, _mm256_loadu_pd(block + j * kLanes + 4 * u),
                                              _mm256_loadu_pd(s)));
        }
      }
      const __m256d qy = _mm256_xor_pd(_mm256_and_pd(q, _mm256_loadu_pd(a.live + i)),
                                       _mm256_loadu_pd(a.ysign + i));
      accb = _mm256_add_pd(accb, qy);
      acch = _mm256_fmadd_pd(c, _mm256_loadu_pd(a.norm2 + i), acch);
      accs = _mm256_fmadd_pd(q, _mm256_loadu_pd(a.norm + i), accs);
    }
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

// The kernel for the data's dimension (unrolled for d ≤ 4).
KernelSums run_kernel(const CompactSet& a, const double* w, double b, bool logistic, int parity,
                      double* gw, double* scratch) {
  switch (a.d) {
    case 1:
      return vector_gradient<1>(a, w, b, logistic, parity, gw, scratch);
    case 2:
      return vector_gradient<2>(a, w, b, logistic, parity, gw, scratch);
    case 3:
      return vector_gradient<3>(a, w, b, logistic, parity, gw, scratch);
    case 4:
      return vector_gradient<4>(a, w, b, logistic, parity, gw, scratch);
    default:
      return vector_gradient<0>(a, w, b, logistic, parity, gw, scratch);
  }
}

// Rows [begin, begin + rows) of a compact set (begin and rows multiples of kLanes).
CompactSet slice(const CompactSet& a, long begin, long rows) {
  return {a.yx + begin * a.d,
          a.ysign + begin,
          a.live + begin,
          a.norm + begin,
          a.norm2 + begin,
          {a.ref_z[0] + begin, a.ref_z[1] + begin},
          {a.ref_e[0] + begin, a.ref_e[1] + begin},
          rows,
          a.d};
}

// A thread that runs the kernel on one slice of the active set per step (GdOptions::threads).
// The hand-over is a counter each way, spun on: one cache-line round trip per step, some
// 150 ns on the 2-core machine (bench/core_round_trip_bench), against about 1.6 µs for the
// whole step of the paper's d = 2 run. A worker that has waited some 30 µs without work (the
// engine is logging, or idle between run_to calls) sleeps on the counter (a futex) instead, and
// post() wakes it. The slice, w and b are read only between post() and the matching wait(): the
// engine changes none of them in that time. (The padding that clang-tidy reports is on
// purpose: it keeps the lines that the two threads write apart.)
class KernelWorker {  // NOLINT(clang-analyzer-optin.performance.Padding)
 public:
  explicit KernelWorker(int d)
      : d_(d), gw_(static_cast<std::size_t>(d)), scratch_(static_cast<std::size_t>(4 * d)) {
    thread_ = std::thread([this] { loop(); });
  }
  ~KernelWorker() {
    job_.stop = true;
    post_signal();
    thread_.join();
  }
  KernelWorker(const KernelWorker&) = delete;
  KernelWorker& operator=(const KernelWorker&) = delete;

  void post(const CompactSet& part, const double* w, double b, bool logistic, int parity) {
    if (!same(part, part_)) part_ = part;  // written only when the active set changed
    job_.w = w;
    if (d_ <= kInline) std::copy(w, w + d_, job_.w_inline.begin());
    job_.b = b;
    job_.logistic = logistic;
    job_.parity = parity;
    post_signal();
  }
  // Waits for the posted slice; its -Σ q y x is then in gw().
  KernelSums wait() {
    const std::uint32_t want = job_.posted.load(std::memory_order_relaxed);
    for (long spins = 0; result_.done.load(std::memory_order_acquire) != want; ++spins) {
      if (spins > kSpinsBeforeYield) std::this_thread::yield();  // the worker lost its core
    }
    return result_.sums;
  }
  const double* gw() const { return d_ <= kInline ? result_.gw_inline.data() : gw_.data(); }

 private:
  static constexpr long kSpinsBeforeSleep = 1L << 15;
  static constexpr long kSpinsBeforeYield = 1L << 14;
  static constexpr int kInline = 4;  // w and the gradient travel inside the two lines for d ≤ 4

  static bool same(const CompactSet& a, const CompactSet& b) {
    return a.yx == b.yx && a.ysign == b.ysign && a.live == b.live && a.norm == b.norm &&
           a.norm2 == b.norm2 && a.ref_z == b.ref_z && a.ref_e == b.ref_e && a.rows == b.rows &&
           a.d == b.d;
  }

  // seq_cst on both sides: either post_signal() sees `sleeping` (and wakes the worker), or the
  // worker's wait() sees the new count (and does not block).
  void post_signal() {
    job_.posted.fetch_add(1, std::memory_order_seq_cst);
    if (result_.sleeping.load(std::memory_order_seq_cst)) job_.posted.notify_one();
  }

  void loop() {
    std::uint32_t seen = 0;
    for (;;) {
      std::uint32_t now = 0;
      for (long spins = 0; (now = job_.posted.load(std::memory_order_acquire)) == seen; ++spins) {
        if (spins < kSpinsBeforeSleep) continue;
        result_.sleeping.store(true, std::memory_order_seq_cst);
        job_.posted.wait(seen, std::memory_order_seq_cst);
        result_.sleeping.store(false, std::memory_order_relaxed);
        spins = 0;
      }
      seen = now;
      if (job_.stop) return;
      const bool small = d_ <= kInline;
      result_.sums =
          run_kernel(part_, small ? job_.w_inline.data() : job_.w, job_.b, job_.logistic,
                     job_.parity, small ? result_.gw_inline.data() : gw_.data(), scratch_.data());
      result_.done.store(now, std::memory_order_release);
    }
  }

  // What the engine's thread writes each step and what the worker writes lie on one cache line
  // each, so that a step moves one line each way: the count, w and b one way, the count, the
  // sums and the gradient the other (for d ≤ 4; above that w and the gradient add their own).
  struct alignas(64) Job {
    std::atomic<std::uint32_t> posted{0};
    bool stop = false;
    bool logistic = true;
    int parity = 0;
    double b = 0.0;
    const double* w = nullptr;
    std::array<double, kInline> w_inline{};
  };
  struct alignas(64) Result {
    std::atomic<std::uint32_t> done{0};
    std::atomic<bool> sleeping{false};
    KernelSums sums{};
    std::array<double, kInline> gw_inline{};
  };
  int d_;
  Job job_;
  Result result_;
  alignas(64) CompactSet part_{};
  std::vector<double> gw_, scratch_;
  std::thread thread_;
};

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
  validate_gd_threads(threads, "gd.threads");
}

void validate_gd_threads(long long threads, const std::string& what) {
  if (threads < 1 || threads > kMaxGdThreads) {
    throw InputError(what + " = " + std::to_string(threads) + " must be between 1 and " +
                     std::to_string(kMaxGdThreads) + " (1: no extra threads)");
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
  std::vector<double> yxa, ysign, live, na_norm, na_norm2;
  std::vector<double> ref_z, ref_e;  // shortcut 3's references: parity 0, then parity 1
  double drift = 0.0;                // bound on the margin movement since the last screening
  double allowance = 0.0;            // rounding allowance of the last screening
  double slack = kScreenSlack;       // S of the last screening (points out have z > 750 + S)
  Eigen::VectorXd screen_w;          // θ_s = (w, b) at the last screening
  double screen_b = 0.0;
  bool screened = false;
  long long rescreens = 0;
  // Work space (no allocation per step).
  Eigen::VectorXd acc, gw, w_new;
  // Threads beyond the caller's (GdOptions::threads - 1), started at the first vector step.
  std::vector<std::unique_ptr<KernelWorker>> workers;

  // The vector kernel's gradient at (w, b) into gw, split into up to GdOptions::threads slices
  // of whole kLanes blocks: the caller's thread takes the first, each worker one of the others.
  // Returns the sums and the number of slices (the slices' results are added in a fixed
  // order, so a run is deterministic for a given thread count).
  KernelSums threaded_kernel(const Eigen::VectorXd& w, double b, int parity, int& parts) {
    const CompactSet a = compact();
    const bool logistic = opt.loss == Loss::logistic;
    const long blocks = a.rows / kLanes;
    parts = static_cast<int>(std::min<long>(opt.threads, blocks));
    if (parts <= 1) {
      parts = 1;
      return run_kernel(a, w.data(), b, logistic, parity, gw.data(), acc.data());
    }
    while (static_cast<int>(workers.size()) < parts - 1) {
      workers.push_back(std::make_unique<KernelWorker>(d));
    }
    const auto first_row = [&](int k) { return blocks * k / parts * kLanes; };
    for (int k = 1; k < parts; ++k) {
      workers[static_cast<std::size_t>(k - 1)]->post(
          slice(a, first_row(k), first_row(k + 1) - first_row(k)), w.data(), b, logistic, parity);
    }
    KernelSums sum =
        run_kernel(slice(a, 0, first_row(1)), w.data(), b, logistic, parity, gw.data(), acc.data());
    for (int k = 1; k < parts; ++k) {
      KernelWorker& worker = *workers[static_cast<std::size_t>(k - 1)];
      const KernelSums part = worker.wait();
      for (int j = 0; j < d; ++j) gw(j) += worker.gw()[j];
      sum.gb += part.gb;
      sum.h += part.h;
      sum.s1 += part.s1;
    }
    return sum;
  }

  // `last_update`: θ_t - θ_{t-1} (empty at t = 0), which sets the slack.
  void rescreen(const Eigen::VectorXd& w, double b, const Eigen::VectorXd& last_update) {
    ++rescreens;
    slack = kScreenSlack;
    if (last_update.size() > 0) {
      slack = std::max(slack, kSlackPerStep * r_tilde * last_update.norm());
    }
    next_active.clear();
    const double theta_inf = std::max(w.size() ? w.cwiseAbs().maxCoeff() : 0.0, std::fabs(b));
    const double rounding = 2.0 * (d + 2) * kUnit * x_l1_max * theta_inf;
    const bool can_screen = opt.shortcuts && rounding < 1.0;
    const auto& X = train->X;
    for (Eigen::Index i = 0; i < n; ++i) {
      double f = b;
      for (int j = 0; j < d; ++j) f += X(i, j) * w(j);
      const double z = train->y(i) * f;
      if (!can_screen || !(z > kSkipMargin + slack)) next_active.push_back(i);
    }
    allowance = rounding;
    drift = rounding;
    screen_w = w;
    screen_b = b;
    screened = true;
    // With shortcuts the compact copy, and with it shortcut 3's references, is rebuilt at every
    // re-screening, so that no reference is older than kRescreenPeriod steps.
    if (next_active != active || opt.shortcuts) {
      active.swap(next_active);
      build_compact();
    }
  }

  void build_compact() {
    const auto& X = train->X;
    const auto na = static_cast<Eigen::Index>(active.size());
    n_pad = (na + kLanes - 1) / kLanes * kLanes;
    compact_ok =
        opt.shortcuts && fast_gd_has_avx2() && static_cast<double>(n_pad) * d < kMaxCompactDoubles;
    if (!compact_ok) return;
    const auto sz = [](Eigen::Index k) { return static_cast<std::size_t>(k); };
    yxa.assign(sz(n_pad * d), 0.0);
    ysign.assign(sz(n_pad), 0.0);
    live.assign(sz(n_pad), 0.0);
    na_norm.assign(sz(n_pad), 0.0);
    na_norm2.assign(sz(n_pad), 0.0);
    ref_z.assign(sz(2 * n_pad), std::nan(""));
    ref_e.assign(sz(2 * n_pad), 0.0);
    const double all_bits = std::bit_cast<double>(~std::uint64_t{0});
    for (Eigen::Index k = 0; k < na; ++k) {
      const auto i = static_cast<Eigen::Index>(active[sz(k)]);
      const double yi = train->y(i);  // -1 or +1 (Dataset)
      // Block k / kLanes, column j, place k % kLanes (see CompactSet).
      const Eigen::Index at = (k / kLanes) * kLanes * d + k % kLanes;
      for (int j = 0; j < d; ++j) yxa[sz(at + j * kLanes)] = yi * X(i, j);
      ysign[sz(k)] = yi < 0 ? -0.0 : 0.0;
      live[sz(k)] = all_bits;
      na_norm[sz(k)] = xt_norm[sz(i)];
      na_norm2[sz(k)] = xt_norm2[sz(i)];
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

  // Non-const: the kernel writes shortcut 3's references through it.
  CompactSet compact() {
    double* rz = ref_z.data();
    double* re = ref_e.data();
    return {yxa.data(),
            ysign.data(),
            live.data(),
            na_norm.data(),
            na_norm2.data(),
            {rz, rz + n_pad},
            {re, re + n_pad},
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
    const double n_out = static_cast<double>(m.n) - static_cast<double>(m.active.size());
    const double skip_error = n_out * m.r_tilde * std::exp(-kSkipMargin) * m.inv_n;
    if (state_.vector_engaged || used_vector || n_out > 0) {
      const double hs = h * std::exp(m.r_tilde * state_.error_bound);
      const double growth = std::max(1.0, eta * hs - 1.0);
      if (growth > 1.0) state_.certified = false;
      const double na = static_cast<double>(m.active.size());
      const double delta =
          (used_vector ? eta * kUnit * (25.0 + (parts - 1) + 1.25 * na) * s1 : 0.0) +
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
