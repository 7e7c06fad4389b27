// A seeded random mutator over the readers of files a user or a crash can damage: the CSV
// reader, the configuration reader and the checkpoint reader. Every mutation of the committed
// corpus (tests/fuzz/corpus/<reader>/) must be either accepted or refused with InputError;
// any other exception fails the test (a crash fails it too). Bounded for CI by
// LINGROK_FUZZ_ITERATIONS (default 400 per reader); scripts/fuzz.sh runs it longer with other
// seeds (LINGROK_FUZZ_SEED). The checkpoint corpus is two checkpoints of the run below (the
// data of the checkpoint test's DataConfig, gd {"eta": 0.5, "steps": 300, "checkpoint_every":
// 100, "log_per_decade": 5}, stopped by LINGROK_STOP_AT_STEP=100 and 200); a new checkpoint
// format needs them written again.
#define BOOST_TEST_MODULE numerics_reader_fuzz
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "core/strict_json.hpp"
#include "data/csv.hpp"
#include "data/data_config.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulation.hpp"

using namespace lingrok;
namespace fs = std::filesystem;

namespace {

long long env_or(const char* name, long long fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::atoll(v) : fallback;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> corpus(const std::string& reader) {
  const char* src = std::getenv("LINGROK_SOURCE_DIR");
  BOOST_TEST_REQUIRE(src != nullptr, "LINGROK_SOURCE_DIR is not set (run through ctest)");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(src) / "tests/fuzz/corpus" / reader))
    files.push_back(e.path());
  std::sort(files.begin(), files.end());  // directory order is not deterministic
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(slurp(f));
  BOOST_TEST_REQUIRE(!out.empty());
  return out;
}

// Tokens that readers handle specially: signs, exponents, non-numbers, separators, a byte
// order mark, huge integers, deep nesting.
const std::vector<std::string> kTokens = {"-1",
                                          "0",
                                          "1e308",
                                          "-1e309",
                                          "nan",
                                          "inf",
                                          "\xEF\xBB\xBF",
                                          ",",
                                          "\n",
                                          "\r\n",
                                          "[",
                                          "]",
                                          "{",
                                          "}",
                                          "\"",
                                          ":",
                                          "null",
                                          "true",
                                          "4294967298",
                                          "18446744073709551616",
                                          "9223372036854775807",
                                          "0x1p+0",
                                          "-0x1.8p+3",
                                          "\"\":1,",
                                          "\t"};

std::string mutate(const std::string& seed, Rng& rng) {
  std::string s = seed;
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    const std::size_t n = s.size();
    const std::size_t at = n == 0 ? 0 : rng.below(n);
    switch (rng.below(6)) {
      case 0:  // flip a byte
        if (n > 0) s[at] = static_cast<char>(rng.below(256));
        break;
      case 1:  // insert a token
        s.insert(at, kTokens[rng.below(kTokens.size())]);
        break;
      case 2:  // delete a range
        if (n > 0) s.erase(at, 1 + rng.below(std::min<std::size_t>(n - at, 16)));
        break;
      case 3:  // duplicate a range
        if (n > 0) s.insert(at, s.substr(at, 1 + rng.below(32)));
        break;
      case 4:  // cut the file
        s.resize(at);
        break;
      default:  // replace a digit with another
        if (n > 0 && s[at] >= '0' && s[at] <= '9') s[at] = static_cast<char>('0' + rng.below(10));
        break;
    }
  }
  return s;
}

// Runs `read` on every mutation; only InputError may come out.
template <class Read>
void fuzz(const std::string& reader, std::uint64_t tag, long long iterations, Read read) {
  const auto seeds = corpus(reader);
  Rng rng(Rng::derive_seed(static_cast<std::uint64_t>(env_or("LINGROK_FUZZ_SEED", 1)), tag));
  const fs::path file =
      fs::temp_directory_path() / ("lingrok_fuzz_" + reader + "_" + std::to_string(::getpid()));
  long long refused = 0;
  for (long long i = 0; i < iterations; ++i) {
    const std::string input = mutate(seeds[rng.below(seeds.size())], rng);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << input;
    try {
      read(file, rng);
    } catch (const InputError&) {
      ++refused;
    } catch (const std::exception& e) {
      const fs::path keep = fs::temp_directory_path() / ("lingrok_fuzz_failure_" + reader);
      std::ofstream(keep, std::ios::binary) << input;
      BOOST_FAIL(reader << " reader: iteration " << i << " threw " << e.what()
                        << " instead of InputError; input kept in " << keep.string());
    }
  }
  fs::remove(file);
  BOOST_TEST_MESSAGE(reader << ": " << iterations << " mutations, " << refused << " refused");
  BOOST_TEST(refused > 0);  // the mutator does reach the error paths
}

}  // namespace

BOOST_AUTO_TEST_CASE(csv_reader_accepts_or_refuses_every_mutation) {
  fuzz("csv", 1, env_or("LINGROK_FUZZ_ITERATIONS", 400), [](const fs::path& f, Rng&) {
    const Dataset d = read_csv(f);
    BOOST_TEST(d.X.rows() == d.y.size());
  });
}

BOOST_AUTO_TEST_CASE(configuration_reader_accepts_or_refuses_every_mutation) {
  fuzz("config", 2, env_or("LINGROK_FUZZ_ITERATIONS", 400), [](const fs::path& f, Rng&) {
    const nlohmann::json config = read_config_file(f.string());
    const DataConfig data = parse_data_config(config, f.string());
    (void)parse_gd_config(config, f.string());
    (void)data;
  });
}

// Half of the mutations get their checksum recomputed, so that the structural checks behind
// it are reached; those that are read are resumed (the engine's own checks, the summary's
// period-2 fraction over the rows).
BOOST_AUTO_TEST_CASE(checkpoint_reader_accepts_or_refuses_every_mutation) {
  DataConfig dc;
  dc.n_plus = 6;
  dc.n_minus = 5;
  dc.k_plus = 2;
  dc.k_minus = 2;
  dc.n_test_standard = 0;
  dc.n_test_conc = 0;
  const DataBundle data = generate_data(dc);
  fuzz("checkpoint", 3, env_or("LINGROK_FUZZ_ITERATIONS", 400) / 2,
       [&](const fs::path& f, Rng& rng) {
         Checkpoint c;
         if (rng.below(2) == 0) {
           c = read_checkpoint(f);
         } else {
           nlohmann::json j = read_json_file(f.string());
           if (j.is_object()) j["checksum"] = checkpoint_checksum(j);
           c = checkpoint_from_json(j, f.string());
         }
         SimulationSetup setup;
         setup.data = &data;
         setup.config.steps = 300;
         setup.config.progress = false;
         setup.eta = 0.5;
         setup.resume = &c;
         const SimulationResult r = run_gd_simulation(setup);
         (void)simulation_summary(setup, r, 1.0, "fuzz", nullptr);
       });
}
