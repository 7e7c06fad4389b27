// Protocol attribution (docs/checks.md#protocol-attribution; planting is not specified by the
// paper, docs/data.md#planting): for each row of the paper's Table 1 and each of its quantitative
// statements about Figure 4 / Section 5.2, which of the protocols tried reproduce it, the closest
// miss and a one-line verdict. A protocol is a run's choices (planting, S/D set, family, reduction,
// seed, rounding) read with one Definition 3.4 variant (first/settle × relative/absolute) at one ε.
//
// A measured number m reproduces the paper's number v by its relation:
//   "="  v/3 ≤ m ≤ 3v (a factor `factor`; the paper's "around" too)
//   "~"  v/10 ≤ m ≤ 10v (an order of magnitude, `order_factor`)
//   "<=" m ≤ v;  ">=" m ≥ v
// except a Table 1 ζ printed with "=", which is reproduced when m lies on the same side of ζ_min as
// v (grokking or not, Remark 2): the question is whether the run groks, not its exact delay. A row
// is reproduced by a reading when T_tr, T_te and ζ all are. The distance of a miss is the sum over
// the three of how far (in decades) m lies outside its band; a number not reached counts 10.
// Runs differing only in the seed form a group, and a group's spread over seeds is reported:
// the literal runs are chaotic, so a distribution says more than one number.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "proofs_check/paper_table1.hpp"
#include "proofs_check/protocol_outcome.hpp"

namespace lingrok {

// configs/paper_figure4.json: the paper's statements about its Figure 4 as data.
struct PaperStatement {
  std::string id, text;
  std::string quantity;  // a measured quantity of ProtocolOutcome (outcome_quantity)
  std::string runs;      // "d2" | "balanced" | "positive" | "negative" | "imbalanced"
  PaperNumber value;
};
struct PaperFigure4 {
  std::string source, note;
  std::vector<PaperStatement> statements;
};
// InputError naming the file and the bad field.
PaperFigure4 read_paper_figure4(const std::filesystem::path& file);

struct AttributionOptions {
  double factor = 3;         // "=": within this factor
  double order_factor = 10;  // "~": within this factor
  double zeta_min = 100;     // grokking threshold (the paper's Remark 2)
};

// Decades by which m misses the paper's number (0: reproduced); 10 when m is NaN or not positive.
double miss_distance(const PaperNumber& paper, double measured, const AttributionOptions& options);
// The same for a Table 1 ζ: "=" compares the sides of ζ_min; other relations as above.
double zeta_miss_distance(const PaperNumber& paper, double measured,
                          const AttributionOptions& options);

// One reading of one run.
struct Reading {
  std::size_t outcome = 0;  // index into the outcomes
  std::string id, group;
  std::string variant;  // "first_sup", ... ("" for a Figure 4 statement)
  double epsilon = 0;
  double T_tr = 0, T_te = 0, zeta = 0;  // Table 1 rows
  double value = 0;                     // Figure 4 statements
  double distance = 0;
  bool reproduces() const { return distance == 0; }
  std::string label() const;  // "group [first_sup, eps=0.01]"
};

// The readings of one group (a protocol over its seeds) and how many reproduce.
struct GroupResult {
  std::string group, variant;
  double epsilon = 0;
  int runs = 0, reproducing = 0;
  double best_distance = 0;
  std::string spread;  // "T_tr 219-310, T_te 9.1e6-1e7, zeta 3e4-4e4" over the seeds
};

struct Attribution {
  std::string what;      // the row or statement, as the paper prints it
  int d = 0;             // the dimension of a Table 1 row (0 for a Figure 4 statement)
  bool reduced = false;  // compared with reduced-scale runs
  std::size_t tried = 0, tried_groups = 0;
  std::vector<GroupResult> reproduced_by;  // groups with >= 1 reproducing run, best first
  std::optional<Reading> best, closest_miss;
  std::string verdict;  // "reproduced by …" | "reproduced by none of N protocols tried; closest …"
};

Attribution attribute_table1_row(const PaperTable1Row& row,
                                 const std::vector<ProtocolOutcome>& outcomes,
                                 const AttributionOptions& options);
Attribution attribute_statement(const PaperStatement& statement,
                                const std::vector<ProtocolOutcome>& outcomes,
                                const AttributionOptions& options);

struct ProtocolAttribution {
  std::vector<Attribution> table1;   // one per row of the paper's Table 1, in its order
  std::vector<Attribution> figure4;  // one per statement
  // Per outcome: the sum over the d = 2 Table 1 rows of its best reading's distance and over
  // the statements about its runs of its distance (lower: closer to the paper).
  std::vector<double> scores;
};

ProtocolAttribution attribute_protocols(const PaperTable1& table1, const PaperFigure4& figure4,
                                        const std::vector<ProtocolOutcome>& outcomes,
                                        const AttributionOptions& options);

nlohmann::ordered_json to_json(const Attribution& a);
nlohmann::ordered_json to_json(const ProtocolAttribution& a);
// The attribution as a Markdown section (tables with a verdict per row and statement).
std::string attribution_markdown(const ProtocolAttribution& a, const PaperTable1& table1,
                                 const PaperFigure4& figure4);

}  // namespace lingrok
