// lingrok as a library: the max-margin separator and the late-time bias constants of a data
// set held in a C++ array (docs/theory.md#max-margin-separator, docs/theory.md#bias-constants).
//
// The four points are chosen so that everything can be checked by hand. Positives (2,1),
// (1,2), negatives (-1.5,-1.5), (-3,-1). The bias-free separator is ŵ = (1/3, 1/3): the first
// three points have margin 1 (the support set), (-3,-1) has 4/3. The eq. (7) separator has the
// same ŵ and b̂ = 0, so Assumption 3.1 holds. The dual weights on the support set are
// α = (1/18, 1/18, 1/9), and with η = 1 the late-time limit solves x_s·w̃ + b̃ = -y_s log α_s,
// which gives w̃ = (c, c) with c = (log 18 + log 9)/6 and b̃ = (log 18 - log 9)/2 = ½ log 2.
// Theorem 4.5's δ = √(A-/A+) is then e^{-b̃} = 1/√2, and b∞ = -log δ = ½ log 2.
//
// Output (build and run as in CMakeLists.txt):
//   w_hat = (0.33333333333333333333, 0.33333333333333333333)
//   b_hat = 0.00000000000000000000
//   support: 2 positive, 1 negative
//   w_tilde = (0.84793272253873067917, 0.84793272253873067917)
//   delta = 0.70710678118654752440
//   b_inf = 0.34657359027997265471
#include <iomanip>
#include <iostream>

#include "theory/theory.hpp"

int main() {
  const double points[4][3] = {{2, 1, +1}, {1, 2, +1}, {-1.5, -1.5, -1}, {-3, -1, -1}};
  lingrok::Dataset train;
  train.name = "train";
  train.X.resize(4, 2);
  train.y.resize(4);
  for (int i = 0; i < 4; ++i) {
    train.X(i, 0) = points[i][0];
    train.X(i, 1) = points[i][1];
    train.y(i) = points[i][2];
  }

  lingrok::TheoryOptions options;
  options.eta = lingrok::Real50{"1"};
  const lingrok::TheoryResult theory = lingrok::compute_theory(train, options);

  const auto digits = [](const lingrok::Real50& x) { return x.str(20, std::ios_base::fixed); };
  std::cout << "w_hat = (" << digits(theory.svm.w(0)) << ", " << digits(theory.svm.w(1)) << ")\n"
            << "b_hat = " << digits(theory.svm_eq7.b) << "\n"
            << "support: " << theory.svm.support_plus.size() << " positive, "
            << theory.svm.support_minus.size() << " negative\n";
  if (!theory.late_time_available) {
    std::cout << "no late-time limit: " << theory.late_time_note << "\n";
    return 1;
  }
  std::cout << "w_tilde = (" << digits(theory.late.w_tilde(0)) << ", "
            << digits(theory.late.w_tilde(1)) << ")\n"
            << "delta = " << digits(theory.bias.delta) << "\n"
            << "b_inf = " << digits(theory.bias.b_inf) << "\n";
  return 0;
}
