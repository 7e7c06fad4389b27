// The registry of checks, one per row of docs/checks.md, in the order of docs/checks.md.
#pragma once

#include <string>
#include <vector>

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"
#include "proofs_check/run_artifacts.hpp"

namespace lingrok {

using CheckFunction = CheckReport (*)(const RunArtifacts&, const CheckOptions&);

struct CheckEntry {
  const char* id;
  CheckFunction run;
};

const std::vector<CheckEntry>& check_registry();

// Runs every registered check (or those whose id is in `only`, if not empty). A check that
// throws is reported as inconclusive with the exception's message: one broken input never
// hides the other verdicts.
std::vector<CheckReport> run_checks(const RunArtifacts& run, const CheckOptions& options,
                                    const std::vector<std::string>& only = {});

}  // namespace lingrok
