// The max-margin solvers' working set: points, margins in one pass over X, the first guess and its
// growth (working_set.hpp, docs/theory.md#max-margin-separator).
#include "theory/svm/working_set.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"

namespace lingrok::svm_detail {

Eigen::VectorXd point_z(const Dataset& data, bool augmented, Eigen::Index i) {
  const Eigen::Index d = data.X.cols();
  Eigen::VectorXd z(d + (augmented ? 1 : 0));
  z.head(d) = data.y(i) * data.X.row(i).transpose();
  if (augmented) z(d) = data.y(i);
  return z;
}

RowMatrixXd z_rows(const Dataset& data, bool augmented, const std::vector<Eigen::Index>& rows) {
  const Eigen::Index d = data.X.cols();
  RowMatrixXd z(static_cast<Eigen::Index>(rows.size()), d + (augmented ? 1 : 0));
  for (std::size_t t = 0; t < rows.size(); ++t)
    z.row(static_cast<Eigen::Index>(t)) = point_z(data, augmented, rows[t]).transpose();
  return z;
}

double max_z_norm(const Dataset& data, bool augmented) {
  const double m = data.X.rowwise().norm().maxCoeff();
  return augmented ? std::sqrt(m * m + 1.0) : m;
}

SolverScale solver_scale(const Dataset& data, bool augmented, Eigen::Index batch_option) {
  SolverScale s;
  s.n = data.X.rows();
  s.D = data.X.cols() + (augmented ? 1 : 0);
  if (s.n == 0) {
    throw InputError("the training set is empty: it needs at least one point per class");
  }
  s.batch = batch_option > 0 ? batch_option : std::max<Eigen::Index>(256, s.D + 1);
  s.max_norm = max_z_norm(data, augmented);
  return s;
}

double certification_band(Eigen::Index D, double max_norm, double w_norm) {
  const double unit = std::numeric_limits<double>::epsilon() / 2;
  const double e = double(D + 2) * unit * max_norm * w_norm * (1 + 1e-6);
  return std::max(1e-6, 4.0 * e);
}

Eigen::VectorXd all_margins(const Dataset& data, bool augmented, const Eigen::VectorXd& u) {
  const Eigen::Index d = data.X.cols();
  Eigen::VectorXd f = data.X * u.head(d);
  if (augmented) f.array() += u(d);
  return data.y.cwiseProduct(f);
}

std::vector<Eigen::Index> smallest_margin_rows(const Dataset& data, bool augmented,
                                               Eigen::Index k_min) {
  const Eigen::Index n = data.X.rows(), d = data.X.cols(), D = d + (augmented ? 1 : 0);
  Eigen::VectorXd u0 = Eigen::VectorXd::Zero(D);
  u0.head(d) = data.X.transpose() * data.y;
  if (augmented) u0(d) = data.y.sum();
  if (u0.norm() == 0.0) u0 = point_z(data, augmented, 0);
  const Eigen::VectorXd m0 = all_margins(data, augmented, u0 / u0.norm());
  std::vector<Eigen::Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  const auto k0 = static_cast<std::ptrdiff_t>(
      std::min<Eigen::Index>(n, std::max<Eigen::Index>(k_min, 4 * (D + 1))));
  std::nth_element(order.begin(), order.begin() + k0 - 1, order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return m0(a) < m0(b); });
  return {order.begin(), order.begin() + k0};
}

void grow_working_set(const Dataset& data, bool augmented, const Eigen::VectorXd& mall,
                      Eigen::Index batch, std::vector<Eigen::Index>& viol, RowMatrixXd& zw,
                      std::vector<char>& in_w, std::vector<Eigen::Index>& w_rows) {
  if (static_cast<Eigen::Index>(viol.size()) > batch) {
    std::nth_element(viol.begin(), viol.begin() + batch - 1, viol.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return mall(a) < mall(b); });
    viol.resize(static_cast<std::size_t>(batch));
  }
  const Eigen::Index old = zw.rows();
  zw.conservativeResize(old + static_cast<Eigen::Index>(viol.size()), zw.cols());
  for (std::size_t t = 0; t < viol.size(); ++t) {
    zw.row(old + static_cast<Eigen::Index>(t)) = point_z(data, augmented, viol[t]).transpose();
    in_w[static_cast<std::size_t>(viol[t])] = 1;
    w_rows.push_back(viol[t]);
  }
}

}  // namespace lingrok::svm_detail
