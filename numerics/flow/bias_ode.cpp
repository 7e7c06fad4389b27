// Explicit instantiations of the bias-ODE integrator (see bias_ode.hpp): odeint over Real50
// is compiled here once.
#include "numerics/flow/bias_ode.hpp"

#include <cmath>
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

template <class T>
BiasOdeSolution<T> integrate_bias_ode(const BiasOdeParams<T>& p, const std::vector<T>& times,
                                      const BiasOdeOptions& options) {
  namespace odeint = boost::numeric::odeint;
  using std::abs;
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

  // Grid in s = log(t/t0); integrate_times needs the start as its first point.
  std::vector<T> s_grid;
  s_grid.reserve(times.size() + 1);
  const bool prepend = times.front() > p.t0;
  if (prepend) s_grid.push_back(T(0));
  for (const T& t : times) s_grid.push_back(log(t / p.t0));

  const T c = p.c, ap = p.A_plus, am = p.A_minus;
  auto rhs = [&](const T& b, T& dbds, const T& /*s*/) {
    using std::exp;
    dbds = c * (ap * exp(-b) - am * exp(b));
  };

  using Stepper = odeint::bulirsch_stoer_dense_out<T, T, T, T, odeint::vector_space_algebra>;
  // Steps longer than the relaxation time 1/(2ck) let the modified midpoint rule amplify the
  // rounding noise of the right-hand side near the fixed point (seen at v0 = 1: 3e-41 with
  // unbounded steps, exact with this bound); the bound costs at most 4ck log(t_end/t0) steps.
  const T max_ds = T(2) / (c * bias_k(p));
  Stepper stepper(T(options.abs_tol), T(options.rel_tol), T(1), T(1), max_ds,
                  /*control_interpolation=*/true);
  T b = p.b0;
  std::size_t seen = 0;
  auto observe = [&](const T& x, const T& /*s*/) {
    if (seen++ == 0 && prepend) return;
    if (out.b.size() < times.size()) out.b.push_back(x);
  };
  if (s_grid.size() == 1) {
    out.b.push_back(b);  // the grid is {t0}: nothing to integrate
  } else {
    const T ds0 = s_grid.back() / T(1000);
    out.steps =
        odeint::integrate_times(stepper, rhs, b, s_grid.begin(), s_grid.end(), ds0, observe);
  }
  if (out.b.size() != times.size())
    throw std::logic_error("bias ODE: odeint observed " + std::to_string(out.b.size()) + " of " +
                           std::to_string(times.size()) + " grid times");

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
