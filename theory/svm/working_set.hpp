// The working-set bookkeeping shared by the max-margin solvers of wolfe.cpp, active_set.cpp
// (Goldfarb–Idnani) and interior_point.cpp: the points z_i = y_i (x_i[, 1]), their margins z_i·u
// in one pass over X, the first guess of the working set, and its growth after a pass.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "data/dataset.hpp"

namespace lingrok::svm_detail {

using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// z_i = y_i (x_i[, 1]) as a double vector (exact: y = ±1).
Eigen::VectorXd point_z(const Dataset& data, bool augmented, Eigen::Index i);

// The rows z_i, i in `rows`, as a matrix (exact: y = ±1).
RowMatrixXd z_rows(const Dataset& data, bool augmented, const std::vector<Eigen::Index>& rows);

// max_i ||z_i||, the scale of the rounding noise of z_i·u.
double max_z_norm(const Dataset& data, bool augmented);

// The sizes a double-stage solver starts from: N, the dimension D of the z_i, the points added
// per full pass (MinNormOptions::batch, or max(256, D + 1) for 0) and max_i ||z_i||. Throws
// InputError for an empty training set.
struct SolverScale {
  Eigen::Index n = 0, D = 0, batch = 0;
  double max_norm = 0;
};
SolverScale solver_scale(const Dataset& data, bool augmented, Eigen::Index batch_option);

// Certification band of the double margins m_i(double) = fl(z_i·w_d), w_d = w rounded to double.
// For any summation order (blocked, vectorised, FMA) |fl(z·w_d) - z·w_d| <= γ_D Σ_j |z_j w_d,j|
// and |z·(w_d - w)| <= u Σ_j |z_j w_j|, so |m_i(double) - m_i| <= (γ_D + u)(1 + u) ||z_i|| ||w||
// <= (D + 2) u max_norm ||w|| =: e (Cauchy-Schwarz; u = 2^-53, D u << 1). A point whose double
// margin exceeds 1 + tol + e has exact margin above 1 + tol: it is feasible and not a support
// vector. The band returned is max(1e-6, 4e), far above e (e ~ 1e-9 at d = 1024, ||x|| <= 93,
// ||w|| ~ 50).
double certification_band(Eigen::Index D, double max_norm, double w_norm);

// Margins z_i·u of all points (one pass over X).
Eigen::VectorXd all_margins(const Dataset& data, bool augmented, const Eigen::VectorXd& u);

// The initial working set: the max(k_min, 4(D+1)) points (at most N) with the smallest
// margins along the mean of the z_i, a cheap guess at the support set.
std::vector<Eigen::Index> smallest_margin_rows(const Dataset& data, bool augmented,
                                               Eigen::Index k_min);

// After a full pass: the `batch` points of `viol` (outside the working set, violating) with the
// smallest margins `mall` join the working set (rows of zw, flags in_w, indices w_rows).
void grow_working_set(const Dataset& data, bool augmented, const Eigen::VectorXd& mall,
                      Eigen::Index batch, std::vector<Eigen::Index>& viol, RowMatrixXd& zw,
                      std::vector<char>& in_w, std::vector<Eigen::Index>& w_rows);

}  // namespace lingrok::svm_detail
