// CSV reading and writing (data/csv.hpp): exact round trip, and every malformed
// input rejected with a message naming the problem.
#define BOOST_TEST_MODULE data_csv
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>

#include "../support/run_command.hpp"
#include "core/error.hpp"
#include "core/rng.hpp"
#include "data/csv.hpp"

using namespace lingrok;
using lingrok::testing::TempDir;
using lingrok::testing::write_file;

namespace {

// Expects read_csv to throw InputError whose message contains `needle`.
void expect_rejected(const std::string& text, const std::string& needle) {
  TempDir dir("csv_bad");
  const auto p = dir.path() / "data.csv";
  write_file(p, text);
  try {
    read_csv(p);
    BOOST_ERROR("accepted malformed CSV: " << text);
  } catch (const InputError& e) {
    const std::string msg = e.what();
    BOOST_TEST(msg.find(needle) != std::string::npos,
               "message \"" << msg << "\" lacks \"" << needle << "\"");
    BOOST_TEST(msg.find('\n') == std::string::npos);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(round_trip_is_bit_exact) {
  Dataset d;
  Rng rng(5);
  d.X.resize(500, 3);
  d.y.resize(500);
  for (Eigen::Index i = 0; i < 500; ++i) {
    for (int j = 0; j < 3; ++j) {
      // Wide range of magnitudes, both signs, some awkward values.
      d.X(i, j) = (rng.uniform01() - 0.5) * std::pow(10.0, rng.uniform(-300, 300));
    }
    d.y(i) = i % 3 == 0 ? -1.0 : 1.0;
  }
  d.X(0, 0) = std::numeric_limits<double>::denorm_min();
  d.X(1, 1) = std::numeric_limits<double>::max();
  d.X(2, 2) = -0.0;
  d.X(3, 0) = 0.1;
  d.planted.assign(500, 0);
  d.planted[7] = 1;
  TempDir dir("csv_rt");
  write_csv(dir.path() / "a.csv", d);
  const Dataset back = read_csv(dir.path() / "a.csv");
  BOOST_TEST(back.size() == d.size());
  BOOST_TEST(back.dim() == 3);
  BOOST_TEST((back.X.array() == d.X.array()).all());
  BOOST_TEST((back.y.array() == d.y.array()).all());
  BOOST_TEST(back.planted == d.planted);
  // Writing again gives the same bytes.
  write_csv(dir.path() / "b.csv", back);
  BOOST_TEST(lingrok::testing::slurp(dir.path() / "a.csv") ==
             lingrok::testing::slurp(dir.path() / "b.csv"));
}

BOOST_AUTO_TEST_CASE(headerless_files_and_zero_one_labels_are_read) {
  TempDir dir("csv_ok");
  write_file(dir.path() / "d.csv", "1.5,2,1\n-1,-2.5,0\n 3 , 4 , 1\r\n");
  const Dataset d = read_csv(dir.path() / "d.csv");
  BOOST_TEST(d.size() == 3);
  BOOST_TEST(d.y(1) == -1.0);
  BOOST_TEST(d.X(2, 1) == 4.0);
}

BOOST_AUTO_TEST_CASE(malformed_files_are_rejected_with_the_reason) {
  expect_rejected("", "no data rows");
  expect_rejected("x1,x2,y\n", "no data rows");
  expect_rejected("1,2,1\n3,-1\n", "expected 3 columns, found 2");
  expect_rejected("1,2,1\n3,abc,-1\n", "is not a number");
  expect_rejected("1,2,1\n3,nan,-1\n", "NaN or Inf");
  expect_rejected("1,2,1\n3,inf,-1\n", "NaN or Inf");
  expect_rejected("1,2,1\n3,4,2\n", "not in {-1,1} or {0,1}");
  expect_rejected("1,2,1\n3,4,1\n", "only one class");
  expect_rejected("1,2,0\n3,4,-1\n5,6,1\n", "mix 0 and -1");
  expect_rejected("1\n", "at least one coordinate");
}

BOOST_AUTO_TEST_CASE(test_sets_must_match_the_training_dimension) {
  TempDir dir("csv_dim");
  write_file(dir.path() / "train.csv", "1,2,1\n-1,-2,-1\n");
  write_file(dir.path() / "test_standard.csv", "1,2,3,1\n-1,-2,-3,-1\n");
  BOOST_CHECK_THROW(load_data(dir.path()), InputError);
}
