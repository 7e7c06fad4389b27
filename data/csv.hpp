// User data as CSV (docs/data.md): one point per row `x1,...,xd,y`, optional header line,
// labels in {-1,1} or {0,1} (0 is read as -1). Values are written with 17 significant
// digits, so that a write followed by a read returns every double bit for bit.
//
// The reader rejects, with a message naming the line and the fix: an empty file, ragged
// rows, non-numbers, NaN or Inf, labels outside {-1,1} / {0,1} (or a mix of 0 and -1), and
// a file with only one class. Planted flags, when present, are an extra last column named
// `planted` in the header (written by `lingrok generate` for the train set).
#pragma once

#include <filesystem>
#include <string>

#include "data/dataset.hpp"

namespace lingrok {

Dataset read_csv(const std::filesystem::path& path);
void write_csv(const std::filesystem::path& path, const Dataset& data);

// Reads a data directory (train.csv and whichever test files exist) or a single CSV file
// (then it is the training set and there are no test sets). Checks that every test set has
// the training set's dimension.
DataBundle load_data(const std::filesystem::path& dir_or_csv);

}  // namespace lingrok
