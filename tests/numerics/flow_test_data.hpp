// Small data shared by the flow tests.
#pragma once

#include "data/dataset.hpp"

namespace lingrok::test {

// Eight separable points in the plane, unbalanced so that the bias moves.
inline Dataset eight_point_data() {
  Dataset d;
  d.name = "train";
  d.X.resize(8, 2);
  d.X << 1.0, 2.0, 2.0, 0.5, 1.5, 1.5, 3.0, 1.0, 0.2, 2.5,  // +1
      -1.0, -1.0, -2.0, 0.5, -0.5, -2.0;                    // -1
  d.y.resize(8);
  d.y << 1, 1, 1, 1, 1, -1, -1, -1;
  return d;
}

}  // namespace lingrok::test
