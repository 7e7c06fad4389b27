#define BOOST_TEST_MODULE theory_late_time_limit
#include "theory/late_time/late_time_limit.hpp"

#include <boost/test/unit_test.hpp>

#include "core/scalar.hpp"
#include "theory/bias/bias_constants.hpp"

namespace tt = boost::test_tools;
using lingrok::Real50;
using Obj = lingrok::SupportObjective<Real50>;

namespace {
const Real50 kTight("1e-44");
const Real50 kEta("0.01");
}  // namespace

// Two points x = (1,0) (+), (-1,0) (-): ŵ = (1,0), F = η e^{-ρ1}(e^{-β} + e^{β}) + ρ1, so
// β = 0, ρ1 = log 2η; ρ2 is flat (x̃_s = (±1, 0, 1)): flat dimension 1, ρ2 = 0.
BOOST_AUTO_TEST_CASE(symmetric_pair_by_hand) {
  Obj::Mat X(2, 2);
  X << 1, 0, -1, 0;
  Obj::Vec y(2), w(2);
  y << 1, -1;
  w << 1, 0;
  const Obj F(X, y, w, kEta);
  const auto lim = lingrok::late_time_limit(F);
  BOOST_TEST(lim.converged);
  BOOST_TEST(lim.flat_dimension == 1);
  BOOST_TEST(lim.w_tilde(0) == Real50(log(Real50(2) * kEta)), tt::tolerance(kTight));
  BOOST_TEST(abs(lim.w_tilde(1)) <= kTight);
  BOOST_TEST(abs(lim.b_tilde) <= kTight);
  BOOST_TEST(lim.alpha(0) == Real50("0.5"), tt::tolerance(kTight));
  BOOST_TEST(lim.residual_w <= Real50("1e-40"));
  BOOST_TEST(lim.residual_b <= Real50("1e-40"));
  const auto bc = lingrok::bias_constants<Real50>(X, y, w, lim.w_tilde);
  BOOST_TEST(bc.delta == Real50(1), tt::tolerance(kTight));
  BOOST_TEST(bc.k == Real50(1) / (2 * kEta), tt::tolerance(kTight));
  BOOST_TEST(bc.T_c == Real50(1) / (2 * kEta), tt::tolerance(kTight));
}

// Three supports: (1,1), (1,-1) positive, (-1,0) negative; ŵ = (1,0), b̂ = 0. By symmetry
// ρ2 = 0; ∂β: e^{2β} = 2, so b̃ = ½ log 2; ∂ρ1: e^{-ρ1} 2√2 = 1/η, ρ1 = log(2√2 η).
// A+ = 2 e^{-ρ1}, A- = e^{-ρ1}: δ = 1/√2, b∞ = ½ log 2 = b̃, k = 1/(2η).
BOOST_AUTO_TEST_CASE(three_points_with_nonzero_limit_bias) {
  Obj::Mat X(3, 2);
  X << 1, 1, 1, -1, -1, 0;
  Obj::Vec y(3), w(2);
  y << 1, 1, -1;
  w << 1, 0;
  const Obj F(X, y, w, kEta);
  const auto lim = lingrok::late_time_limit(F);
  BOOST_TEST(lim.converged);
  BOOST_TEST(lim.flat_dimension == 0);
  const Real50 half_log2 = log(Real50(2)) / 2;
  BOOST_TEST(lim.b_tilde == half_log2, tt::tolerance(kTight));
  BOOST_TEST(lim.w_tilde(0) == Real50(log(2 * sqrt(Real50(2)) * kEta)), tt::tolerance(kTight));
  BOOST_TEST(abs(lim.w_tilde(1)) <= kTight);
  BOOST_TEST(lim.residual_w <= Real50("1e-40"));
  BOOST_TEST(lim.residual_b <= Real50("1e-40"));
  const auto bc = lingrok::bias_constants<Real50>(X, y, w, lim.w_tilde);
  BOOST_TEST(bc.b_inf == lim.b_tilde, tt::tolerance(kTight));
  BOOST_TEST(bc.delta == Real50(1) / sqrt(Real50(2)), tt::tolerance(kTight));
  BOOST_TEST(bc.k == Real50(1) / (2 * kEta), tt::tolerance(kTight));
  // The gradient vanishes at the limit, and the Hessian is positive definite there.
  const auto g = F.gradient(lim.w_tilde, lim.b_tilde);
  BOOST_TEST(sqrt(g.squaredNorm()) <= Real50("1e-40"));
  const Obj::Mat H = F.hessian(lim.w_tilde, lim.b_tilde);
  BOOST_TEST(H.determinant() > Real50(0));
}

// The same problem in double converges to the same point within double precision.
BOOST_AUTO_TEST_CASE(double_instantiation_agrees) {
  using ObjD = lingrok::SupportObjective<double>;
  ObjD::Mat X(3, 2);
  X << 1, 1, 1, -1, -1, 0;
  ObjD::Vec y(3), w(2);
  y << 1, 1, -1;
  w << 1, 0;
  const auto lim = lingrok::late_time_limit(ObjD(X, y, w, 0.01));
  BOOST_TEST(lim.converged);
  BOOST_TEST(lim.b_tilde == 0.5 * std::log(2.0), tt::tolerance(1e-12));
  BOOST_TEST(lim.w_tilde(0) == std::log(2 * std::sqrt(2.0) * 0.01), tt::tolerance(1e-12));
}

// Gradient and Hessian of SupportObjective match central differences of its value.
BOOST_AUTO_TEST_CASE(objective_derivatives_match_finite_differences) {
  Obj::Mat X(3, 2);
  X << 0.5, 2, 1, -1, -1.5, 0.25;
  Obj::Vec y(3), w(2), rho(2);
  y << 1, 1, -1;
  w << 0.7, -0.2;
  rho << 0.3, -0.4;
  const Real50 beta("0.1");
  const Obj F(X, y, w, kEta);
  const Real50 h("1e-20");  // truncation ~h² = 1e-40, rounding ~1e-50/h = 1e-30
  const auto g = F.gradient(rho, beta);
  const auto H = F.hessian(rho, beta);
  Obj::Vec th(3);
  th << rho(0), rho(1), beta;
  for (int i = 0; i < 3; ++i) {
    Obj::Vec p = th, m = th;
    p(i) += h;
    m(i) -= h;
    const Real50 fd = (F.value(p) - F.value(m)) / (2 * h);
    BOOST_TEST(fd == g(i), tt::tolerance(Real50("1e-25")));
    const Obj::Vec gfd = (F.gradient(p) - F.gradient(m)) / (2 * h);
    for (int j = 0; j < 3; ++j) BOOST_TEST(gfd(j) == H(j, i), tt::tolerance(Real50("1e-25")));
  }
}

// When the max-margin bias is not 0 the objective has no finite minimiser and the result says
// so: single support point x = (1,0) (+) with ŵ = (1,0): F = η e^{-(ρ1+β)} + ρ1 decreases
// without bound as β → ∞.
BOOST_AUTO_TEST_CASE(no_minimiser_is_reported) {
  Obj::Mat X(1, 2);
  X << 1, 0;
  Obj::Vec y(1), w(2);
  y << 1;
  w << 1, 0;
  const auto lim = lingrok::late_time_limit(Obj(X, y, w, kEta));
  BOOST_TEST(!lim.converged);
  BOOST_TEST(!lim.message.empty());
}

// The mixed-precision path (Hessian in double, gradient in Real50, used for large |S| d²)
// reaches the same 50-digit limit.
BOOST_AUTO_TEST_CASE(double_hessian_path_reaches_full_precision) {
  Obj::Mat X(3, 2);
  X << 1, 1, 1, -1, -1, 0;
  Obj::Vec y(3), w(2);
  y << 1, 1, -1;
  w << 1, 0;
  lingrok::LateTimeOptions opt;
  opt.hessian_work_in_T = 0;
  const auto lim = lingrok::late_time_limit(Obj(X, y, w, kEta), opt);
  BOOST_TEST(lim.converged);
  BOOST_TEST(!lim.hessian_in_T);
  BOOST_TEST(lim.b_tilde == Real50(log(Real50(2)) / 2), tt::tolerance(kTight));
  BOOST_TEST(lim.residual_w <= Real50("1e-40"));
  BOOST_TEST(lim.residual_b <= Real50("1e-40"));
}
