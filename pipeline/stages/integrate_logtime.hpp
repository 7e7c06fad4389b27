// `lingrok integrate --which logtime` (pipeline/stages/integrate_logtime.cpp): the full gradient
// flow in log time, from the origin or continued from a GD log's last row.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "core/deadline.hpp"
#include "data/loss/loss.hpp"
#include "results/theory_record.hpp"

namespace lingrok::stages {

// The loss and reduction of a flow (every `lingrok integrate --which`): --loss/--reduction, else
// those theory.json was computed for, else logistic and sum. InputError for an unknown name.
struct LossChoice {
  Loss loss;
  Reduction reduction;
};
LossChoice flow_loss(const std::string& loss, const std::string& reduction,
                     const TheoryRecord* theory);

struct LogTimeArgs {
  std::string data, theory, out, from_gd;
  std::optional<double> eta;
  std::string loss, reduction, precision;  // precision: "double" (default) or "50"
  double t_end = 1e60;
  int per_decade = 10;
  std::optional<double> abs_tol, rel_tol;
  bool estimate_error = true;
  bool stop_when_settled = true;
};

// Reports on `log`; `deadline` (may be null) is polled by the flow (core/deadline.hpp).
void run_integrate_logtime(const LogTimeArgs& args, std::ostream& log, const Deadline* deadline);

}  // namespace lingrok::stages
