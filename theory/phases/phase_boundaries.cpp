// The phase boundaries t1, t2 and the Phase-1 steady state on the model trajectory, in log t
// (phase_boundaries.hpp, docs/theory.md#phases).
#include "theory/phases/phase_boundaries.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lingrok {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// log q(z) for q = -ℓ'(z): -softplus(z) (logistic), -z (exponential).
double log_weight(Loss loss, double z) {
  if (loss == Loss::exponential) return -z;
  return -(std::max(z, 0.0) + std::log1p(std::exp(-std::abs(z))));
}

struct Lse {
  double mx = kNegInf;
  double sum = 0;
  void add(double v) {
    if (v == kNegInf) return;
    if (v > mx) {
      sum = sum * std::exp(mx - v) + 1.0;
      mx = v;
    } else {
      sum += std::exp(v - mx);
    }
  }
  double value() const { return mx == kNegInf ? kNegInf : mx + std::log(sum); }
};

}  // namespace

double PhaseModel::bias_at(double L) const { return bias_closed_form_log_time(bias, L); }

double PhaseModel::norm_w_at(double L) const {
  return std::sqrt(std::max(0.0, ww * L * L + 2 * wwt * L + wtwt));
}

double PhaseModel::distance_at(double L) const { return std::abs(bias_at(L)) / norm_w_at(L); }

double PhaseModel::log_share_at(double L) const {
  const double b = bias_at(L);
  Lse non, sup;
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double z = m(i) * L + c(i) + y(i) * b;
    (in_support[static_cast<std::size_t>(i)] ? sup : non).add(log_weight(loss, z));
  }
  return non.value() - sup.value();
}

double PhaseModel::steady_bias_at(double L) const {
  Lse plus, minus;
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    const double e = -(m(i) * L + c(i));  // -w·x_i for y=+1, +w·x_i for y=-1
    (y(i) > 0 ? plus : minus).add(e);
  }
  return 0.5 * (plus.value() - minus.value());
}

PhaseBoundaries phase_boundaries(const PhaseModel& model, const PhaseOptions& options) {
  PhaseBoundaries out;
  const double L0 = std::log(model.bias.t0);
  const double Lmax = std::max(options.log_t_max, L0 + 1.0);
  const double logk = std::log(options.kappa);
  // r(t) costs O(N): scan it on a coarser grid for large N (bisection refines the crossing).
  const int n = std::clamp(static_cast<int>(4e8 / std::max<double>(1.0, double(model.m.size()))),
                           100, std::max(options.grid, 100));
  auto grid = [&](int k) { return L0 + (Lmax - L0) * k / n; };

  // t1: first grid point with log r <= log κ, refined by bisection.
  double L1 = L0;
  if (model.log_share_at(L0) <= logk) {
    out.t1_found = true;
  } else {
    for (int k = 1; k <= n; ++k) {
      const double L = grid(k);
      if (model.log_share_at(L) <= logk) {
        double lo = grid(k - 1), hi = L;
        for (int it = 0; it < 100 && hi - lo > 1e-12 * std::max(1.0, hi); ++it) {
          const double mid = 0.5 * (lo + hi);
          (model.log_share_at(mid) <= logk ? hi : lo) = mid;
        }
        L1 = hi;
        out.t1_found = true;
        break;
      }
    }
  }
  if (!out.t1_found) L1 = Lmax;
  out.log_t1 = L1;
  out.D_t1 = model.distance_at(L1);
  out.b_t1 = model.bias_at(L1);
  out.b_ss_t1 = model.steady_bias_at(L1);

  // t2: maximum of D on [t1, t_max], grid then golden section around the best grid point.
  const int m = std::max(options.grid, 10);
  auto gridL = [&](int k) { return L1 + (Lmax - L1) * k / m; };
  int best = 0;
  double bestD = out.D_t1;
  for (int k = 1; k <= m; ++k) {
    const double D = model.distance_at(gridL(k));
    if (D > bestD) {
      bestD = D;
      best = k;
    }
  }
  double lo = gridL(std::max(0, best - 1)), hi = gridL(std::min(m, best + 1));
  const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
  double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  double f1 = model.distance_at(x1), f2 = model.distance_at(x2);
  for (int it = 0; it < 200 && hi - lo > 1e-12 * std::max(1.0, std::abs(hi)); ++it) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = model.distance_at(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = model.distance_at(x1);
    }
  }
  double L2 = 0.5 * (lo + hi);
  double D2 = model.distance_at(L2);
  if (D2 < bestD) {
    L2 = gridL(best);
    D2 = bestD;
  }
  if (D2 <= out.D_t1) {
    L2 = L1;
    D2 = out.D_t1;
  }
  out.log_t2 = L2;
  out.D_t2 = D2;
  out.phase2_present = L2 > L1;
  return out;
}

}  // namespace lingrok
