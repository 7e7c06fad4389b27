// A3.3 (the paper's Assumption 3.3): the data have finite support, R = max ||x_i|| < ∞.
#include "proofs_check/checks/check_support.hpp"
#include "proofs_check/checks/checks.hpp"

namespace lingrok::checks {

CheckReport check_A3_3(const RunArtifacts& run, const CheckOptions&) {
  CheckReport r = start_report("A3.3", "The data have finite support: R = max ||x_i|| is finite.",
                               "Assumption 3.3");
  double R = kNaN;
  std::string source;
  if (run.theory) {
    R = run.theory->value_or_nan("R");
    source = kRunFiles.theory_json().string();
  }
  const auto train_R = "/sets/train/R"_json_pointer;
  if (std::isnan(R) && run.data_summary && run.data_summary->contains(train_R) &&
      run.data_summary->at(train_R).is_number()) {
    R = run.data_summary->at(train_R).get<double>();
    source = kRunFiles.data_json().string();
  }
  if (std::isnan(R)) return missing(r, "R", "`lingrok theory` or `lingrok generate`");
  r.inputs = {{"source", source}};
  r.add("R", R, "max ||x_i|| over the training set");
  r.tolerance = "R finite";
  r.verdict = std::isfinite(R) ? Verdict::holds : Verdict::fails;
  r.reason = "The largest training point has norm R = " + fmt(R) + " (from " + source + ").";
  return r;
}

}  // namespace lingrok::checks
