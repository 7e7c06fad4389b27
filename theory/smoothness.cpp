// The smoothness β of the training loss and the stable step 1/β (smoothness.hpp,
// docs/conventions.md#step-size-regime).
#include "theory/smoothness.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/scalar.hpp"
#include "theory/gram_kernel.hpp"

namespace lingrok {

namespace {

// Lower triangle of Σ_k x̃_k x̃_kᵀ over the rows [r0, r1) of X (N x d, row-major), x̃ = (x, 1),
// added into C (dp x dp, row-major, dp = d + 1 rounded up to 8): blocks of kGramBlock rows
// packed into panels (zero beyond d + 1, so the column sums come out of the same loops as the
// rest) for the AVX kernel of gram_kernel.hpp. Each entry of C is summed block by block.
void gram_rows_avx(const double* X, Eigen::Index d, Eigen::Index r0, Eigen::Index r1, double* C,
                   Eigen::Index dp) {
  const Eigen::Index np = dp / 8;
  std::vector<double> pack(static_cast<std::size_t>(kGramBlock * dp));
  for (Eigen::Index k0 = r0; k0 < r1; k0 += kGramBlock) {
    const Eigen::Index m = std::min(kGramBlock, r1 - k0);
    for (Eigen::Index p = 0; p < np; ++p) {
      for (Eigen::Index k = 0; k < m; ++k) {
        const double* src = X + (k0 + k) * d + 8 * p;
        double* dst = pack.data() + gram_pack_index(p, k, 0);
        for (Eigen::Index c = 0; c < 8; ++c) {
          const Eigen::Index col = 8 * p + c;
          dst[c] = col < d ? src[c] : (col == d ? 1.0 : 0.0);
        }
      }
    }
    add_gram_packed_avx(pack.data(), m, dp, C);
  }
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

// Σ x̃ x̃ᵀ in double, block by block through the (vectorised) matrix product.
Eigen::MatrixXd gram_double(const Dataset& data) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
  // Large d (where λ_max stays double): the AVX/FMA kernel, ~3x Eigen's SSE2 product.
  if (d >= 64 && n >= 1024 && cpu_has_avx_fma()) return gram_double_avx(data);
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
