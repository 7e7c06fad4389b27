// The summary of a reproduction: claim × run verdicts with key numbers, and the grokking
// table in the shape of the paper's Table 1 (T_tr, T_te per test set, ζ, grokking yes/no).
#pragma once

#include <filesystem>
#include <ostream>

namespace lingrok {

// Reads OUT/<family>/<run>/{report.json, simulate/summary.json, theory.json}; writes
// OUT/summary.md and OUT/summary.json; prints the tables on `log`. If
// CONFIGS/paper_table1.json exists, the paper's Table 1 rows are shown beside the runs it names
// (proofs_check/paper_table1.hpp); if OUT/protocols/protocols.json exists (`lingrok protocols
// --out OUT/protocols`), its attribution of each row comes first.
void write_reproduction_summary(const std::filesystem::path& out,
                                const std::filesystem::path& configs, std::ostream& log);

}  // namespace lingrok
