// Checkpoints are not trusted blindly (numerics/gd/simulation.hpp): a changed digit, a cut
// file, a negative t, rows that do not match the columns or an active index outside the data
// are refused with InputError; the identity check names what differs and ignores --quiet; the
// rescreening counter survives a resume.
#define BOOST_TEST_MODULE numerics_gd_checkpoint
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulation.hpp"

using namespace lingrok;
namespace fs = std::filesystem;

namespace {

DataBundle small_data() {
  DataConfig c;
  c.n_plus = 40;
  c.n_minus = 30;
  c.k_plus = 5;
  c.k_minus = 4;
  c.n_test_standard = 10;
  c.n_test_conc = 10;
  return generate_data(c);
}

struct Fixture {
  DataBundle data = small_data();
  fs::path dir = fs::temp_directory_path() / ("lingrok_ckpt_" + std::to_string(::getpid()));
  SimulationSetup setup;
  SimulationResult full;
  nlohmann::json checkpoint;  // the last one the full run wrote (t = 2000)
  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(dir);
    setup.data = &data;
    setup.config.steps = 3000;
    setup.config.checkpoint_every = 1000;
    setup.config.progress = false;
    setup.eta = 0.5;
    setup.checkpoint_path = dir / "checkpoint.json";
    full = run_gd_simulation(setup);
    checkpoint = read_json_file(setup.checkpoint_path.string());
  }
  ~Fixture() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  // The checkpoint with `edit` applied and its checksum made to match again: what only the
  // structural checks can catch.
  template <class Edit>
  Checkpoint resealed(Edit edit) {
    nlohmann::json j = checkpoint;
    edit(j);
    j["checksum"] = checkpoint_checksum(j);
    return checkpoint_from_json(j, "test checkpoint");
  }
  SimulationResult resume_from(const Checkpoint& c) {
    SimulationSetup again = setup;
    again.resume = &c;
    again.checkpoint_path.clear();
    return run_gd_simulation(again);
  }
};

// Bit for bit, except that every NaN (no update cosine yet) equals every other: the checkpoint
// stores "nan" without its sign.
bool same_rows(const std::vector<std::vector<double>>& a,
               const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    for (std::size_t j = 0; j < a[i].size(); ++j) {
      const double x = a[i][j], y = b[i][j];
      if (std::isnan(x) && std::isnan(y)) continue;
      if (std::memcmp(&x, &y, sizeof x) != 0) return false;
    }
  }
  return true;
}

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(checkpoints, Fixture)

BOOST_AUTO_TEST_CASE(an_intact_checkpoint_resumes_with_every_counter) {
  const Checkpoint c = read_checkpoint(setup.checkpoint_path);
  BOOST_TEST(c.state.t == 2000);
  BOOST_TEST(c.lingrok_version == std::string(kVersion));
  const SimulationResult resumed = resume_from(c);
  BOOST_TEST(resumed.rescreenings == full.rescreenings);
  BOOST_TEST(same_rows(resumed.trajectory.rows, full.trajectory.rows));
}

BOOST_AUTO_TEST_CASE(a_changed_digit_or_a_cut_file_fails_the_checksum) {
  std::string text = text_of(setup.checkpoint_path);
  // One hex digit of w: "0x1.8p+0" style values; change the first digit after "0x1.".
  const auto at = text.find("0x1.", text.find("\"w\""));
  BOOST_REQUIRE(at != std::string::npos);
  text[at + 4] = text[at + 4] == '7' ? '8' : '7';
  const fs::path changed = dir / "changed.json";
  std::ofstream(changed) << text;
  BOOST_CHECK_EXCEPTION(read_checkpoint(changed), InputError, [](const InputError& e) {
    return std::string(e.what()).find("checksum") != std::string::npos;
  });
  const fs::path cut = dir / "cut.json";
  std::ofstream(cut) << text_of(setup.checkpoint_path).substr(0, text.size() / 2);
  BOOST_CHECK_THROW(read_checkpoint(cut), InputError);
}

BOOST_AUTO_TEST_CASE(structural_damage_is_refused_even_with_a_matching_checksum) {
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["state"]["t"] = -1; }), InputError);
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["state"]["t"] = 4000; }), InputError);
  // A trajectory row cut short once read past its end in period2_fraction (ASan).
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["rows"].back().erase(2); }), InputError);
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["rows"] = nlohmann::json::array(); }),
                    InputError);
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["state"]["w"][0] = "nan"; }), InputError);
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) { j["state"]["rescreens"] = -3; }), InputError);
  BOOST_CHECK_THROW(resealed([](nlohmann::json& j) {
                      j["state"]["active"] = nlohmann::json::array({3, 1});
                    }),
                    InputError);
  // An index past the 70 training rows is only known against the data: the engine refuses it.
  const Checkpoint far = resealed([](nlohmann::json& j) {
    j["state"]["screened"] = true;
    j["state"]["active"] = nlohmann::json::array({0, 1, 700});
  });
  BOOST_CHECK_THROW(resume_from(far), InputError);
}

BOOST_AUTO_TEST_CASE(the_identity_check_names_what_differs_and_ignores_presentation) {
  const Checkpoint c = read_checkpoint(setup.checkpoint_path);
  const std::string fp = data_fingerprint(data.train);
  GdConfig same = setup.config;
  same.progress = !same.progress;  // --quiet
  BOOST_TEST(checkpoint_mismatch(c, same, setup.eta, fp, kVersion).empty());
  GdConfig longer = setup.config;
  longer.steps = 5000;
  BOOST_TEST(checkpoint_mismatch(c, longer, setup.eta, fp, kVersion).find("gd.steps") !=
             std::string::npos);
  BOOST_TEST(checkpoint_mismatch(c, same, 0.25, fp, kVersion).find("step size") !=
             std::string::npos);
  BOOST_TEST(checkpoint_mismatch(c, same, setup.eta, "0123", kVersion).find("data") !=
             std::string::npos);
  BOOST_TEST(checkpoint_mismatch(c, same, setup.eta, fp, "0.0.0-other").find("lingrok") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
