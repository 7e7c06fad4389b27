// A planting variant for the protocol search (docs/data.md#planting): the planted support
// vectors of a training set from sample_train, moved along their margin hyperplane towards the
// centre of its slice of the box, m± = ±(c/d)(1,…,1), by x ← m + λ(x − m), 0 < λ ≤ 1.
//
// Why it is admissible: the paper puts k± points on the margin hyperplanes p = ±γ/2 but does not
// say where on them; spreading them over the whole slice (lingrok's default) and gathering them
// in one spot are equally consistent with its text. The map keeps Σ_j x_j = ±c in real
// arithmetic (Σ_j m_j = ±c and the shift is along the hyperplane); in double each coordinate is
// rounded once, so the planted points lie on the margin up to rounding (|Δp| ≲ 1e-16 |x|), which
// the theory's exact stage certifies (docs/theory.md#max-margin-separator). Only the planted rows
// move.
#pragma once

#include "data/dataset.hpp"

namespace lingrok {

// Throws InputError unless 0 < lambda <= 1 and the set has planted-row marks.
void cluster_planted_points(Dataset& train, double c, double lambda);

}  // namespace lingrok
