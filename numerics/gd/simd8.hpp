// Eight double lanes, the unit of the fast GD kernel (gd_kernel.inc), on two instruction sets:
// Avx512Lanes (one zmm register) and Avx2Lanes (two ymm registers, low lanes 0–3, high 4–7).
// Every operation is lane-wise IEEE arithmetic (or bit logic), so the two give the same bits
// lane for lane; the kernel is written once over either. Each function carries its own target
// attribute, so this header can be included anywhere; callers run them only on a CPU that has
// the features (isa_dispatch.cpp checks with __builtin_cpu_supports).
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace lingrok::simd {

#define LINGROK_SIMD_AVX2 __attribute__((target("avx2,fma"), always_inline)) inline
#define LINGROK_SIMD_AVX512 \
  __attribute__((target("avx512f,avx512dq,avx2,fma"), always_inline)) inline

struct Avx2Lanes {
  struct V {
    __m256d lo, hi;
  };
  using M = V;  // a lane mask: all bits set (true) or clear (false) per lane

  LINGROK_SIMD_AVX2 static V load(const double* p) {
    return {_mm256_loadu_pd(p), _mm256_loadu_pd(p + 4)};
  }
  LINGROK_SIMD_AVX2 static void store(double* p, V v) {
    _mm256_storeu_pd(p, v.lo);
    _mm256_storeu_pd(p + 4, v.hi);
  }
  LINGROK_SIMD_AVX2 static V set1(double x) { return {_mm256_set1_pd(x), _mm256_set1_pd(x)}; }
  LINGROK_SIMD_AVX2 static V zero() { return {_mm256_setzero_pd(), _mm256_setzero_pd()}; }
  LINGROK_SIMD_AVX2 static V add(V a, V b) {
    return {_mm256_add_pd(a.lo, b.lo), _mm256_add_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V sub(V a, V b) {
    return {_mm256_sub_pd(a.lo, b.lo), _mm256_sub_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V mul(V a, V b) {
    return {_mm256_mul_pd(a.lo, b.lo), _mm256_mul_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V div(V a, V b) {
    return {_mm256_div_pd(a.lo, b.lo), _mm256_div_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V fmadd(V a, V b, V c) {  // a·b + c, one rounding
    return {_mm256_fmadd_pd(a.lo, b.lo, c.lo), _mm256_fmadd_pd(a.hi, b.hi, c.hi)};
  }
  LINGROK_SIMD_AVX2 static V fnmadd(V a, V b, V c) {  // c - a·b, one rounding
    return {_mm256_fnmadd_pd(a.lo, b.lo, c.lo), _mm256_fnmadd_pd(a.hi, b.hi, c.hi)};
  }
  LINGROK_SIMD_AVX2 static V max(V a, V b) {  // b where a is NaN (maxpd)
    return {_mm256_max_pd(a.lo, b.lo), _mm256_max_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V min(V a, V b) {
    return {_mm256_min_pd(a.lo, b.lo), _mm256_min_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V bit_and(V a, V b) {
    return {_mm256_and_pd(a.lo, b.lo), _mm256_and_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V bit_or(V a, V b) {
    return {_mm256_or_pd(a.lo, b.lo), _mm256_or_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V bit_xor(V a, V b) {
    return {_mm256_xor_pd(a.lo, b.lo), _mm256_xor_pd(a.hi, b.hi)};
  }
  LINGROK_SIMD_AVX2 static V abs(V a) {
    const __m256d s = _mm256_set1_pd(-0.0);
    return {_mm256_andnot_pd(s, a.lo), _mm256_andnot_pd(s, a.hi)};
  }
  // a·2^k, k the low bits of the integer t holds (the exp's shifter trick, gd_kernel.inc).
  LINGROK_SIMD_AVX2 static V add_exponent(V a, V t) {
    return {add_exponent4(a.lo, t.lo), add_exponent4(a.hi, t.hi)};
  }
  LINGROK_SIMD_AVX2 static M less_equal(V a, V b) {  // false where either is NaN
    return {_mm256_cmp_pd(a.lo, b.lo, _CMP_LE_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_LE_OQ)};
  }
  LINGROK_SIMD_AVX2 static M less(V a, V b) {
    return {_mm256_cmp_pd(a.lo, b.lo, _CMP_LT_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_LT_OQ)};
  }
  LINGROK_SIMD_AVX2 static M greater(V a, V b) {
    return {_mm256_cmp_pd(a.lo, b.lo, _CMP_GT_OQ), _mm256_cmp_pd(a.hi, b.hi, _CMP_GT_OQ)};
  }
  LINGROK_SIMD_AVX2 static M mask_and(M a, M b) { return bit_and(a, b); }
  LINGROK_SIMD_AVX2 static M mask_or(M a, M b) { return bit_or(a, b); }
  LINGROK_SIMD_AVX2 static M mask_not(M a) {
    const __m256d ones = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
    return {_mm256_xor_pd(a.lo, ones), _mm256_xor_pd(a.hi, ones)};
  }
  LINGROK_SIMD_AVX2 static M all_lanes() {
    const __m256d ones = _mm256_castsi256_pd(_mm256_set1_epi64x(-1));
    return {ones, ones};
  }
  LINGROK_SIMD_AVX2 static bool all(M m) {
    return (_mm256_movemask_pd(m.lo) & _mm256_movemask_pd(m.hi)) == 0xF;
  }
  LINGROK_SIMD_AVX2 static V zero_unless(M m, V a) { return bit_and(m, a); }
  LINGROK_SIMD_AVX2 static V select(M m, V if_true, V if_false) {
    return {_mm256_blendv_pd(if_false.lo, if_true.lo, m.lo),
            _mm256_blendv_pd(if_false.hi, if_true.hi, m.hi)};
  }
  // b where the sign bit of s is set (also for -0 and negative NaN), else a.
  LINGROK_SIMD_AVX2 static V select_sign(V s, V b, V a) {
    return {_mm256_blendv_pd(a.lo, b.lo, s.lo), _mm256_blendv_pd(a.hi, b.hi, s.hi)};
  }
  LINGROK_SIMD_AVX2 static __m256d add_exponent4(__m256d a, __m256d t) {
    return _mm256_castsi256_pd(
        _mm256_add_epi64(_mm256_castpd_si256(a), _mm256_slli_epi64(_mm256_castpd_si256(t), 52)));
  }
  // ((l0 + l4) + (l1 + l5)) + ((l2 + l6) + (l3 + l7)): the order both instruction sets use.
  LINGROK_SIMD_AVX2 static double sum_lanes(V v) {
    alignas(32) double t[4];
    _mm256_store_pd(t, _mm256_add_pd(v.lo, v.hi));
    return (t[0] + t[1]) + (t[2] + t[3]);
  }
};

struct Avx512Lanes {
  using V = __m512d;
  using M = __mmask8;

  LINGROK_SIMD_AVX512 static V load(const double* p) { return _mm512_loadu_pd(p); }
  LINGROK_SIMD_AVX512 static void store(double* p, V v) { _mm512_storeu_pd(p, v); }
  LINGROK_SIMD_AVX512 static V set1(double x) { return _mm512_set1_pd(x); }
  LINGROK_SIMD_AVX512 static V zero() { return _mm512_setzero_pd(); }
  LINGROK_SIMD_AVX512 static V add(V a, V b) { return _mm512_add_pd(a, b); }
  LINGROK_SIMD_AVX512 static V sub(V a, V b) { return _mm512_sub_pd(a, b); }
  LINGROK_SIMD_AVX512 static V mul(V a, V b) { return _mm512_mul_pd(a, b); }
  LINGROK_SIMD_AVX512 static V div(V a, V b) { return _mm512_div_pd(a, b); }
  LINGROK_SIMD_AVX512 static V fmadd(V a, V b, V c) { return _mm512_fmadd_pd(a, b, c); }
  LINGROK_SIMD_AVX512 static V fnmadd(V a, V b, V c) { return _mm512_fnmadd_pd(a, b, c); }
  // The masked forms with every lane set: the same instructions, without the undefined source
  // operand that makes GCC 12 warn (-Wmaybe-uninitialized) about the plain ones.
  LINGROK_SIMD_AVX512 static V max(V a, V b) { return _mm512_mask_max_pd(a, 0xFF, a, b); }
  LINGROK_SIMD_AVX512 static V min(V a, V b) { return _mm512_mask_min_pd(a, 0xFF, a, b); }
  LINGROK_SIMD_AVX512 static V bit_and(V a, V b) { return _mm512_and_pd(a, b); }
  LINGROK_SIMD_AVX512 static V bit_or(V a, V b) { return _mm512_or_pd(a, b); }
  LINGROK_SIMD_AVX512 static V bit_xor(V a, V b) { return _mm512_xor_pd(a, b); }
  LINGROK_SIMD_AVX512 static V abs(V a) { return _mm512_andnot_pd(_mm512_set1_pd(-0.0), a); }
  LINGROK_SIMD_AVX512 static V add_exponent(V a, V t) {
    const __m512i ti = _mm512_castpd_si512(t);
    return _mm512_castsi512_pd(
        _mm512_add_epi64(_mm512_castpd_si512(a), _mm512_mask_slli_epi64(ti, 0xFF, ti, 52)));
  }
  LINGROK_SIMD_AVX512 static M less_equal(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
  LINGROK_SIMD_AVX512 static M less(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
  LINGROK_SIMD_AVX512 static M greater(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
  LINGROK_SIMD_AVX512 static M mask_and(M a, M b) { return static_cast<M>(a & b); }
  LINGROK_SIMD_AVX512 static M mask_or(M a, M b) { return static_cast<M>(a | b); }
  LINGROK_SIMD_AVX512 static M mask_not(M a) { return static_cast<M>(~a); }
  LINGROK_SIMD_AVX512 static M all_lanes() { return 0xFF; }
  LINGROK_SIMD_AVX512 static bool all(M m) { return m == 0xFF; }
  LINGROK_SIMD_AVX512 static V zero_unless(M m, V a) { return _mm512_maskz_mov_pd(m, a); }
  LINGROK_SIMD_AVX512 static V select(M m, V if_true, V if_false) {
    return _mm512_mask_blend_pd(m, if_false, if_true);
  }
  LINGROK_SIMD_AVX512 static V select_sign(V s, V b, V a) {
    return _mm512_mask_blend_pd(_mm512_movepi64_mask(_mm512_castpd_si512(s)), a, b);
  }
  LINGROK_SIMD_AVX512 static double sum_lanes(V v) {
    alignas(64) double t[8];
    _mm512_store_pd(t, v);
    return ((t[0] + t[4]) + (t[1] + t[5])) + ((t[2] + t[6]) + (t[3] + t[7]));
  }
};

#undef LINGROK_SIMD_AVX2
#undef LINGROK_SIMD_AVX512

}  // namespace lingrok::simd
