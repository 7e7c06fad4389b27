// The generate stage: the data sets of a configuration's data section (docs/data.md) written to
// a directory as one output set (train.csv, test_standard.csv, test_conc.csv, data.json).
#pragma once

#include <ostream>
#include <string>

namespace lingrok::stages {

struct GenerateRequest {
  std::string config;  // configuration file (JSON)
  std::string out;     // output directory
};

// Writes the sets and reports them on `log`.
void run_generate(const GenerateRequest& request, std::ostream& log);

}  // namespace lingrok::stages
