// The support rows X_S, y_S at 50 digits, S+ then S- (support_rows.hpp,
// docs/theory.md#late-time-limit).
#include "theory/late_time/support_rows.hpp"

#include <string>

#include "core/error.hpp"

namespace lingrok {

SupportRows support_rows(const Dataset& train, const std::vector<Eigen::Index>& support_plus,
                         const std::vector<Eigen::Index>& support_minus) {
  const Eigen::Index ns = static_cast<Eigen::Index>(support_plus.size() + support_minus.size());
  const int d = train.dim();
  SupportRows s{Mat50(ns, d), Vec50(ns)};
  Eigen::Index t = 0;
  for (const auto* S : {&support_plus, &support_minus}) {
    for (const Eigen::Index i : *S) {
      if (i < 0 || i >= train.size())
        throw InputError("support index " + std::to_string(i) + " is outside the " +
                         std::to_string(train.size()) +
                         "-row training set; use the theory of these data");
      for (int j = 0; j < d; ++j) s.X(t, j) = Real50(train.X(i, j));
      s.y(t) = Real50(train.y(i));
      ++t;
    }
  }
  return s;
}

}  // namespace lingrok
