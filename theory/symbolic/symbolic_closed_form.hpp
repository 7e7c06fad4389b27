// Symbolic checks (docs/numerics.md#symbolic-checks) of the closed-form late-time bias of Theorem
// 4.5 / docs/theory.md#closed-form-bias,
//     b(t) = log( ((1+v0) X - (1-v0)) / ((1+v0) X + (1-v0)) ) - log δ,
//     X = e^{g} = (t/t0)^{2ck},  v0 = δ e^{b0},  A+ = k/δ,  A- = kδ,
// with every parameter a positive symbol (so v0 < 1, v0 = 1 and v0 > 1 are all covered, and
// c = η or c = 1 covers both unit conventions). Each identity is a residual that GiNaC's
// normal() must reduce to exactly 0:
//   ode              db/dt - (c/t)(A+ e^{-b} - A- e^{b})
//   initial_value    b(t0) - b0
//   limit            δ e^{b(∞)} - 1, i.e. b → -log δ (in u = 1/X = e^{-g} → 0 as t → ∞, ck > 0)
//   late_time_zeroth [u^0] of b - b∞ expanded in u (it must vanish)
//   late_time_first  [u^1] of b - b∞  +  2(1-v0)/(1+v0)   (docs/theory.md#closed-form-bias's first
// late-time term)
//   tanh_form        δ e^{b} - tanh(g/2 + artanh v0), all written through X and v0
//   artanh_form      δ e^{b} - e^{-2 artanh(r/X)}, r = (1-v0)/(1+v0): the form
//                    theory/bias/closed_form.hpp evaluates
// GiNaC does not rewrite exp(-log y) or log(a) + log(1/a) by itself (shared/TOOLCHAIN.md), so
// the checks compare exponentials (e^{b} = E exactly) where a logarithm would not simplify;
// each statement says which form is compared. Printed forms vary from run to run: use
// `simplifies_to_zero`, never the text.
#pragma once

#include <string>
#include <vector>

namespace lingrok {

struct SymbolicIdentity {
  std::string name;         // short id, e.g. "ode"
  std::string statement;    // the identity in words and formulas
  bool simplifies_to_zero;  // normal(residual) is exactly 0
  std::string residual;     // the simplified residual as GiNaC prints it (for reports only)
};

// All identities above, in the order listed.
std::vector<SymbolicIdentity> check_bias_closed_form_identities();

// Parses `expression` (GiNaC syntax: + - * / ^, exp, log, sqrt, ...; names become symbols)
// and reports whether normal() reduces it to 0. Throws std::invalid_argument on a parse error.
SymbolicIdentity check_expression_is_zero(const std::string& name, const std::string& expression);

}  // namespace lingrok
