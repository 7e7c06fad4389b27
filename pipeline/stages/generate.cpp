// The generate stage (`lingrok generate`): the paper's data sets (docs/data.md) as CSV, with a JSON
// summary (counts, planted counts, γ, α, R, seed, version, full configuration).
#include "pipeline/stages/generate.hpp"

#include <chrono>
#include <filesystem>
#include <ostream>

#include "core/atomic_file.hpp"
#include "core/output_set.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/csv.hpp"
#include "data/sampling/paper_samplers.hpp"

namespace lingrok::stages {

namespace {

nlohmann::ordered_json describe(const Dataset& data, const std::string& file) {
  return {{"file", file},
          {"n", data.size()},
          {"n_plus", data.count_plus()},
          {"n_minus", data.count_minus()},
          {"planted_plus", data.count_planted(1.0)},
          {"planted_minus", data.count_planted(-1.0)},
          {"R", data.radius()}};
}

}  // namespace

void run_generate(const GenerateRequest& args, std::ostream& log) {
  const nlohmann::json config = read_config_file(args.config);
  const DataConfig data_config = parse_data_config(config, args.config);
  // The data sets and data.json are committed together: never train.csv without data.json, or
  // a test set of an earlier run beside new training data.
  OutputSet out_set(args.out, [](const std::string& name) {
    return name == kTrainFile || name == kTestStandardFile || name == kTestConcFile ||
           name == kDataSummaryFile;
  });
  const std::filesystem::path out(args.out);
  const auto start = std::chrono::steady_clock::now();

  nlohmann::ordered_json sets = nlohmann::ordered_json::object();
  // One set at a time: generated, written, freed (the d = 1024 sets are 8 GB each).
  {
    const Dataset train = sample_train(data_config);
    write_csv(out_set.path(kTrainFile), train);
    sets["train"] = describe(train, kTrainFile);
  }
  if (data_config.n_test_standard > 0) {
    const Dataset test = sample_standard_test(data_config);
    write_csv(out_set.path(kTestStandardFile), test);
    sets["test_standard"] = describe(test, kTestStandardFile);
  }
  if (data_config.n_test_conc > 0) {
    const Dataset test = sample_concentrated_test(data_config);
    write_csv(out_set.path(kTestConcFile), test);
    sets["test_conc"] = describe(test, kTestConcFile);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const PlantingGrid grid = planting_grid(data_config);
  const double sqrt_d = std::sqrt(static_cast<double>(data_config.d));
  nlohmann::ordered_json summary = {{"lingrok_version", kVersion},
                                    {"git", kGitDescribe},
                                    {"config_file", args.config},
                                    {"config", config},
                                    {"seed", data_config.seed},
                                    {"data", to_json(data_config)},
                                    {"gamma", data_config.gamma},
                                    {"alpha", data_config.alpha},
                                    {"box", data_config.box},
                                    {"d", data_config.d},
                                    {"w_true", "(1,...,1)/sqrt(d)"},
                                    {"planting",
                                     {{"hyperplanes", "sum_j x_j = +-c exactly"},
                                      {"c", grid.c()},
                                      {"grid_exponent_q", grid.q},
                                      {"projection_of_planted_points", grid.c() / sqrt_d},
                                      {"gamma_effective", 2 * grid.c() / sqrt_d}}},
                                    {"sets", sets},
                                    {"seconds", seconds}};
  write_text_atomically(out_set.path(kDataSummaryFile), summary.dump(2) + "\n");
  out_set.commit();

  log << "lingrok generate: " << args.config << " (seed " << data_config.seed << ") -> "
      << out.string() << "\n";
  log << "  d = " << data_config.d << ", gamma = " << data_config.gamma
      << ", alpha = " << data_config.alpha << ", box = [-" << data_config.box << ", "
      << data_config.box << "]^d\n";
  for (const auto& [name, s] : sets.items()) {
    log << "  " << name << ": " << s["n"] << " points (" << s["n_plus"] << " +, " << s["n_minus"]
        << " -), planted " << s["planted_plus"] << " + / " << s["planted_minus"]
        << " -, R = " << s["R"].get<double>() << "\n";
  }
  log << "  written in " << seconds << " s\n";
}

}  // namespace lingrok::stages
