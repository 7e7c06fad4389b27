// The paper's data generators (Section 5 and Appendix B), made exact as in docs/data.md.
// With w_true = (1,…,1)/√d and p = w_true·x, every sampler works with the coordinate sum
// s = Σ_j x_j = √d p, which is exact to compute and to condition on.
//
// - Train D(n+,n-): x uniform in [-a,a]^d, label +1 if p >= γ/2, -1 if p <= -γ/2. Each class
//   is sampled directly from its region (uniform in the box, reflected through the origin
//   when s < 0 — the box is symmetric, so this is measure-preserving — and rejected while
//   |p| < γ/2), which is the same distribution as the paper's draw-and-label loop.
// - Planted support vectors S(k+,k-): uniform on the slice {s = ±c} ∩ box, where
//   c = √d γ/2 rounded to the grid 2^-q. Coordinates 1..d-1 are drawn uniformly on that grid
//   and x_d = c - Σ_{j<d} x_j in exact integer arithmetic; the draw is accepted if |x_d| <= a.
//   The map from the slice to (x_1..x_{d-1}) is affine with a constant Jacobian, so accepted
//   points are uniform on the slice (up to the 2^-q grid), and every planted point satisfies
//   Σ_j x_j = ±c EXACTLY in real arithmetic — so the exact max-margin separator of the data
//   is ŵ = (1/c)(1,…,1) with bias 0, not a rounding-perturbed neighbour. |p - γ/2| <= 2^-(q+1)/√d
//   (6e-16 for d = 2, a = 5).
// - Concentrated test P_conc(α): uniform in the box with γ/2 < p <= αγ (class +1), mirrored
//   for class -1. Rejection from the whole box accepts ~1e-3 of the draws (fine for d = 2,
//   hopeless for d = 1024), so instead: draw x_1..x_{d-1} uniformly, let I = the interval of
//   x_d that puts s in the band, intersected with [-a,a]; accept with probability |I| / ℓmax
//   (ℓmax = min(band width, 2a) >= |I|), then draw x_d uniform on I. The accepted
//   (x_1..x_{d-1}) have density ∝ |I|, which is the marginal of the uniform distribution on
//   box ∩ band, and x_d | rest is uniform on I: the result is exact. Acceptance is the
//   probability that the sum of d-1 coordinates lands where x_d can close the gap (~1 for
//   d = 2, ~4% for d = 1024).
// - Standard test: the train distribution without planting.
//
// Every sampler is seeded; rows are laid out in a seeded random order of classes and kinds,
// and each kind draws from its own stream, so identical configurations give identical data.
#pragma once

#include <cstdint>

#include "data/data_config.hpp"
#include "data/dataset.hpp"

namespace lingrok {

// The planted offset c = Σ_j x_j of the positive margin hyperplane and its grid exponent q.
struct PlantingGrid {
  int q;           // grid step 2^-q
  std::int64_t C;  // c = C * 2^-q
  std::int64_t K;  // coordinates are integers in [-K, K] times 2^-q, K = floor(a 2^q)
  double c() const;
};
PlantingGrid planting_grid(const DataConfig& config);

// The three data sets of docs/data.md.
Dataset sample_train(const DataConfig& config);
Dataset sample_standard_test(const DataConfig& config);
Dataset sample_concentrated_test(const DataConfig& config);

// All of them (tests with zero size are left out).
DataBundle generate_data(const DataConfig& config);

}  // namespace lingrok
