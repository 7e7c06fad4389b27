// The reference geometry GD logs against, read from a theory record (reference_geometry.hpp,
// docs/theory.md#late-time-limit).
#include "results/reference_geometry.hpp"

#include <cmath>
#include <limits>

#include "core/error.hpp"

namespace lingrok {

ReferenceGeometry reference_geometry(const TheoryRecord& theory, int d, long long n_train,
                                     double* beta) {
  const std::string& file = theory.source();
  ReferenceGeometry g;
  const bool assumption_3_1 = theory.assumption_3_1_holds();
  if (!assumption_3_1 && !theory.has("svm_eq7")) {
    throw InputError(file +
                     ": Assumption 3.1 fails but there is no \"svm_eq7\" object; write "
                     "theory.json with `lingrok theory`");
  }
  const std::string svm = assumption_3_1 ? "" : "svm_eq7/";
  const auto require = [&](const std::string& key) {
    if (!theory.has(key))
      throw InputError(file + ": missing key \"" + key + "\"; write it with `lingrok theory`");
  };
  const auto vec = [&](const std::string& key) {
    require(key);
    const std::vector<double> v = theory.values_or_empty(key);
    if (static_cast<int>(v.size()) != d) {
      throw InputError(file + ": \"" + key + "\" must be an array of " + std::to_string(d) +
                       " numbers (the data's dimension); was theory.json written for these data?");
    }
    Eigen::VectorXd out(d);
    for (int i = 0; i < d; ++i) {
      out(i) = v[static_cast<std::size_t>(i)];
      if (std::isnan(out(i))) throw InputError(file + ": \"" + key + "\" holds a non-number");
    }
    return out;
  };
  g.w_hat = vec(assumption_3_1 ? "w_hat" : svm + "w");
  if (assumption_3_1) {
    g.w_tilde = vec("w_tilde");
    require("b_tilde");
    g.b_tilde = theory.value("b_tilde");
  } else {
    g.b_tilde = std::numeric_limits<double>::quiet_NaN();
  }
  g.in_support.assign(static_cast<std::size_t>(n_train), 0);
  for (const char* key : {"support_plus", "support_minus"}) {
    for (const Eigen::Index i : theory.indices(svm + key)) {
      if (i < 0 || i >= n_train) {
        throw InputError(file + ": \"" + svm + key + "\" holds " + std::to_string(i) +
                         ", not a row index of the " + std::to_string(n_train) +
                         "-point training set; was theory.json written for these data?");
      }
      g.in_support[static_cast<std::size_t>(i)] = 1;
    }
  }
  if (beta != nullptr) *beta = theory.value_or_nan("beta_smoothness");
  return g;
}

ReferenceGeometry read_reference_geometry(const std::filesystem::path& theory_json, int d,
                                          long long n_train, double* beta) {
  return reference_geometry(TheoryRecord::read(theory_json), d, n_train, beta);
}

}  // namespace lingrok
