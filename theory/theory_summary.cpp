// The text `lingrok theory` prints (theory_summary.hpp): one line per stage of compute_theory.
#include "theory/theory_summary.hpp"

#include <cmath>
#include <sstream>

namespace lingrok {

std::string summary(const TheoryResult& r) {
  std::ostringstream os;
  os.precision(6);
  os << "data: N = " << r.n << " (" << r.n_plus << " +, " << r.n_minus << " -), d = " << r.d
     << ", R = " << static_cast<double>(r.R) << '\n';
  os << "max-margin: margin 1/||w_hat|| = " << static_cast<double>(r.svm.margin)
     << ", |S+| = " << r.svm.support_plus.size() << ", |S-| = " << r.svm.support_minus.size()
     << " (at tol " << r.options.support_tol << "; " << r.svm.on_margin_count
     << " on the margin to 50 digits, " << r.svm.basis.size() << " carry multipliers; gap "
     << (r.svm.all_points_support ? std::string("none: every point is in S")
                                  : to_full_string(static_cast<double>(r.svm.min_nonsupport_margin -
                                                                       r.svm.max_support_margin)))
     << " to the nearest margin outside S), b_hat(eq.7) = " << static_cast<double>(r.svm_eq7.b)
     << (r.assumption_3_1 ? " (Assumption 3.1 holds)" : " (Assumption 3.1 FAILS)") << '\n';
  if (r.late_time_available) {
    os << "late-time: ||w_tilde|| = " << static_cast<double>(sqrt(r.late.w_tilde.squaredNorm()))
       << ", b_tilde = " << static_cast<double>(r.late.b_tilde) << ", dual residuals "
       << static_cast<double>(r.late.residual_w) << ", " << static_cast<double>(r.late.residual_b)
       << ", flat dimension " << r.late.flat_dimension << '\n';
    os << "bias: A+ = " << static_cast<double>(r.bias.A_plus)
       << ", A- = " << static_cast<double>(r.bias.A_minus)
       << ", delta = " << static_cast<double>(r.bias.delta)
       << ", b_inf = " << static_cast<double>(r.bias.b_inf)
       << ", k = " << static_cast<double>(r.bias.k) << ", T_c = " << static_cast<double>(r.bias.T_c)
       << '\n';
  } else {
    os << "late-time: " << r.late_time_note << '\n';
  }
  os << "smoothness: beta = " << static_cast<double>(r.smooth.beta)
     << ", eta*beta = " << static_cast<double>(r.smooth.eta_beta)
     << ", stable eta = " << static_cast<double>(r.smooth.stable_eta) << '\n';
  if (r.phases_available)
    os << "phases: log10 t1 = " << r.phases.log_t1 / std::log(10.0)
       << ", log10 t2 = " << r.phases.log_t2 / std::log(10.0) << ", D(t2) = " << r.phases.D_t2
       << '\n';
  for (const auto& p : r.predictions)
    os << "eps = " << p.epsilon << ": log10 T_te in ["
       << static_cast<double>(p.te.log_lower) / std::log(10.0) << ", "
       << static_cast<double>(p.te.log_upper) / std::log(10.0) << "], small-gamma "
       << static_cast<double>(p.te.log_small_gamma) / std::log(10.0) << ", refined "
       << static_cast<double>(p.te.log_refined) / std::log(10.0) << '\n';
  return os.str();
}

}  // namespace lingrok
