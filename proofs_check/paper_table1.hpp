// The paper's Table 1 (Section 5.2: T_tr, T_te and ζ per dimension, test set and ε) beside
// lingrok's numbers for the same quantities, read from a run's simulate/summary.json (the
// paper's definition: first logged step reaching (1 − ε)·sup, Definition 3.4). The paper's
// values are data (configs/paper_table1.json), never code; the comparison only computes.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "proofs_check/paper_statements.hpp"

namespace lingrok {

struct PaperTable1Row {
  int d = 0;
  std::string test;  // "standard" | "concentrated"
  double epsilon = 0;
  PaperNumber T_tr, T_te, zeta;
};

struct PaperTable1 {
  std::string source, note;
  std::map<int, std::string> lingrok_run;  // d -> the run compared with the paper's rows
  std::vector<PaperTable1Row> rows;
};

// Reads configs/paper_table1.json; InputError naming the file and the bad field.
PaperTable1 read_paper_table1(const std::filesystem::path& file);

// One paper row beside one lingrok run. NaN: not reached in the run (or not logged).
struct Table1Comparison {
  PaperTable1Row paper;
  std::string family, run;
  long long steps = 0;  // the run's length (the d = 1024 run is reduced by default)
  double T_tr = 0, T_te = 0, zeta = 0;
  double zeta_min = 100;
  // Whether the run and the paper fall on the same side of ζ_min at this row ("yes", "no",
  // or "-" when either side is undecided: a bound across ζ_min or a time not reached).
  std::string same_grokking_verdict;
  // lingrok's T_te over the paper's (NaN if either is missing).
  double T_te_ratio = 0;
};

// The comparison rows for the paper rows of dimension `d` against one run's summary.json
// (null summary: an empty result).
std::vector<Table1Comparison> compare_with_paper_table1(const PaperTable1& paper, int d,
                                                        const std::string& family,
                                                        const std::string& run,
                                                        const nlohmann::json& simulate_summary);

}  // namespace lingrok
