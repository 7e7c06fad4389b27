// Every path of a run directory, a sweep and a reproduction (run_layout.hpp,
// docs/outputs.md#files).
#include "results/run_layout.hpp"

#include "data/dataset.hpp"

namespace lingrok {

std::filesystem::path RunLayout::train_csv() const { return data_dir() / kTrainFile; }
std::filesystem::path RunLayout::test_standard_csv() const {
  return data_dir() / kTestStandardFile;
}
std::filesystem::path RunLayout::test_conc_csv() const { return data_dir() / kTestConcFile; }
std::filesystem::path RunLayout::data_json() const { return data_dir() / kDataSummaryFile; }

std::filesystem::path RunLayout::flow_csv(const std::string& which) const {
  return flows_dir() / (flow_stem(which) + ".csv");
}
std::filesystem::path RunLayout::flow_json(const std::string& which) const {
  return flows_dir() / (flow_stem(which) + ".json");
}

RunLayout SweepLayout::point(const std::string& family, long long k_minus,
                             unsigned long long seed) const {
  // Built by appending: GCC 12 warns falsely on "k" + to_string(k) (-Wrestrict, bug 105329).
  std::string name = "k";
  name += std::to_string(k_minus);
  name += "_seed";
  name += std::to_string(seed);
  return RunLayout(runs_dir() / family / name);
}

}  // namespace lingrok
