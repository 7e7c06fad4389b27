// The CSV reader and writer of csv.hpp: user data by docs/data.md's rules, 17 significant digits
// out so a round trip is bit-exact.
#include "data/csv.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/memory.hpp"

namespace lingrok {

Eigen::Index Dataset::count_planted(double label) const {
  Eigen::Index n = 0;
  for (std::size_t i = 0; i < planted.size(); ++i) {
    if (planted[i] != 0 && y(static_cast<Eigen::Index>(i)) == label) ++n;
  }
  return n;
}

const Dataset* DataBundle::find_test(const std::string& name) const {
  for (const auto& t : tests) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string_view f = line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
    while (!f.empty() && (f.back() == ' ' || f.back() == '\t' || f.back() == '\r'))
      f.remove_suffix(1);
    fields.push_back(f);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

// Parses a whole field as a double; false if it is not entirely a number.
bool parse_double(std::string_view f, double& x) {
  if (f.empty()) return false;
  if (f.front() == '+') f.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(f.data(), f.data() + f.size(), x);
  return ec == std::errc() && ptr == f.data() + f.size();
}

}  // namespace

Dataset read_csv(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot open " + path.string() + ": check the path");
  const std::string where = path.string();

  Dataset data;
  data.name = path.stem().string();
  std::vector<double> values;
  std::vector<double> labels;
  std::vector<std::uint8_t> planted;
  std::size_t columns = 0;
  bool has_planted_column = false;
  bool seen_zero = false;
  bool seen_minus_one = false;
  std::string line;
  std::size_t line_no = 0;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    ++line_no;
    // A UTF-8 byte order mark (spreadsheet exports) is not part of the first field: with it,
    // a header-less file's first row would be taken for a header and lost.
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty() || line == "\r") continue;
    const auto fields = split_fields(line);
    double probe = 0;
    if (rows == 0 && columns == 0 && !parse_double(fields.front(), probe)) {
      // Header line: remember its width and whether it carries the planted flags.
      columns = fields.size();
      has_planted_column = fields.back() == "planted";
      continue;
    }
    if (columns == 0) columns = fields.size();
    if (rows == 0 && fields.size() == columns) {
      // Size the buffers from the first row (rows ≈ file size / row length): a 10^6 x 1024
      // file needs 8 GiB for the values and as much again while they are copied into X, and
      // growing the buffer by doubling could need three times that. Refuse early what cannot
      // fit.
      std::error_code ec;
      const auto bytes = std::filesystem::file_size(path, ec);
      if (!ec && !line.empty()) {
        const double est_rows = static_cast<double>(bytes) / static_cast<double>(line.size() + 1);
        const double est_values = 1.1 * est_rows * static_cast<double>(columns);
        check_fits_in_memory(2.0 * est_values * 8.0,
                             "reading " + where + " (about " +
                                 std::to_string(static_cast<long long>(est_rows)) + " rows of " +
                                 std::to_string(columns) + " columns, twice while copied)",
                             "use fewer rows or a machine with more memory");
        values.reserve(static_cast<std::size_t>(est_values));
        labels.reserve(static_cast<std::size_t>(1.1 * est_rows));
      }
    }
    if (fields.size() != columns) {
      throw InputError(where + " line " + std::to_string(line_no) + ": expected " +
                       std::to_string(columns) + " columns, found " +
                       std::to_string(fields.size()) +
                       "; every row must be x1,...,xd,y with the same d");
    }
    const std::size_t label_col = columns - 1 - (has_planted_column ? 1 : 0);
    if (label_col < 1) {
      throw InputError(where + ": a row needs at least one coordinate and a label (x1,...,xd,y)");
    }
    for (std::size_t j = 0; j < fields.size(); ++j) {
      double x = 0;
      if (!parse_double(fields[j], x)) {
        throw InputError(where + " line " + std::to_string(line_no) + " column " +
                         std::to_string(j + 1) + ": \"" + std::string(fields[j]) +
                         "\" is not a number; fix or remove the row");
      }
      if (!std::isfinite(x)) {
        throw InputError(where + " line " + std::to_string(line_no) + " column " +
                         std::to_string(j + 1) + ": NaN or Inf is not allowed; remove the row");
      }
      if (j < label_col) {
        values.push_back(x);
      } else if (j == label_col) {
        if (x == 1.0) {
          labels.push_back(1.0);
        } else if (x == -1.0 || x == 0.0) {
          (x == 0.0 ? seen_zero : seen_minus_one) = true;
          labels.push_back(-1.0);
        } else {
          throw InputError(where + " line " + std::to_string(line_no) + ": label " +
                           std::string(fields[j]) + " is not in {-1,1} or {0,1}; relabel the data");
        }
      } else {
        if (x != 0.0 && x != 1.0) {
          throw InputError(where + " line " + std::to_string(line_no) +
                           ": the planted flag must be 0 or 1");
        }
        planted.push_back(static_cast<std::uint8_t>(x));
      }
    }
    ++rows;
  }
  if (rows == 0) {
    throw InputError(where + ": no data rows; the file must hold one point per row x1,...,xd,y");
  }
  if (seen_zero && seen_minus_one) {
    throw InputError(where + ": labels mix 0 and -1; use {-1,1} or {0,1}, not both");
  }
  const std::size_t d = values.size() / rows;
  data.X.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(d));
  std::copy(values.begin(), values.end(), data.X.data());
  std::vector<double>().swap(values);  // free the buffer before the labels are copied
  data.y = Eigen::Map<Eigen::VectorXd>(labels.data(), static_cast<Eigen::Index>(rows));
  data.planted = std::move(planted);
  if (data.count_plus() == 0 || data.count_minus() == 0) {
    throw InputError(where + ": only one class present (" + std::to_string(data.count_plus()) +
                     " positive, " + std::to_string(data.count_minus()) +
                     " negative); logistic regression needs both labels");
  }
  return data;
}

void write_csv(const std::filesystem::path& path, const Dataset& data) {
  const bool with_planted = !data.planted.empty();
  write_file_atomically(path, [&](std::ostream& out) {
    out.precision(17);
    for (int j = 0; j < data.dim(); ++j) out << 'x' << (j + 1) << ',';
    out << 'y' << (with_planted ? ",planted" : "") << '\n';
    for (Eigen::Index i = 0; i < data.size(); ++i) {
      for (int j = 0; j < data.dim(); ++j) out << data.X(i, j) << ',';
      out << (data.y(i) > 0 ? "1" : "-1");
      if (with_planted) out << ',' << static_cast<int>(data.planted[static_cast<std::size_t>(i)]);
      out << '\n';
    }
  });
}

DataBundle load_data(const std::filesystem::path& dir_or_csv) {
  DataBundle bundle;
  if (std::filesystem::is_directory(dir_or_csv)) {
    const auto train = dir_or_csv / kTrainFile;
    if (!std::filesystem::exists(train)) {
      throw InputError(dir_or_csv.string() + " has no " + kTrainFile +
                       "; pass a directory written by `lingrok generate` or a CSV file");
    }
    bundle.train = read_csv(train);
    bundle.train.name = "train";
    for (const auto& [file, name] :
         {std::pair{kTestStandardFile, "test_standard"}, std::pair{kTestConcFile, "test_conc"}}) {
      const auto p = dir_or_csv / file;
      if (!std::filesystem::exists(p)) continue;
      Dataset t = read_csv(p);
      t.name = name;
      bundle.tests.push_back(std::move(t));
    }
  } else {
    bundle.train = read_csv(dir_or_csv);
  }
  for (const auto& t : bundle.tests) {
    if (t.dim() != bundle.train.dim()) {
      throw InputError("test set " + t.name + " has dimension " + std::to_string(t.dim()) +
                       " but the training set has " + std::to_string(bundle.train.dim()) +
                       "; use test data from the same space");
    }
  }
  return bundle;
}

}  // namespace lingrok
