// A labelled data set: N points x_i in R^d (one per row) with labels y_i in {-1,+1}
// (docs/conventions.md#model). Rows are contiguous (row-major) so that the margins X w and the
// gradient X^T q stream through memory once per step, for d = 2 and for d = 1024 alike.
#pragma once

#include <Eigen/Dense>
#include <cstdint>
#include <string>
#include <vector>

namespace lingrok {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Dataset {
  std::string name;                   // "train", "test_standard", "test_conc", or a file stem
  RowMatrix X;                        // N x d
  Eigen::VectorXd y;                  // N labels, each -1.0 or +1.0
  std::vector<std::uint8_t> planted;  // train only: 1 for a planted support vector; else empty

  Eigen::Index size() const { return X.rows(); }
  int dim() const { return static_cast<int>(X.cols()); }
  Eigen::Index count_plus() const { return (y.array() > 0).count(); }
  Eigen::Index count_minus() const { return (y.array() < 0).count(); }
  Eigen::Index count_planted(double label) const;
  // R = max_i ||x_i|| (Assumption 3.3).
  double radius() const { return X.rowwise().norm().maxCoeff(); }
};

// The file names a data directory uses (written by `lingrok generate`).
inline constexpr const char* kTrainFile = "train.csv";
inline constexpr const char* kTestStandardFile = "test_standard.csv";
inline constexpr const char* kTestConcFile = "test_conc.csv";
inline constexpr const char* kDataSummaryFile = "data.json";

// A training set with the test sets that go with it.
struct DataBundle {
  Dataset train;
  std::vector<Dataset> tests;  // in the order standard, concentrated (those present)
  const Dataset* find_test(const std::string& name) const;
};

}  // namespace lingrok
