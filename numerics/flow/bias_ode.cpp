// Explicit instantiations of the bias-ODE integrator (see bias_ode.hpp): odeint over Real50
// is compiled here once.
#include "numerics/flow/bias_ode.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/scalar.hpp"
#include "numerics/flow/odeint_multiprecision.hpp"

namespace lingrok {

void BiasOdeOptions::validate() const {
  if (!(abs_tol >= 0) || !(rel_tol >= 0) || (abs_tol == 0 && rel_tol == 0))
    throw std::invalid_argument(
        "bias ODE: abs_tol and rel_tol must be >= 0 and not both 0 (e.g. 1e-40)");
}

template <class T>
std::vector<T> log_time_grid(const T& t0, const T& t_end, int per_decade) {
  using std::log10;
  using std::pow;
  if (!(t0 > 0) || !(t_end >= t0) || per_decade < 1)
    throw std::invalid_argument("log_time_grid: needs 0 < t0 <= t_end and per_decade >= 1");
  const T decades = log10(t_end / t0);
  const long n = std::lround(static_cast<double>(decades) * per_decade);
  std::vector<T> out;
  out.reserve(static_cast<std::size_t>(n) + 1);
  out.push_back(t0);
  for (long i = 1; i < n; ++i) out.push_back(t0 * pow(T(10), decades * T(i) / T(n)));
  if (t_end > t0) out.push_back(t_end);
  return out;
}

namespace {

// S(u) = (sinh u - u) / u², odd and analytic; its series u/6 + u³/120 + … for |u| < 1, where the
// difference would cancel, the closed form above.
template <class T>
T sinh_excess(const T& u) {
  using std::abs;
  using std::sinh;
  if (abs(u) >= T(1)) return T(sinh(u) - u) / T(u * u);
  const T eps = std::numeric_limits<T>::epsilon();
  const T u2 = u * u;
  T term = u / T(6);  // u^{2n+1} / (2n+3)!, n = 0
  T sum = term;
  for (int n = 1; n < 200 && abs(term) > eps * abs(sum); ++n) {
    term = term * u2 / T((2 * n + 2) * (2 * n + 3));
    sum += term;
  }
  return sum;
}

}  // namespace

template <class T>
BiasOdeSolution<T> integrate_bias_ode(const BiasOdeParams<T>& p, const std::vector<T>& times,
                                      const BiasOdeOptions& options) {
  namespace odeint = boost::numeric::odeint;
  using std::abs;
  using std::exp;
  using std::log;
  options.validate();
  if (!(p.A_plus > 0) || !(p.A_minus > 0) || !(p.c > 0) || !(p.t0 > 0))
    throw std::invalid_argument("bias ODE: needs A+ > 0, A- > 0, c > 0 and t0 > 0");
  if (times.empty()) throw std::invalid_argument("bias ODE: the time grid is empty");
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (!(times[i] >= p.t0)) throw std::invalid_argument("bias ODE: every grid time must be >= t0");
    if (i > 0 && !(times[i] > times[i - 1]))
      throw std::invalid_argument("bias ODE: grid times must be strictly increasing");
  }

  BiasOdeSolution<T> out;
  out.abs_tol = options.abs_tol;
  out.rel_tol = options.rel_tol;

  // θ = (t/t0)^{-λ}, λ = 2ck, and z = (b - b∞)/θ (see the header). θ decreases along the grid;
  // it may underflow to 0 (double) and then repeats, so the integration runs over the distinct
  // values of φ = -θ, increasing, with φ = -1 (t = t0) prepended when the grid starts later.
  const T lambda = T(2) * p.c * bias_k(p);
  const T b_inf = bias_limit(p);
  std::vector<T> theta;
  theta.reserve(times.size());
  for (const T& t : times) theta.push_back(T(exp(T(-lambda * T(log(t / p.t0))))));
  std::vector<T> phi{T(-1)};
  std::vector<std::size_t> slot(times.size());  // index into phi of each grid time
  for (std::size_t i = 0; i < times.size(); ++i) {
    const T f = -theta[i];
    if (f > phi.back()) phi.push_back(f);
    slot[i] = phi.size() - 1;
  }

  auto rhs = [&options](const T& z, T& dzdphi, const T& phi_now) {
    Deadline::check(options.deadline);
    // dz/dφ = -dz/dθ = -z² S(θ z), θ = -φ.
    const T u = T(-phi_now) * z;
    dzdphi = -(z * z) * sinh_excess(u);
  };

  // Dense output without step bound or interpolation-error control (see the header).
  using Stepper = odeint::bulirsch_stoer_dense_out<T, T, T, T, odeint::vector_space_algebra>;
  Stepper stepper(T(options.abs_tol), T(options.rel_tol), T(1), T(1), T(0),
                  /*control_interpolation=*/false);
  T z = p.b0 - b_inf;
  std::vector<T> z_at;
  z_at.reserve(phi.size());
  auto observe = [&](const T& x, const T& /*phi*/) {
    if (z_at.size() < phi.size()) z_at.push_back(x);
  };
  if (phi.size() == 1) {
    z_at.push_back(z);  // every grid time is t0 (or θ = 1 to the scalar's precision)
  } else {
    const T dphi0 = (phi.back() - phi.front()) / T(1000);
    out.steps = odeint::integrate_times(stepper, rhs, z, phi.begin(), phi.end(), dphi0, observe);
  }
  if (z_at.size() != phi.size())
    throw std::logic_error("bias ODE: odeint observed " + std::to_string(z_at.size()) + " of " +
                           std::to_string(phi.size()) + " grid times");
  out.b.reserve(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    // t = t0 itself is the initial value, exactly.
    out.b.push_back(times[i] == p.t0 ? p.b0 : T(b_inf + theta[i] * z_at[slot[i]]));
  }

  out.t = times;
  out.b_closed_form.reserve(times.size());
  out.error.reserve(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    const T cf = bias_closed_form(p, times[i]);
    const T scale = abs(cf) > T(1) ? T(abs(cf)) : T(1);
    const T err = T(abs(out.b[i] - cf)) / scale;
    out.b_closed_form.push_back(cf);
    out.error.push_back(err);
    if (err > out.max_error) out.max_error = err;
  }
  return out;
}

template std::vector<double> log_time_grid(const double&, const double&, int);
template std::vector<Real50> log_time_grid(const Real50&, const Real50&, int);
template BiasOdeSolution<double> integrate_bias_ode(const BiasOdeParams<double>&,
                                                    const std::vector<double>&,
                                                    const BiasOdeOptions&);
template BiasOdeSolution<Real50> integrate_bias_ode(const BiasOdeParams<Real50>&,
                                                    const std::vector<Real50>&,
                                                    const BiasOdeOptions&);

}  // namespace lingrok
