// A data set from values already in memory (the Python module's NumPy arrays), accepted by the
// rules of docs/data.md's user data that the CSV reader (csv.hpp) applies to a file: at least one
// point and one coordinate, finite coordinates, labels in {-1,1} or {0,1} (0 read as -1, never
// mixed with -1), both classes present, planted flags (optional) 0 or 1.
#pragma once

#include <string>
#include <vector>

#include "data/dataset.hpp"

namespace lingrok {

// Takes X (N x d) and its labels; `where` names the data in messages (e.g. "simulate(): X").
// Throws InputError naming the first offending entry (0-based [row, column]) and the fix.
Dataset dataset_from_arrays(std::string name, RowMatrix X, const Eigen::VectorXd& labels,
                            const std::vector<double>& planted, const std::string& where);

}  // namespace lingrok
