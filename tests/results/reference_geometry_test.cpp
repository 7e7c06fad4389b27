// results/reference_geometry.hpp: ŵ, w̃, b̃ and S read from hand-written theory.json files.
#define BOOST_TEST_MODULE reference_geometry
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/error.hpp"
#include "results/reference_geometry.hpp"

namespace fs = std::filesystem;
using lingrok::InputError;
using lingrok::read_reference_geometry;
using lingrok::ReferenceGeometry;

namespace {
fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() /
                     ("lingrok_reference_geometry_" + name + "_" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}
}  // namespace

BOOST_AUTO_TEST_CASE(theory_json_is_read_with_values_and_digits) {
  const fs::path dir = temp_dir("theory");
  std::ofstream(dir / "theory.json") << R"({"w_hat": {"value": [1, 2], "digits": 50},
    "w_tilde": {"value": [0.5, -0.5], "digits": 50}, "b_tilde": {"value": 0.25, "digits": 50},
    "support_plus": [0, 2], "support_minus": [1], "beta_smoothness": {"value": 7.5, "digits": 50}})";
  double beta = 0;
  const ReferenceGeometry g = read_reference_geometry(dir / "theory.json", 2, 4, &beta);
  BOOST_TEST(g.w_hat(1) == 2.0);
  BOOST_TEST(g.b_tilde == 0.25);
  BOOST_TEST(beta == 7.5);
  BOOST_TEST((g.in_support == std::vector<std::uint8_t>{1, 1, 1, 0}));
  BOOST_CHECK_THROW(read_reference_geometry(dir / "theory.json", 3, 4, nullptr), InputError);
  BOOST_CHECK_THROW(read_reference_geometry(dir / "theory.json", 2, 2, nullptr), InputError);
  // Assumption 3.1 failing: ŵ and S from eq. (7), no w̃ (null, as `lingrok theory` writes it).
  std::ofstream(dir / "theory.json") << R"({"w_hat": {"value": [1, 2], "digits": 50},
    "w_tilde": null, "b_tilde": null, "support_plus": [0], "support_minus": [1],
    "assumption_3_1": {"holds": false, "note": "b_hat != 0"},
    "svm_eq7": {"w": {"value": [3, 4], "digits": 50}, "support_plus": [2], "support_minus": [3]}})";
  const ReferenceGeometry g7 = read_reference_geometry(dir / "theory.json", 2, 4, nullptr);
  BOOST_TEST(g7.w_hat(1) == 4.0);
  BOOST_TEST(g7.w_tilde.size() == 0);
  BOOST_TEST(std::isnan(g7.b_tilde));
  BOOST_TEST((g7.in_support == std::vector<std::uint8_t>{0, 0, 1, 1}));
  std::ofstream(dir / "theory.json") << R"({"assumption_3_1": {"holds": false}})";
  BOOST_CHECK_THROW(read_reference_geometry(dir / "theory.json", 2, 4, nullptr), InputError);
  fs::remove_all(dir);
}
