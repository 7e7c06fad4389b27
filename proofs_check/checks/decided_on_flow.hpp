// The late-time claims (T4.1, T4.2, A4.4, T4.5, S4.3, S4.5, S6) are statements about gradient
// flow and small-step GD at late times (docs/conventions.md "Families of runs"): each is decided on
// the object that reaches the time it needs. The check runs first on the GD log; where that leaves
// it inconclusive, or outside GD's step-size premise, it runs unchanged on the full gradient flow
// in log time (numerics/flow/full_flow_logtime.hpp, `lingrok integrate --which logtime`): first the
// flow continued from GD's last state (flows/flow_logtime_gd.csv), then the flow from (0, 0)
// (flows/flow_logtime.csv). The same measurement and tolerance decide; the flow is the η → 0 limit
// of GD, so the step-size premise does not apply to it (ηβ is reported as 0 for the flow). Every
// report says which object decided and the largest t it reached, and where GD and the flow from (0,
// 0) share logged times, their largest gap in b and in ||w||: the bridge that lets a flow verdict
// speak for GD at that η (it shrinks with η, `integrate --which gd-gap`).
#pragma once

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"
#include "proofs_check/run_artifacts.hpp"

namespace lingrok::checks {

using LateTimeCheck = CheckReport (*)(const RunArtifacts&, const CheckOptions&);

CheckReport decided_where_it_lives(const RunArtifacts& run, const CheckOptions& options,
                                   LateTimeCheck check);

// The run with its GD log replaced by a flow table (the view a late-time check reads).
RunArtifacts flow_view(const RunArtifacts& run, const Table& flow);

}  // namespace lingrok::checks
