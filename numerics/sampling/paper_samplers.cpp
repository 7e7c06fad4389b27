#include "numerics/sampling/paper_samplers.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/rng.hpp"

namespace lingrok {

namespace {

// What a row holds; each kind draws from its own random stream.
enum Kind : std::uint8_t { kPlusFree = 0, kPlusPlanted = 1, kMinusFree = 2, kMinusPlanted = 3 };

// Stream tags: one per data set, offset by kind.
constexpr std::uint64_t kTrainTag = 100;
constexpr std::uint64_t kStandardTag = 200;
constexpr std::uint64_t kConcTag = 300;
constexpr std::uint64_t kLayoutOffset = 50;

// A seeded random order of row kinds with the requested counts.
std::vector<std::uint8_t> row_layout(const long long counts[4], std::uint64_t seed,
                                     std::uint64_t tag) {
  std::vector<std::uint8_t> kinds;
  for (std::uint8_t k = 0; k < 4; ++k) kinds.insert(kinds.end(), static_cast<std::size_t>(counts[k]), k);
  Rng rng(Rng::derive_seed(seed, tag + kLayoutOffset));
  for (std::size_t i = kinds.size(); i > 1; --i) {  // Fisher–Yates
    std::swap(kinds[i - 1], kinds[rng.below(i)]);
  }
  return kinds;
}

// x uniform in the box conditioned on s >= s_min >= 0 (reflection through the origin, then
// rejection; see the header).
void draw_half_box(Rng& rng, double a, double s_min, double* x, int d) {
  while (true) {
    double s = 0;
    for (int j = 0; j < d; ++j) {
      x[j] = rng.uniform(-a, a);
      s += x[j];
    }
    if (s < 0) {
      for (int j = 0; j < d; ++j) x[j] = -x[j];
      s = -s;
    }
    if (s >= s_min) return;
  }
}

// x uniform on the slice {Σ x_j = C 2^-q} ∩ box, exactly on the hyperplane (see the header).
void draw_planted(Rng& rng, const PlantingGrid& g, double* x, int d) {
  std::vector<std::int64_t> k(static_cast<std::size_t>(d));
  const auto span = static_cast<std::uint64_t>(2 * g.K + 1);
  while (true) {
    std::int64_t sum = 0;
    for (int j = 0; j + 1 < d; ++j) {
      k[static_cast<std::size_t>(j)] = static_cast<std::int64_t>(rng.below(span)) - g.K;
      sum += k[static_cast<std::size_t>(j)];
    }
    const std::int64_t last = g.C - sum;
    if (last < -g.K || last > g.K) continue;
    k[static_cast<std::size_t>(d - 1)] = last;
    for (int j = 0; j < d; ++j) x[j] = std::ldexp(static_cast<double>(k[static_cast<std::size_t>(j)]), -g.q);
    return;
  }
}

// x uniform in the box conditioned on L < s <= U (exact band sampler; see the header).
void draw_band(Rng& rng, double a, double L, double U, double* x, int d) {
  const double l_max = std::min(U - L, 2 * a);
  while (true) {
    double s = 0;
    for (int j = 0; j + 1 < d; ++j) {
      x[j] = rng.uniform(-a, a);
      s += x[j];
    }
    const double lo = std::max(L - s, -a);
    const double hi = std::min(U - s, a);
    const double len = hi - lo;
    if (!(len > 0)) continue;
    if (rng.uniform01() * l_max >= len) continue;
    x[d - 1] = lo + len * rng.uniform01();
    return;
  }
}

Dataset make_dataset(const char* name, const DataConfig& c, const long long counts[4],
                     std::uint64_t tag, bool planted_column,
                     void (*draw_free)(Rng&, const DataConfig&, double*)) {
  const std::vector<std::uint8_t> kinds = row_layout(counts, c.seed, tag);
  const auto n = static_cast<Eigen::Index>(kinds.size());
  Dataset data;
  data.name = name;
  data.X.resize(n, c.d);
  data.y.resize(n);
  if (planted_column) data.planted.assign(kinds.size(), 0);
  std::vector<Rng> streams;
  for (std::uint64_t k = 0; k < 4; ++k) streams.emplace_back(Rng::derive_seed(c.seed, tag + k));
  const PlantingGrid grid = planting_grid(c);
  for (Eigen::Index i = 0; i < n; ++i) {
    const std::uint8_t kind = kinds[static_cast<std::size_t>(i)];
    Rng& rng = streams[kind];
    double* x = data.X.row(i).data();
    const bool plus = kind == kPlusFree || kind == kPlusPlanted;
    if (kind == kPlusPlanted || kind == kMinusPlanted) {
      draw_planted(rng, grid, x, c.d);
      data.planted[static_cast<std::size_t>(i)] = 1;
    } else {
      draw_free(rng, c, x);
    }
    // Class -1 is the mirror image of class +1 (the box and the bands are symmetric).
    if (!plus) {
      for (int j = 0; j < c.d; ++j) x[j] = -x[j];
    }
    data.y(i) = plus ? 1.0 : -1.0;
  }
  return data;
}

double sqrt_d(const DataConfig& c) { return std::sqrt(static_cast<double>(c.d)); }

void draw_train_free(Rng& rng, const DataConfig& c, double* x) {
  draw_half_box(rng, c.box, sqrt_d(c) * c.gamma / 2, x, c.d);
}

void draw_conc(Rng& rng, const DataConfig& c, double* x) {
  draw_band(rng, c.box, sqrt_d(c) * c.gamma / 2, sqrt_d(c) * c.alpha * c.gamma, x, c.d);
}

}  // namespace

double PlantingGrid::c() const { return std::ldexp(static_cast<double>(C), -q); }

PlantingGrid planting_grid(const DataConfig& c) {
  // q: coordinates a 2^q must fit in a double's 53 bits, and sums of d of them in int64.
  const double q_coord = 52.0 - std::log2(c.box);
  const double q_sum = 61.0 - std::log2(c.box * c.d);
  PlantingGrid g{};
  g.q = static_cast<int>(std::floor(std::min(q_coord, q_sum)));
  g.K = static_cast<std::int64_t>(std::floor(std::ldexp(static_cast<long double>(c.box), g.q)));
  const long double target = std::sqrt(static_cast<long double>(c.d)) * c.gamma / 2;
  g.C = static_cast<std::int64_t>(std::llround(std::ldexp(target, g.q)));
  return g;
}

Dataset sample_train(const DataConfig& c) {
  const long long planted_plus = c.plant == Planting::margin ? c.k_plus : 0;
  const long long planted_minus = c.plant == Planting::margin ? c.k_minus : 0;
  const long long counts[4] = {c.n_plus - planted_plus, planted_plus, c.n_minus - planted_minus,
                               planted_minus};
  return make_dataset("train", c, counts, kTrainTag, true, draw_train_free);
}

Dataset sample_standard_test(const DataConfig& c) {
  const long long counts[4] = {c.n_test_standard, 0, c.n_test_standard, 0};
  return make_dataset("test_standard", c, counts, kStandardTag, false, draw_train_free);
}

Dataset sample_concentrated_test(const DataConfig& c) {
  const long long counts[4] = {c.n_test_conc, 0, c.n_test_conc, 0};
  return make_dataset("test_conc", c, counts, kConcTag, false, draw_conc);
}

DataBundle generate_data(const DataConfig& c) {
  validate(c);
  DataBundle bundle;
  bundle.train = sample_train(c);
  if (c.n_test_standard > 0) bundle.tests.push_back(sample_standard_test(c));
  if (c.n_test_conc > 0) bundle.tests.push_back(sample_concentrated_test(c));
  return bundle;
}

}  // namespace lingrok
