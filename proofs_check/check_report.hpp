// What a check returns (docs/checks.md): the claim in lingrok's words with the paper's reference,
// its inputs, the measured numbers, the tolerance, a verdict computed from them, and one
// sentence that a reader understands without the code. Modelled on Ceres' GradientChecker:
// the result carries the evidence, never just a bool.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace lingrok {

// holds / fails: the claim's premises hold and the measurement decides it.
// not_applicable: a premise is violated (the reason names it).
// inconclusive: the run is too short or too coarse (the reason says what would settle it).
enum class Verdict { holds, fails, not_applicable, inconclusive };

const char* to_string(Verdict v);
inline std::ostream& operator<<(std::ostream& out, Verdict v) { return out << to_string(v); }

struct Measurement {
  std::string name;  // e.g. "b_inf - b_tilde"
  double value;      // the number (NaN when not measured)
  std::string note;  // unit, or the full-precision digits, or how it was measured
};

struct CheckReport {
  std::string id;                                    // docs/checks.md id: "A3.1", "T4.5", ..., "GD"
  std::string claim;                                 // the claim in lingrok's words
  std::string reference;                             // where the paper states it
  nlohmann::json inputs = nlohmann::json::object();  // what the check read (files, options)
  std::vector<Measurement> measured;
  std::string tolerance;  // the tolerance the verdict used, in words and numbers
  Verdict verdict = Verdict::inconclusive;
  std::string reason;  // one sentence, numbers included
  // The name of the measurement that decided the verdict, shown as the check's key number in
  // the summaries; empty: the first measurement.
  std::string key;

  // The value of a measurement by name (NaN if absent).
  double value(const std::string& name) const;
  void add(const std::string& name, double value, const std::string& note = "");
  // The measurement named by `key` (else the first); null when nothing was measured.
  const Measurement* key_measurement() const;
};

nlohmann::json to_json(const CheckReport& report);

// The Markdown report: a summary table (id, claim, verdict, key number) and one section per
// check with its measurements. `title` heads the page; `context` lines follow it.
std::string to_markdown(const std::vector<CheckReport>& reports, const std::string& title,
                        const std::vector<std::string>& context);

}  // namespace lingrok
