// A Dataset from in-memory arrays by the CSV reader's rules of docs/data.md
// (dataset_from_arrays.hpp).
#include "data/dataset_from_arrays.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace lingrok {

namespace {

std::string index(Eigen::Index i) { return std::to_string(static_cast<long long>(i)); }

// The shortest text that reads back to x (2 for 2.0, not 2.000000).
std::string shortest(double x) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

}  // namespace

Dataset dataset_from_arrays(std::string name, RowMatrix X, const Eigen::VectorXd& labels,
                            const std::vector<double>& planted, const std::string& where) {
  const Eigen::Index n = X.rows();
  if (n == 0 || X.cols() == 0) {
    throw InputError(where + ": X is " + index(n) + " x " + index(X.cols()) +
                     "; give one point per row, N x d with N, d >= 1");
  }
  if (labels.size() != n) {
    throw InputError(where + ": y has " + index(labels.size()) + " labels but X has " + index(n) +
                     " rows; give one label per point");
  }
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < X.cols(); ++j) {
      if (!std::isfinite(X(i, j))) {
        throw InputError(where + ": X[" + index(i) + ", " + index(j) +
                         "] is NaN or Inf; remove the point");
      }
    }
  }
  Dataset data;
  data.name = std::move(name);
  data.y.resize(n);
  bool seen_zero = false, seen_minus_one = false;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double v = labels(i);
    if (v == 1.0) {
      data.y(i) = 1.0;
    } else if (v == -1.0 || v == 0.0) {
      (v == 0.0 ? seen_zero : seen_minus_one) = true;
      data.y(i) = -1.0;
    } else {
      throw InputError(where + ": y[" + index(i) + "] = " + shortest(v) +
                       " is not in {-1,1} or {0,1}; relabel the data");
    }
  }
  if (seen_zero && seen_minus_one) {
    throw InputError(where + ": labels mix 0 and -1; use {-1,1} or {0,1}, not both");
  }
  if (!planted.empty()) {
    if (static_cast<Eigen::Index>(planted.size()) != n) {
      throw InputError(where + ": planted has " + std::to_string(planted.size()) +
                       " flags but X has " + index(n) + " rows; give one flag per point or none");
    }
    data.planted.reserve(planted.size());
    for (std::size_t i = 0; i < planted.size(); ++i) {
      if (planted[i] != 0.0 && planted[i] != 1.0) {
        throw InputError(where + ": planted[" + std::to_string(i) + "] must be 0 or 1");
      }
      data.planted.push_back(static_cast<std::uint8_t>(planted[i]));
    }
  }
  data.X = std::move(X);
  if (data.count_plus() == 0 || data.count_minus() == 0) {
    throw InputError(where + ": only one class present (" + std::to_string(data.count_plus()) +
                     " positive, " + std::to_string(data.count_minus()) +
                     " negative); logistic regression needs both labels");
  }
  return data;
}

}  // namespace lingrok
