// Helpers shared by the theory tests: small data sets written by hand.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace lingrok::test {

// Rows {x1, ..., xd, y}.
inline Dataset make_dataset(std::initializer_list<std::vector<double>> rows) {
  Dataset data;
  data.name = "hand";
  const auto n = static_cast<Eigen::Index>(rows.size());
  const auto d = static_cast<Eigen::Index>(rows.begin()->size()) - 1;
  data.X.resize(n, d);
  data.y.resize(n);
  Eigen::Index i = 0;
  for (const auto& r : rows) {
    for (Eigen::Index j = 0; j < d; ++j) data.X(i, j) = r[static_cast<std::size_t>(j)];
    data.y(i) = r.back();
    ++i;
  }
  return data;
}

}  // namespace lingrok::test
