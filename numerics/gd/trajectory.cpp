// The logged trajectory table of a GD run and its trajectory.csv writer (trajectory.hpp,
// docs/numerics.md#gd-engine).
#include "numerics/gd/trajectory.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "core/atomic_file.hpp"

namespace lingrok {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// log Σ e^{a_k} without overflow; -inf for an empty sum.
struct LogSumExp {
  double max = -HUGE_VAL;
  double sum = 0.0;  // Σ e^{a_k - max}
  void add(double a) {
    if (!(a > -HUGE_VAL)) return;
    if (a <= max) {
      sum += std::exp(a - max);
    } else {
      sum = sum * std::exp(max - a) + 1.0;
      max = a;
    }
  }
  double value() const { return sum > 0 ? max + std::log(sum) : -HUGE_VAL; }
};

// log q(z) = log(-ℓ'(z)): -softplus(z) for the logistic loss, -z for the exponential loss.
double log_weight(Loss loss, double z) {
  if (loss == Loss::exponential) return -z;
  return -(std::max(z, 0.0) + std::log1p(std::exp(-std::fabs(z))));
}

}  // namespace

int Trajectory::column(const std::string& name) const {
  const auto it = std::find(columns.begin(), columns.end(), name);
  return it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
}

std::vector<double> Trajectory::series(const std::string& name) const {
  const int c = column(name);
  if (c < 0) throw std::out_of_range("trajectory has no column " + name);
  std::vector<double> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(r[static_cast<std::size_t>(c)]);
  return out;
}

std::vector<long long> log_grid(long long steps, int per_decade, long long every) {
  std::set<long long> grid{0, steps};
  if (per_decade > 0) {
    for (int k = 0;; ++k) {
      const double t = std::round(std::pow(10.0, static_cast<double>(k) / per_decade));
      if (t > static_cast<double>(steps)) break;
      grid.insert(static_cast<long long>(t));
    }
  }
  if (every > 0) {
    for (long long t = every; t <= steps; t += every) grid.insert(t);
  }
  return {grid.begin(), grid.end()};
}

std::vector<std::string> trajectory_columns(const TrajectoryContext& ctx) {
  const int d = ctx.data->train.dim();
  std::vector<std::string> c{"t", "b", "w_norm"};
  if (d <= 16) {
    for (int j = 1; j <= d; ++j) {
      std::string name("w");  // (not "w" + ...: GCC 12 -Wrestrict false positive)
      name += std::to_string(j);
      c.push_back(std::move(name));
    }
  }
  for (const char* name : {"D", "angle_w_hat", "rho_norm", "rho_minus_w_tilde", "loss", "r",
                           "A_plus", "A_minus", "b_steady", "acc_train"}) {
    c.emplace_back(name);
  }
  for (const auto& t : ctx.data->tests) {
    std::string name("acc_");
    name += t.name;
    c.push_back(std::move(name));
  }
  if (ctx.adversarial) {
    c.emplace_back("acc_pgd");
    c.emplace_back("acc_pgd_exact");
  }
  c.emplace_back("cos_update");
  return c;
}

double accuracy(const Dataset& data, const Eigen::VectorXd& w, double b) {
  if (data.size() == 0) return kNan;
  const Eigen::VectorXd f = data.X * w;
  Eigen::Index correct = 0;
  for (Eigen::Index i = 0; i < data.size(); ++i) correct += data.y(i) * (f(i) + b) > 0 ? 1 : 0;
  return static_cast<double>(correct) / static_cast<double>(data.size());
}

std::vector<double> measure_row(const TrajectoryContext& ctx, double t, const Eigen::VectorXd& w,
                                double b, double cos_update) {
  const Dataset& train = ctx.data->train;
  const int d = train.dim();
  std::vector<double> row;
  row.reserve(32);
  const double w_norm = w.norm();
  row.push_back(static_cast<double>(t));
  row.push_back(b);
  row.push_back(w_norm);
  if (d <= 16) {
    for (int j = 0; j < d; ++j) row.push_back(w(j));
  }
  row.push_back(std::fabs(b) / w_norm);

  const ReferenceGeometry* g = ctx.geometry;
  double angle = kNan, rho_norm = kNan, rho_dist = kNan;
  if (g != nullptr && g->w_hat.size() == d) {
    const double wh_norm = g->w_hat.norm();
    if (wh_norm > 0 && w_norm > 0) {
      const Eigen::VectorXd u = g->w_hat / wh_norm;
      const double along = w.dot(u);
      angle = std::atan2((w - along * u).norm(), along);
    }
    if (t >= 1) {
      const Eigen::VectorXd rho = w - g->w_hat * std::log(static_cast<double>(t));
      rho_norm = rho.norm();
      if (g->w_tilde.size() == d) rho_dist = (rho - g->w_tilde).norm();
    }
  }
  row.push_back(angle);
  row.push_back(rho_norm);
  row.push_back(rho_dist);

  const Eigen::VectorXd wx = train.X * w;
  double loss = 0.0;
  Eigen::Index correct = 0;
  LogSumExp support, rest, a_plus, a_minus;
  const bool have_support =
      g != nullptr && g->in_support.size() == static_cast<std::size_t>(train.size());
  for (Eigen::Index i = 0; i < train.size(); ++i) {
    const double yi = train.y(i);
    const double z = yi * (wx(i) + b);
    loss += loss_value(ctx.loss, z);
    correct += z > 0 ? 1 : 0;
    if (have_support) {
      (g->in_support[static_cast<std::size_t>(i)] ? support : rest).add(log_weight(ctx.loss, z));
    }
    (yi > 0 ? a_plus : a_minus).add(-yi * wx(i));
  }
  if (ctx.reduction == Reduction::mean) loss /= static_cast<double>(train.size());
  row.push_back(loss);
  row.push_back(have_support ? std::exp(rest.value() - support.value()) : kNan);
  const double la_plus = a_plus.value(), la_minus = a_minus.value();
  row.push_back(std::exp(la_plus));
  row.push_back(std::exp(la_minus));
  row.push_back(0.5 * (la_plus - la_minus));
  row.push_back(static_cast<double>(correct) / static_cast<double>(train.size()));
  for (const auto& test : ctx.data->tests) row.push_back(accuracy(test, w, b));
  if (ctx.adversarial) {
    const auto [pgd, exact] = ctx.adversarial(w, b);
    row.push_back(pgd);
    row.push_back(exact);
  }
  row.push_back(cos_update);
  return row;
}

std::string format_double(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

void write_trajectory_csv(const std::filesystem::path& path, const Trajectory& trajectory) {
  write_file_atomically(path, [&](std::ostream& out) {
    for (std::size_t c = 0; c < trajectory.columns.size(); ++c) {
      out << (c ? "," : "") << trajectory.columns[c];
    }
    out << '\n';
    for (const auto& row : trajectory.rows) {
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c) out << ',';
        // t: a whole number of GD steps as an integer; a flow's t beyond 2^53 (up to 1e60) is
        // not one, and would overflow an integer.
        if (c == 0 && std::fabs(row[c]) < 9007199254740992.0 && row[c] == std::trunc(row[c])) {
          out << static_cast<long long>(row[c]);
        } else {
          out << format_double(row[c]);
        }
      }
      out << '\n';
    }
  });
}

}  // namespace lingrok
