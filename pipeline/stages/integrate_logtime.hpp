// `lingrok integrate --which logtime` (pipeline/stages/integrate_logtime.cpp): the full gradient
// flow in log time, from the origin or continued from a GD log's last row.
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "core/deadline.hpp"
#include "data/loss/loss.hpp"
#include "pipeline/stages/integrate.hpp"
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

// Reports on `log`; `deadline` (may be null) is polled by the flow (core/deadline.hpp).
// `request.which` is "logtime"; its t_end and per_decade default to 1e60 and 10 when not set.
void run_integrate_logtime(const IntegrateRequest& request, std::ostream& log,
                           const Deadline* deadline);

}  // namespace lingrok::stages
