// dataset_from_arrays (data/dataset_from_arrays.hpp) applies the CSV reader's rules
// (data/csv.hpp) to data in memory: for each case, both accept and give the same
// data set, or both reject it with a one-line InputError.
#define BOOST_TEST_MODULE data_dataset_from_arrays
#include <boost/test/unit_test.hpp>

#include <limits>
#include <optional>
#include <sstream>

#include "../support/run_command.hpp"
#include "core/error.hpp"
#include "data/csv.hpp"
#include "data/dataset_from_arrays.hpp"

using namespace lingrok;
using lingrok::testing::TempDir;
using lingrok::testing::write_file;

namespace {

struct Case {
  const char* name;
  std::vector<std::vector<double>> X;
  std::vector<double> y;
  std::vector<double> planted;  // empty: no planted column
};

std::optional<Dataset> from_csv(const Case& c, std::string& message) {
  std::ostringstream text;
  text.precision(17);
  text << "x1,x2,y" << (c.planted.empty() ? "" : ",planted") << "\n";
  for (std::size_t i = 0; i < c.X.size(); ++i) {
    text << c.X[i][0] << ',' << c.X[i][1] << ',' << c.y[i];
    if (!c.planted.empty()) text << ',' << c.planted[i];
    text << '\n';
  }
  TempDir dir("from_arrays");
  write_file(dir.path() / "data.csv", text.str());
  try {
    return read_csv(dir.path() / "data.csv");
  } catch (const InputError& e) {
    message = e.what();
    return std::nullopt;
  }
}

std::optional<Dataset> from_arrays(const Case& c, std::string& message) {
  RowMatrix X(static_cast<Eigen::Index>(c.X.size()), 2);
  for (std::size_t i = 0; i < c.X.size(); ++i) {
    X(static_cast<Eigen::Index>(i), 0) = c.X[i][0];
    X(static_cast<Eigen::Index>(i), 1) = c.X[i][1];
  }
  const Eigen::Map<const Eigen::VectorXd> y(c.y.data(), static_cast<Eigen::Index>(c.y.size()));
  try {
    return dataset_from_arrays("data", std::move(X), y, c.planted, "test arrays");
  } catch (const InputError& e) {
    message = e.what();
    return std::nullopt;
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(arrays_and_csv_accept_and_reject_the_same_data) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::vector<double>> X{{1, 2}, {0.1, -3}, {-1, -2}, {2.5, 1e-300}};
  const std::vector<Case> cases{
      {"labels -1/1", X, {1, 1, -1, -1}, {}},
      {"labels 0/1", X, {1, 0, 0, 1}, {}},
      {"planted flags", X, {1, 1, -1, -1}, {1, 0, 0, 1}},
      {"label 2", X, {1, 2, -1, -1}, {}},
      {"labels mix 0 and -1", X, {1, 0, -1, 1}, {}},
      {"one class", X, {1, 1, 1, 1}, {}},
      {"NaN coordinate", {{1, 2}, {nan, 1}, {-1, -2}, {2, 1}}, {1, 1, -1, -1}, {}},
      {"planted flag 2", X, {1, 1, -1, -1}, {1, 2, 0, 0}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::string csv_message, array_message;
      const auto a = from_csv(c, csv_message);
      const auto b = from_arrays(c, array_message);
      BOOST_TEST(a.has_value() == b.has_value());
      if (a && b) {
        BOOST_TEST((a->X == b->X));
        BOOST_TEST((a->y == b->y));
        BOOST_TEST((a->planted == b->planted));
      }
      if (!b) {
        BOOST_TEST(array_message.find("test arrays") == 0u);
        BOOST_TEST(array_message.find('\n') == std::string::npos);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(shapes_that_do_not_fit_are_named) {
  const Eigen::VectorXd y3 = Eigen::VectorXd::Ones(3);
  try {
    (void)dataset_from_arrays("d", RowMatrix::Zero(4, 2), y3, {}, "X");
    BOOST_ERROR("accepted 3 labels for 4 rows");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("3 labels but X has 4 rows") != std::string::npos);
  }
  try {
    (void)dataset_from_arrays("d", RowMatrix(0, 2), Eigen::VectorXd(0), {}, "X");
    BOOST_ERROR("accepted an empty data set");
  } catch (const InputError& e) {
    BOOST_TEST(std::string(e.what()).find("N, d >= 1") != std::string::npos);
  }
}
