// The one reader of theory.json (docs/theory.md; written by theory/theory.hpp's to_json).
// Each quantity there is {"value": double or null, "digits": 50-digit text} (vectors: arrays
// of both), a time is {"log_t": quantity, "t": quantity}, an index set is an array of 0-based
// training rows. A key is a '/'-separated path, e.g. "svm_bias_free/norm_w" or "phases/t1/t".
//
// Strict: every quantity's "digits" text is checked when the record is made, so a malformed one
// is refused even where no reader asks for it; a field of the wrong type, and a missing field that
// the caller requires, is a one-line InputError naming the file and the field. The writer leaves
// some fields out or null when their premise fails (no late-time limit without Assumption 3.1, no
// predictions without γ and α); readers that treat those as "not available" ask with has() or the
// *_or_nan /
// *_or_empty forms. A null value (the writer's non-finite number) reads as NaN.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/scalar.hpp"
#include "data/loss/loss.hpp"
#include "theory/svm/hard_margin_svm.hpp"

namespace lingrok {

// A predicted time: log t and t (t may not fit a double; NaN where theory.json has null).
struct PredictedTime {
  double log_t = 0;
  double t = 0;
  // t, or exp(log t) when t itself does not fit a double.
  double steps() const;
};

// One entry of grokking.predictions (docs/theory.md#grokking-time): T_te(ε) bounds with
// B = B_lim and the two estimates.
struct GrokkingPrediction {
  double epsilon = 0;
  PredictedTime T_te_lower, T_te_upper, T_te_small_gamma, T_te_refined;
};

class TheoryRecord {
 public:
  // `theory` must be a JSON object; `source` names it in errors (the file's path).
  TheoryRecord(nlohmann::json theory, std::string source = "theory.json");
  static TheoryRecord read(const std::filesystem::path& file);

  const std::string& source() const { return source_; }
  // The record as read, to copy or pass on whole (fields are read through the accessors below).
  const nlohmann::json& json() const { return json_; }

  // Present and not null.
  bool has(const std::string& key) const;

  // A scalar quantity (a number, or {"value": number or null}); null reads as NaN.
  double value(const std::string& key) const;         // InputError if absent
  double value_or_nan(const std::string& key) const;  // NaN if absent
  // Its full-precision digits.
  std::string digits(const std::string& key) const;           // InputError if absent
  std::string digits_or_empty(const std::string& key) const;  // "" if absent or digit-less
  // The quantity at 50 digits: its digits, else its value. InputError if absent or null.
  Real50 real50(const std::string& key) const;
  // Whether the quantity carries its digits ({"digits": ...}).
  bool has_digits(const std::string& key) const;
  // A vector quantity at 50 digits ({"digits": [...]}). InputError if absent or null.
  Vec50 vector50(const std::string& key) const;
  // A vector quantity's values (null entries read as NaN); empty if absent.
  std::vector<double> values_or_empty(const std::string& key) const;
  // An index set (0-based training rows). InputError if absent or null.
  std::vector<Eigen::Index> indices(const std::string& key) const;
  // A true/false field; `fallback` if absent.
  bool flag_or(const std::string& key, bool fallback) const;
  // A text field; `fallback` if absent.
  std::string text_or(const std::string& key, const std::string& fallback) const;

  // Whether Assumption 3.1 holds, as compute_theory decided it (assumption_3_1.holds), so that
  // w̃, b̃ and everything built on them are there. A file without the key (written by hand)
  // counts as holding; its readers then need w_tilde and say so.
  bool assumption_3_1_holds() const;
  // η of the flows: eta_effective (η/N for the mean reduction), else eta.
  Real50 flow_eta() const;
  // The stable step η = 1/β as text for `--eta`: its digits, else its value to 17 digits.
  std::string stable_eta_text() const;
  // The loss and reduction theory.json was computed for (its options); empty if absent.
  std::string option_loss() const;
  std::string option_reduction() const;
  // grokking.predictions; empty when theory.json has none (no γ, α or no late-time limit).
  bool has_predictions() const;
  std::vector<GrokkingPrediction> predictions() const;

 private:
  const nlohmann::json* find(const std::string& key) const;  // null if absent (not if null)
  // Every "digits" text in `node` (at `key`) is a number the writer could have written, or
  // InputError naming the field (run once, by the constructor).
  void validate_digits(const nlohmann::json& node, const std::string& key) const;
  [[noreturn]] void fail(const std::string& key, const std::string& what) const;
  double number_at(const nlohmann::json& node, const std::string& key) const;

  nlohmann::json json_;
  std::string source_;
};

}  // namespace lingrok
