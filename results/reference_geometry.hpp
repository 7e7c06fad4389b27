// The reference geometry GD logs against (numerics/gd's ReferenceGeometry), read from a theory
// record: ŵ, w̃, b̃ and the support set S (docs/theory.md#max-margin-separator, #late-time-limit).
// Where theory.json says Assumption 3.1 fails, ŵ and S are the eq. (7) problem's (svm_eq7.w,
// svm_eq7.support_plus/minus), w̃ is empty and b̃ NaN: GD then follows (ŵ, b̂) log t
// (Theorem 4.1 for the augmented vector) and has no late-time limit.
#pragma once

#include <filesystem>

#include "numerics/gd/simulation.hpp"
#include "results/theory_record.hpp"

namespace lingrok {

// `d` and `n_train` are the data's dimension and training-set size (ŵ's length and the range
// of the indices); `beta` receives beta_smoothness when present (else NaN). Throws InputError
// naming the missing or malformed field.
ReferenceGeometry reference_geometry(const TheoryRecord& theory, int d, long long n_train,
                                     double* beta);
ReferenceGeometry read_reference_geometry(const std::filesystem::path& theory_json, int d,
                                          long long n_train, double* beta);

}  // namespace lingrok
