// A tidy CSV table read by name: the trajectories, flows and sweeps that numerics writes
// (header line of column names, one row per record, numbers; empty cells and "nan" read as
// NaN). Checks and plots read results through this, never through numerics' internals.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace lingrok {

class Table {
 public:
  static Table read(const std::filesystem::path& path);
  // As read(), for a table a user hands lingrok (integrate --grid): a cell that is neither
  // empty nor a whole number ("abc", "1.5x") is refused with an InputError naming the file,
  // the row, the column and `fix`, instead of reading as NaN.
  static Table read_numbers(const std::filesystem::path& path, const std::string& fix);
  // One column's cells as text (e.g. a sweep's family names); empty if the file or the column
  // is absent. The same splitting as read().
  static std::vector<std::string> read_text_column(const std::filesystem::path& path,
                                                   const std::string& column);
  // A table built in memory (tests, synthetic runs); all columns must have the same length.
  static Table from_columns(
      const std::vector<std::pair<std::string, std::vector<double>>>& columns);

  bool has(const std::string& column) const { return columns_.count(column) != 0; }
  // The column, or an InputError naming the file and the columns it has.
  const std::vector<double>& col(const std::string& column) const;
  std::size_t rows() const { return rows_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  static Table read_impl(const std::filesystem::path& path, const std::string* fix);

  std::filesystem::path path_;
  std::vector<std::string> names_;
  std::map<std::string, std::vector<double>> columns_;
  std::size_t rows_ = 0;
};

}  // namespace lingrok
