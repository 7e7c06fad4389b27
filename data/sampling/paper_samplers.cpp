// The paper's exact samplers (Section 5, Appendix B; paper_samplers.hpp, docs/data.md): training
// sets with planted support vectors, the standard and concentrated test sets.
#include "data/sampling/paper_samplers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/error.hpp"
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
  for (std::uint8_t k = 0; k < 4; ++k)
    kinds.insert(kinds.end(), static_cast<std::size_t>(counts[k]), k);
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
    for (int j = 0; j < d; ++j)
      x[j] = std::ldexp(static_cast<double>(k[static_cast<std::size_t>(j)]), -g.q);
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

// An upper bound on P(S >= s) for S the sum of d independent uniforms on [-a, a]: Hoeffding's
// exp(-s^2 / (2 d a^2)) for s > 0, and for d <= 30 the exact Irwin-Hall tail
// F(d - x) = (1/d!) sum_{k <= d-x} (-1)^k C(d,k) (d - x - k)^d with x = (s + d a)/(2a), which is
// free of cancellation where it matters (d - x small: few terms, all of one size).
double uniform_sum_tail(int d, double a, double s) {
  if (s <= 0) return 1.0;
  if (s >= d * a) return 0.0;
  double bound = std::exp(-s * s / (2.0 * d * a * a));
  if (d <= 30) {
    const long double y = d - (static_cast<long double>(s) + d * a) / (2 * a);
    long double sum = 0, binom = 1, factorial = 1;
    for (int k = 1; k <= d; ++k) factorial *= k;
    for (int k = 0; k <= d && k <= y; ++k) {
      sum += (k % 2 == 0 ? 1 : -1) * binom * std::pow(y - k, static_cast<long double>(d));
      binom = binom * (d - k) / (k + 1);
    }
    bound = std::min(bound, static_cast<double>(std::max(sum / factorial, 0.0L)));
  }
  return bound;
}

// Below this acceptance probability a rejection sampler needs more than about 10^9 draws per
// point: minutes to years, which looks like a hang. Refuse such a configuration up front.
constexpr double kMinAcceptance = 1e-9;

void check_acceptance(const char* set, double p, const std::string& region, const DataConfig& c) {
  if (p >= kMinAcceptance) return;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.3g", p);
  throw InputError("data configuration: the " + std::string(set) +
                   " sampler's acceptance region (" + region + ") is " +
                   (p == 0 ? std::string("empty")
                           : "vanishing (probability <= " + std::string(buf) + " per draw)") +
                   " for d = " + std::to_string(c.d) + ", box = " + std::to_string(c.box) +
                   ", gamma = " + std::to_string(c.gamma) +
                   "; lower gamma or raise box so that gamma/2 is well below box*sqrt(d)");
}

// The acceptance probabilities of the samplers a set uses (bounds from above, so a refusal is
// never wrong; docs/data.md describes the samplers).
void check_free_acceptance(const char* set, const DataConfig& c) {
  const double s_min = sqrt_d(c) * c.gamma / 2;
  check_acceptance(set, uniform_sum_tail(c.d, c.box, s_min), "projection >= gamma/2", c);
}

void check_planted_acceptance(const DataConfig& c) {
  const PlantingGrid g = planting_grid(c);
  const double cc = g.c();
  const double p = c.d == 1 ? (std::llabs(g.C) <= g.K ? 1.0 : 0.0)
                            : uniform_sum_tail(c.d - 1, c.box, cc - c.box);
  check_acceptance("planted-point", p, "the hyperplane sum x_j = c inside the box", c);
}

void check_band_acceptance(const DataConfig& c) {
  const double L = sqrt_d(c) * c.gamma / 2, U = sqrt_d(c) * c.alpha * c.gamma;
  const double l_max = std::min(U - L, 2 * c.box);
  const double p = l_max > 0 ? uniform_sum_tail(c.d, c.box, L) * 2 * c.box / l_max : 0.0;
  check_acceptance("concentrated-test", std::min(p, 1.0), "gamma/2 < projection <= alpha*gamma", c);
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
  if (counts[0] + counts[2] > 0) check_free_acceptance("training", c);
  if (planted_plus + planted_minus > 0) check_planted_acceptance(c);
  return make_dataset("train", c, counts, kTrainTag, true, draw_train_free);
}

Dataset sample_standard_test(const DataConfig& c) {
  const long long counts[4] = {c.n_test_standard, 0, c.n_test_standard, 0};
  if (c.n_test_standard > 0) check_free_acceptance("standard-test", c);
  return make_dataset("test_standard", c, counts, kStandardTag, false, draw_train_free);
}

Dataset sample_concentrated_test(const DataConfig& c) {
  const long long counts[4] = {c.n_test_conc, 0, c.n_test_conc, 0};
  if (c.n_test_conc > 0) check_band_acceptance(c);
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
