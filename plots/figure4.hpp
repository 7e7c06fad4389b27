// The paper's Figure 4 reproduced from the protocol search (docs/checks.md#protocol-attribution):
// one row of panels per configuration (balanced, positive and negative support-vector
// imbalance), each with b(t), D(t) = |b|/||w|| and the train and concentrated-test accuracy, the
// best-matching protocol's run (solid) beside the default protocol's (dashed), the paper's
// phases (Section 5.2: Phase 1 up to 5·10^3, Phase 2 up to 5·10^4, then Phase 3) shaded and the
// best run's measured t1, t2 as vertical lines.
#pragma once

#include <string>
#include <vector>

#include "numerics/gd/trajectory.hpp"
#include "plots/figure.hpp"

namespace lingrok {

struct Figure4Run {
  std::string label;  // the protocol's id
  const Trajectory* trajectory = nullptr;
  double t1 = 0, t2 = 0;  // measured phase boundaries (NaN: not measured)
};

struct Figure4Row {
  std::string configuration;  // "balanced", "positive imbalance", ...
  Figure4Run best, fallback;  // fallback: the default protocol
};

// Throws std::invalid_argument when a run lacks its trajectory or the columns t, b, D,
// acc_train, acc_test_conc.
Figure figure4(const std::vector<Figure4Row>& rows, double paper_t1 = 5e3, double paper_t2 = 5e4);

}  // namespace lingrok
