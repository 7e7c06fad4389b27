// The check stage: the checks of docs/checks.md on a run directory and its report (for `check`,
// `reproduce` and `sweep`).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"

namespace lingrok::stages {

// Loads DIR, runs the checks (all, or `only`), writes DIR/report.json and DIR/report.md.
std::vector<CheckReport> check_run_directory(const std::filesystem::path& dir,
                                             const CheckOptions& options,
                                             const std::vector<std::string>& only = {});

// check_run_directory on `dir` (InputError when it is not a directory), then the summary table
// and the report's path on `log`.
std::vector<CheckReport> run_check(const std::filesystem::path& dir, std::ostream& log,
                                   const std::vector<std::string>& only = {});

// "id  verdict  key number" lines.
void print_summary_table(std::ostream& out, const std::vector<CheckReport>& reports);

}  // namespace lingrok::stages
