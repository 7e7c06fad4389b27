#include "theory/smoothness.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "core/error.hpp"
#include "core/scalar.hpp"

namespace lingrok {

namespace {

#if defined(__x86_64__)
#define LINGROK_AVX_FMA __attribute__((target("avx,fma")))

// Lower triangle of Σ_k x̃_k x̃_kᵀ over the rows [r0, r1) of X (N x d, row-major), x̃ = (x, 1),
// added into C (dp x dp, row-major, dp = d + 1 rounded up to 8). Rows are packed in blocks of
// kb into column panels of width 8 (pack[p][k][c] = x̃_r[8p + c], zero beyond d + 1, so the
// column sums come out of the same loops as the rest); a 6 x 8 tile of C is held
// in twelve AVX registers while k runs over the block (12 FMAs per 8 loads; twelve independent
// accumulators keep both FMA pipes busy through the FMA latency). Each entry of C is summed
// block by block, over the rows in order within a block, so the tile shape does not change it.
LINGROK_AVX_FMA void gram_rows_avx(const double* X, Eigen::Index d, Eigen::Index r0,
                                   Eigen::Index r1, double* C, Eigen::Index dp) {
  const Eigen::Index kb = 512;
  const Eigen::Index np = dp / 8;
  std::vector<double> pack(static_cast<std::size_t>(kb * dp));
  for (Eigen::Index k0 = r0; k0 < r1; k0 += kb) {
    const Eigen::Index m = std::min(kb, r1 - k0);
    for (Eigen::Index p = 0; p < np; ++p) {
      double* dst = pack.data() + p * kb * 8;
      for (Eigen::Index k = 0; k < m; ++k) {
        const double* src = X + (k0 + k) * d + 8 * p;
        for (Eigen::Index c = 0; c < 8; ++c) {
          const Eigen::Index col = 8 * p + c;
          dst[8 * k + c] = col < d ? src[c] : (col == d ? 1.0 : 0.0);
        }
      }
    }
    for (Eigen::Index jp = 0; jp < np; ++jp) {
      const double* bj = pack.data() + jp * kb * 8;
      for (Eigen::Index i0 = jp * 8; i0 < dp; i0 += 6) {
        // Rows i0 .. i0 + 5 of C: row i of C is column i of X, in panel i / 8 at offset i % 8
        // (past dp the last row is read again and not stored).
        const double* a[6];
        for (Eigen::Index r = 0; r < 6; ++r) {
          const Eigen::Index i = std::min(i0 + r, dp - 1);
          a[r] = pack.data() + (i / 8) * kb * 8 + (i % 8);
        }
        // Loops over the six rows with constant bounds: unrolled, the accumulators stay in
        // registers.
        __m256d acc[6][2];
        for (auto& row : acc) row[0] = row[1] = _mm256_setzero_pd();
        for (Eigen::Index k = 0; k < 8 * m; k += 8) {
          const __m256d b0 = _mm256_loadu_pd(bj + k);
          const __m256d b1 = _mm256_loadu_pd(bj + k + 4);
          for (int r = 0; r < 6; ++r) {
            const __m256d x = _mm256_broadcast_sd(a[r] + k);
            acc[r][0] = _mm256_fmadd_pd(x, b0, acc[r][0]);
            acc[r][1] = _mm256_fmadd_pd(x, b1, acc[r][1]);
          }
        }
        for (Eigen::Index r = 0; r < 6 && i0 + r < dp; ++r) {
          double* c = C + (i0 + r) * dp + jp * 8;
          _mm256_storeu_pd(c, _mm256_add_pd(_mm256_loadu_pd(c), acc[r][0]));
          _mm256_storeu_pd(c + 4, _mm256_add_pd(_mm256_loadu_pd(c + 4), acc[r][1]));
        }
      }
    }
  }
}

bool cpu_has_avx_fma() {
  static const bool ok = __builtin_cpu_supports("avx") && __builtin_cpu_supports("fma");
  return ok;
}

// Σ x̃ x̃ᵀ for large d with the AVX kernel: the rows are split in two fixed halves (the result
// does not depend on the number of cores), each summed on its own thread, then added.
Eigen::MatrixXd gram_double_avx(const Dataset& data) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index dp = (d + 8) / 8 * 8;  // d + 1 columns, rounded up to 8
  const Eigen::Index half = n / 2;
  std::vector<double> c0(static_cast<std::size_t>(dp * dp), 0.0), c1(c0.size(), 0.0);
  const double* X = data.X.data();
  std::thread second([&] { gram_rows_avx(X, d, half, n, c1.data(), dp); });
  gram_rows_avx(X, d, 0, half, c0.data(), dp);
  second.join();
  Eigen::MatrixXd M(d + 1, d + 1);
  for (Eigen::Index i = 0; i <= d; ++i)
    for (Eigen::Index j = 0; j <= i; ++j) {
      const auto t = static_cast<std::size_t>(i * dp + j);
      M(i, j) = M(j, i) = c0[t] + c1[t];
    }
  return M;
}
#endif

// Σ x̃ x̃ᵀ in double, block by block through the (vectorised) matrix product.
Eigen::MatrixXd gram_double(const Dataset& data) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
#if defined(__x86_64__)
  // Large d (where λ_max stays double): the AVX/FMA kernel, ~3x Eigen's SSE2 product.
  if (d >= 64 && n >= 1024 && cpu_has_avx_fma()) return gram_double_avx(data);
#endif
  Eigen::MatrixXd M = Eigen::MatrixXd::Zero(d + 1, d + 1);
  const Eigen::Index block = 4096;
  Eigen::MatrixXd xt(block, d + 1);
  for (Eigen::Index i0 = 0; i0 < n; i0 += block) {
    const Eigen::Index m = std::min(block, n - i0);
    xt.topLeftCorner(m, d) = data.X.middleRows(i0, m);
    xt.col(d).head(m).setOnes();
    M.selfadjointView<Eigen::Lower>().rankUpdate(xt.topRows(m).transpose());
  }
  M.triangularView<Eigen::StrictlyUpper>() = M.transpose();
  return M;
}

}  // namespace

template <class T>
Smoothness<T> smoothness(const Dataset& data, Reduction reduction, Loss loss, const T& eta) {
  using std::abs;
  using std::sqrt;
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  const Eigen::Index D = d + 1;
  if (n == 0) throw InputError("smoothness: the training set is empty");
  Smoothness<T> out;
  out.globally_smooth = loss == Loss::logistic;
  const Eigen::MatrixXd Md = gram_double(data);
  const bool precise =
      !std::is_same_v<T, double> && D <= 64 && double(n) * double(D) * double(D) <= 1e8;
  // Eigenvectors only when the 50-digit refinement needs a starting vector.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(
      Md, precise ? Eigen::ComputeEigenvectors : Eigen::EigenvaluesOnly);
  T lambda = T(es.eigenvalues()(D - 1));
  if (precise) {
    const Eigen::VectorXd v0 = es.eigenvectors().col(D - 1);
    using MatT = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    using VecT = Eigen::Matrix<T, Eigen::Dynamic, 1>;
    MatT M = MatT::Zero(D, D);
    VecT xt(D);
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < d; ++j) xt(j) = T(data.X(i, j));
      xt(d) = T(1);
      for (Eigen::Index a = 0; a < D; ++a)
        for (Eigen::Index b = 0; b <= a; ++b) M(a, b) += xt(a) * xt(b);
    }
    for (Eigen::Index a = 0; a < D; ++a)
      for (Eigen::Index b = 0; b < a; ++b) M(b, a) = M(a, b);
    // Rayleigh-quotient iteration from the double eigenvector.
    VecT v(D);
    for (Eigen::Index a = 0; a < D; ++a) v(a) = T(v0(a));
    v /= sqrt(v.squaredNorm());
    lambda = v.dot(M * v);
    for (int it = 0; it < 8; ++it) {
      const MatT S = M - lambda * MatT::Identity(D, D);
      // No rank truncation: near convergence S is singular to working precision, and that
      // is exactly when the solve must keep the eigenvector direction.
      Eigen::PartialPivLU<MatT> lu(S);
      VecT w = lu.solve(v);
      const T wn = sqrt(w.squaredNorm());
      if (!(wn > T(0)) || !(wn == wn)) break;  // exact eigenvalue hit
      const VecT vn = w / wn;
      const T next = vn.dot(M * vn);
      // A refinement of the double eigenvalue: it may not jump to another eigenvalue.
      if (!(abs(next - lambda) <= abs(lambda) * T(1e-10))) break;
      const T change = abs(next - lambda);
      v = vn;
      lambda = next;
      if (change <= abs(lambda) * T(std::numeric_limits<T>::epsilon()) * T(16)) break;
    }
    out.full_precision = true;
  }
  out.lambda_max = lambda;
  out.beta = lambda / T(4);
  if (reduction == Reduction::mean) out.beta /= T(static_cast<double>(n));
  out.eta_beta = eta * out.beta;
  out.stable_eta = T(1) / out.beta;
  return out;
}

template Smoothness<double> smoothness<double>(const Dataset&, Reduction, Loss, const double&);
template Smoothness<Real50> smoothness<Real50>(const Dataset&, Reduction, Loss, const Real50&);

}  // namespace lingrok
