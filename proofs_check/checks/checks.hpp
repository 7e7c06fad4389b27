// One function per claim of docs/checks.md; each reads a run's results and returns its report.
// The registry (proofs_check/registry.hpp) lists them in the order of docs/checks.md.
#pragma once

#include "proofs_check/check_options.hpp"
#include "proofs_check/check_report.hpp"
#include "proofs_check/run_artifacts.hpp"

namespace lingrok::checks {

CheckReport check_A3_1(const RunArtifacts& run, const CheckOptions& options);  // separable, b̂ = 0
CheckReport check_A3_3(const RunArtifacts& run, const CheckOptions& options);  // finite R
CheckReport check_T4_1(const RunArtifacts& run, const CheckOptions& options);  // ||w - ŵ log t|| bounded
CheckReport check_T4_2(const RunArtifacts& run, const CheckOptions& options);  // ρ → w̃
CheckReport check_T4_3(const RunArtifacts& run, const CheckOptions& options);  // eq. 7 = bias-free SVM
CheckReport check_A4_4(const RunArtifacts& run, const CheckOptions& options);  // late-time conditions
CheckReport check_T4_5(const RunArtifacts& run, const CheckOptions& options);  // closed-form bias
CheckReport check_S4_3(const RunArtifacts& run, const CheckOptions& options);  // Phase-1 steady state
CheckReport check_S4_5(const RunArtifacts& run, const CheckOptions& options);  // D rises then falls
CheckReport check_T4_6(const RunArtifacts& run, const CheckOptions& options);  // T_te within bounds
CheckReport check_R4_7(const RunArtifacts& run, const CheckOptions& options);  // T_tr ≪ T_te
CheckReport check_D3_4(const RunArtifacts& run, const CheckOptions& options);  // grokking per test set
CheckReport check_S6(const RunArtifacts& run, const CheckOptions& options);    // PGD rises in Phase 3
CheckReport check_GD(const RunArtifacts& run, const CheckOptions& options);    // step-size regime

}  // namespace lingrok::checks
