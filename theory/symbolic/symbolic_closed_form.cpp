// GiNaC computations behind symbolic_closed_form.hpp; GiNaC stays out of the public header.
#include "theory/symbolic/symbolic_closed_form.hpp"

#include <ginac/ginac.h>

#include <sstream>
#include <stdexcept>

namespace lingrok {

namespace {

SymbolicIdentity verdict(std::string name, std::string statement, const GiNaC::ex& residual) {
  const GiNaC::ex simplified = GiNaC::normal(residual);
  std::ostringstream os;
  os << simplified;
  return SymbolicIdentity{std::move(name), std::move(statement), simplified.is_zero(), os.str()};
}

}  // namespace

std::vector<SymbolicIdentity> check_bias_closed_form_identities() {
  using GiNaC::ex;
  using GiNaC::pow;
  const GiNaC::possymbol t("t"), t0("t0"), k("k"), delta("delta"), c("c"), v0("v0"), u("u");
  const GiNaC::realsymbol b0("b0");

  // e^{b} as a function of X = e^{g}: the closed form is b = log(E(X)).
  auto E_of = [&](const ex& X) {
    return ((1 + v0) * X - (1 - v0)) / (((1 + v0) * X + (1 - v0)) * delta);
  };
  const ex X_t = pow(t / t0, 2 * c * k);  // e^{g(t)}, g = 2ck log(t/t0)
  const ex b = GiNaC::log(E_of(X_t));
  const ex A_plus = k / delta, A_minus = k * delta;

  std::vector<SymbolicIdentity> out;

  // exp(b) = exp(log E) evaluates to E; exp(-b) = exp(-log E) is rewritten to 1/E.
  ex rhs = c / t * (A_plus * GiNaC::exp(-b) - A_minus * GiNaC::exp(b));
  rhs = rhs.subs(GiNaC::exp(-GiNaC::log(GiNaC::wild(0))) == pow(GiNaC::wild(0), -1));
  out.push_back(verdict("ode",
                        "db/dt = (c/t)(A+ e^{-b} - A- e^{b}) with A+ = k/delta, A- = k delta, "
                        "for all t > 0 and positive k, delta, c, t0, v0",
                        GiNaC::diff(b, t) - rhs));

  // b(t0) = log(v0/δ) with v0 = δ e^{b0} (b0 real): log(e^{b0}) = b0.
  out.push_back(verdict("initial_value", "b(t0) = b0 where v0 = delta e^{b0}",
                        b.subs(t == t0).subs(v0 == delta * GiNaC::exp(b0)) - b0));

  // In u = 1/X = e^{-g}, which tends to 0 as t -> oo because ck > 0.
  const ex E_u = GiNaC::normal(E_of(pow(u, -1)));
  out.push_back(verdict("limit",
                        "delta e^{b} -> 1 as u = e^{-g} -> 0, i.e. b -> b_inf = -log delta "
                        "(E(1/u) is a rational function of u, continuous at 0)",
                        delta * E_u.subs(u == 0) - 1));

  const ex expansion = GiNaC::series(GiNaC::log(delta * E_u), u == 0, 3);
  out.push_back(verdict("late_time_zeroth",
                        "b - b_inf = O(e^{-g}) (no constant term in u = e^{-g})",
                        expansion.coeff(u, 0)));
  out.push_back(verdict("late_time_first",
                        "b - b_inf = -2 (1-v0)/(1+v0) e^{-g} + O(e^{-2g}) "
                        "(docs/theory.md#closed-form-bias)",
                        expansion.coeff(u, 1) + 2 * (1 - v0) / (1 + v0)));

  // tanh(z) = (e^{2z}-1)/(e^{2z}+1) with e^{2z} = e^{g} e^{2 artanh v0} = X (1+v0)/(1-v0).
  const GiNaC::possymbol X("X");
  const ex e2z = X * (1 + v0) / (1 - v0);
  out.push_back(verdict("tanh_form", "delta e^{b} = tanh(g/2 + artanh v0) (v0 != 1)",
                        delta * E_of(X) - (e2z - 1) / (e2z + 1)));

  // e^{-2 artanh y} = (1-y)/(1+y), y = r e^{-g} = r/X.
  const ex y = (1 - v0) / (1 + v0) / X;
  out.push_back(verdict("artanh_form",
                        "b = -log delta - 2 artanh(r e^{-g}), r = (1-v0)/(1+v0), compared "
                        "through delta e^{b} = (1-y)/(1+y), y = r e^{-g}",
                        delta * E_of(X) - (1 - y) / (1 + y)));
  return out;
}

SymbolicIdentity check_expression_is_zero(const std::string& name, const std::string& expression) {
  GiNaC::parser reader;
  GiNaC::ex e;
  try {
    e = reader(expression);
  } catch (const GiNaC::parse_error& err) {
    throw std::invalid_argument("symbolic check \"" + name + "\": cannot parse \"" + expression +
                                "\": " + err.what());
  }
  return verdict(name, expression + " = 0", e);
}

}  // namespace lingrok
