// Running the checks on a run directory and writing its report (shared by `check` and
// `reproduce`).
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"

namespace lingrok::cli {

// Loads DIR, runs the checks (all, or `only`), writes DIR/report.json and DIR/report.md.
std::vector<CheckReport> check_run_directory(const std::filesystem::path& dir,
                                             const CheckOptions& options,
                                             const std::vector<std::string>& only = {});

// "id  verdict  key number" lines.
void print_summary_table(std::ostream& out, const std::vector<CheckReport>& reports);

}  // namespace lingrok::cli
