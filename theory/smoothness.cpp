#include "theory/smoothness.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "core/error.hpp"
#include "core/scalar.hpp"

namespace lingrok {

namespace {

// Σ x̃ x̃ᵀ in double, block by block through the (vectorised) matrix product.
Eigen::MatrixXd gram_double(const Dataset& data) {
  const Eigen::Index n = data.X.rows();
  const Eigen::Index d = data.X.cols();
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
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(Md);
  const Eigen::VectorXd v0 = es.eigenvectors().col(D - 1);
  T lambda = T(es.eigenvalues()(D - 1));
  const bool precise =
      !std::is_same_v<T, double> && D <= 64 && double(n) * double(D) * double(D) <= 1e8;
  if (precise) {
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
