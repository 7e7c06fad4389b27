// Small helpers the checks share: starting a report, reading trajectory columns, and the
// "inconclusive because X is missing" report.
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/run_layout.hpp"

namespace lingrok::checks {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A run's files as reports name them: relative to the run directory.
inline const RunLayout kRunFiles = RunLayout::relative();

inline CheckReport start_report(const char* id, const char* claim, const char* reference) {
  CheckReport r;
  r.id = id;
  r.claim = claim;
  r.reference = reference;
  return r;
}

// Marks the report inconclusive because an input is missing; `step` names what produces it.
inline CheckReport missing(CheckReport r, const std::string& what, const std::string& step) {
  r.verdict = Verdict::inconclusive;
  r.reason = "Needs " + what + ", which this run does not have; " + step + " produces it.";
  return r;
}

// A trajectory column, or an empty vector if the table lacks it.
inline std::vector<double> column(const RunArtifacts& run, const std::string& name) {
  if (!run.trajectory || !run.trajectory->has(name)) return {};
  return run.trajectory->col(name);
}

// Index of the first logged step >= t (size() if none).
inline std::size_t index_at_or_after(const std::vector<double>& t, double t0) {
  std::size_t k = 0;
  while (k < t.size() && t[k] < t0) ++k;
  return k;
}

// First logged t from which `ok(k)` holds for every later row (NaN if never).
template <class Pred>
double first_time_holding(const std::vector<double>& t, Pred ok) {
  double since = kNaN;
  for (std::size_t k = 0; k < t.size(); ++k) {
    if (ok(k)) {
      if (std::isnan(since)) since = t[k];
    } else {
      since = kNaN;
    }
  }
  return since;
}

inline std::string fmt(double x) {
  if (std::isnan(x)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", x);
  return buf;
}

// The GD run's ηβ from its summary or the theory (NaN if neither has it).
double eta_beta_of(const RunArtifacts& run);

// Assumption 3.1 as `lingrok theory` decided it, once, for every check: theory.json's
// assumption_3_1.holds (|b̂| within the support tolerance; false when b_hat is absent).
// ..._exactly: its holds_exactly (|b̂| zero to 50 digits), or the former for files without it.
bool zero_max_margin_bias(const TheoryRecord& theory);
bool zero_max_margin_bias_exactly(const TheoryRecord& theory);

// Why the late-time limit (w̃, b̃) of docs/theory.md#late-time-limit does not exist for this run's
// data, as a sentence naming b̂: theory.json says that Assumption 3.1 fails
// (TheoryRecord::assumption_3_1_holds: b̂ ≠ 0, so F has no finite minimiser and `lingrok theory`
// wrote no w̃). "" otherwise, also when there is no theory.json or it does not say.
std::string no_late_time_limit(const RunArtifacts& run);

}  // namespace lingrok::checks
