// The double path of the coupled flow (see coupled_flow.hpp): rosenbrock4 on ublas vectors.
// Its own translation unit because ublas in Boost 1.74 does not compile as C++20
// (std::allocator::construct, boostorg/ublas#96, fixed in 1.75): this file alone is C++17
// (numerics/CMakeLists.txt), so the public header may use C++20.
#include "numerics/flow/coupled_flow_rosenbrock.hpp"

#include <utility>

#include "numerics/flow/odeint_multiprecision.hpp"

namespace lingrok::detail {

namespace odeint = boost::numeric::odeint;

FlowTrajectory<double> coupled_flow_rosenbrock(const SupportObjective<double>& F,
                                               const Eigen::VectorXd& rho0, double beta0, double t0,
                                               const std::vector<double>& t_grid, double abs_tol,
                                               double rel_tol, const Deadline* deadline) {
  using UVec = boost::numeric::ublas::vector<double>;
  using UMat = boost::numeric::ublas::matrix<double>;
  const std::size_t n = static_cast<std::size_t>(F.dim()) + 1;
  auto to_eigen = [n](const UVec& x) {
    Eigen::VectorXd v(static_cast<Eigen::Index>(n));
    for (std::size_t i = 0; i < n; ++i) v(static_cast<Eigen::Index>(i)) = x(i);
    return v;
  };
  auto sys = [&](const UVec& x, UVec& dxds, double) {
    Deadline::check(deadline);
    const Eigen::VectorXd g = F.gradient(to_eigen(x));
    for (std::size_t i = 0; i < n; ++i) dxds(i) = -g(static_cast<Eigen::Index>(i));
  };
  auto jac = [&](const UVec& x, UMat& J, double, UVec& dfds) {
    const Eigen::MatrixXd h = F.hessian(to_eigen(x));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j)
        J(i, j) = -h(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
      dfds(i) = 0.0;  // autonomous
    }
  };
  FlowTrajectory<double> out;
  out.method = "rosenbrock4 (odeint, L-stable, exact Jacobian -Hessian F) in s = log t";
  UVec x(n);
  for (std::size_t i = 0; i + 1 < n; ++i) x(i) = rho0(static_cast<Eigen::Index>(i));
  x(n - 1) = beta0;
  bool prepended = false;
  const std::vector<double> s = coupled_flow_s_grid(t0, t_grid, prepended);
  std::size_t k = 0;
  auto observe = [&](const UVec& state, double) {
    if (k++ == 0 && prepended) return;
    const Eigen::VectorXd v = to_eigen(state);
    out.w.push_back(v.head(F.dim()));
    out.b.push_back(v(F.dim()));
  };
  if (s.size() == 1) {
    observe(x, 0.0);
  } else {
    auto stepper = odeint::make_controlled(abs_tol, rel_tol, odeint::rosenbrock4<double>());
    out.steps = odeint::integrate_times(stepper, std::make_pair(sys, jac), x, s.begin(), s.end(),
                                        (s.back() - s.front()) / 1000, observe);
  }
  return out;
}

}  // namespace lingrok::detail
