// The CSV table read by column name (table.hpp): trajectories, flows and sweeps.
#include "results/table.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/error.hpp"

namespace lingrok {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, ',')) {
    if (!field.empty() && field.back() == '\r') field.pop_back();
    out.push_back(field);
  }
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

}  // namespace

Table Table::read(const std::filesystem::path& path) { return read_impl(path, nullptr); }

Table Table::read_numbers(const std::filesystem::path& path, const std::string& fix) {
  return read_impl(path, &fix);
}

// `fix` null: a cell that is not a number reads as NaN; else it is an InputError.
Table Table::read_impl(const std::filesystem::path& path, const std::string* fix) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open " + path.string() + ": run the step that writes it first");
  Table t;
  t.path_ = path;
  std::string line;
  if (!std::getline(in, line)) throw InputError(path.string() + " is empty");
  t.names_ = split(line);
  for (const auto& n : t.names_) t.columns_[n];
  std::size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    const auto fields = split(line);
    if (fields.size() != t.names_.size()) {
      throw InputError(path.string() + " line " + std::to_string(line_no) + ": " +
                       std::to_string(fields.size()) + " fields for " +
                       std::to_string(t.names_.size()) +
                       " columns; the file is damaged, rerun the step that wrote it");
    }
    for (std::size_t j = 0; j < fields.size(); ++j) {
      double v = std::numeric_limits<double>::quiet_NaN();
      if (!fields[j].empty()) {
        const char* begin = fields[j].c_str();
        char* end = nullptr;
        v = std::strtod(begin, &end);
        if (end == begin) v = std::numeric_limits<double>::quiet_NaN();
        const char* rest = end;
        const char* stop = begin + fields[j].size();
        while (rest != stop && (*rest == ' ' || *rest == '\t')) ++rest;
        const bool blank = end == begin && rest == stop;  // spaces only: an empty cell
        if (fix != nullptr && !blank && (end == begin || rest != stop)) {
          const std::string cell =
              fields[j].size() <= 40 ? fields[j] : fields[j].substr(0, 40) + "...";
          throw InputError(path.string() + " row " + std::to_string(t.rows_ + 1) + " (line " +
                           std::to_string(line_no) + "), column " + t.names_[j] + ": \"" + cell +
                           "\" is not a number; " + *fix);
        }
      }
      t.columns_[t.names_[j]].push_back(v);
    }
    ++t.rows_;
  }
  return t;
}

std::vector<std::string> Table::read_text_column(const std::filesystem::path& path,
                                                 const std::string& column) {
  std::ifstream in(path);
  std::string line;
  std::vector<std::string> out;
  if (!std::getline(in, line)) return out;
  const auto header = split(line);
  const auto it = std::find(header.begin(), header.end(), column);
  if (it == header.end()) return out;
  const auto j = static_cast<std::size_t>(it - header.begin());
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto f = split(line);
    out.push_back(j < f.size() ? f[j] : "");
  }
  return out;
}

Table Table::from_columns(const std::vector<std::pair<std::string, std::vector<double>>>& columns) {
  Table t;
  t.path_ = "(in memory)";
  for (const auto& [name, values] : columns) {
    if (!t.names_.empty() && values.size() != t.rows_) {
      throw InputError("Table::from_columns: column \"" + name + "\" has " +
                       std::to_string(values.size()) + " rows, the others " +
                       std::to_string(t.rows_));
    }
    t.names_.push_back(name);
    t.columns_[name] = values;
    t.rows_ = values.size();
  }
  return t;
}

const std::vector<double>& Table::col(const std::string& column) const {
  const auto it = columns_.find(column);
  if (it == columns_.end()) {
    std::string have;
    for (const auto& n : names_) have += (have.empty() ? "" : ", ") + n;
    throw InputError(path_.string() + " has no column \"" + column + "\" (it has: " + have + ")");
  }
  return it->second;
}

}  // namespace lingrok
