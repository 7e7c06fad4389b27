// The logged trajectory of a GD run (docs/numerics.md#gd-engine) as a tidy table: one row per
// logged step, one named column per quantity. Written as trajectory.csv (header line, shortest
// round-trip decimal for every double, `nan` where a quantity is undefined, e.g. the theory columns
// without theory.json).
//
// Columns, in order (d = dimension; w1..wd only when d ≤ 16; one acc_<set> per test set):
//   t            GD step
//   b            bias
//   w_norm       ||w||
//   w1 .. wd     components of w
//   D            |b| / ||w||, distance of the hyperplane from the origin (docs/theory.md#phases)
//   angle_w_hat  angle between w and ŵ in radians (atan2 form, accurate near 0)
//   rho_norm     ||ρ||, ρ = w - ŵ log t (nan at t = 0)
//   rho_minus_w_tilde  ||ρ - w̃||
//   loss         L(w, b) with the run's loss and reduction
//   r            non-support share Σ_{i∉S} q_i / Σ_{s∈S} q_s (from log-weights, no underflow)
//   A_plus       Σ_{y_i=+1} e^{-w·x_i}   (population sums of docs/theory.md#phases; inf if they
// overflow)
//   A_minus      Σ_{y_i=-1} e^{+w·x_i}
//   b_steady     ½ log(A_plus / A_minus), the Phase-1 steady state of S4.3 (log domain)
//   acc_train    training accuracy (f = 0 counts as an error)
//   acc_<name>   accuracy on each test set, e.g. acc_test_standard, acc_test_conc
//   acc_pgd, acc_pgd_exact   with `adversarial`: PGD and exact robust accuracy on the
//                standard test set (numerics/pgd/pgd.hpp)
//   cos_update   cosine between the updates θ_t - θ_{t-1} and θ_{t-1} - θ_{t-2}, θ = (w, b)
#pragma once

#include <Eigen/Dense>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/loss/loss.hpp"
#include "numerics/gd/gd.hpp"

namespace lingrok {

struct Trajectory {
  std::vector<std::string> columns;
  std::vector<std::vector<double>> rows;

  // Index of a column, or -1.
  int column(const std::string& name) const;
  // The column's values (throws std::out_of_range for an unknown name).
  std::vector<double> series(const std::string& name) const;
};

// Steps to log in [0, steps]: 0, round(10^{k/per_decade}) for k = 0, 1, ..., every multiple of
// `every` (0: none) and `steps` itself; ascending, without repeats.
std::vector<long long> log_grid(long long steps, int per_decade, long long every);

// What a row is measured on.
struct TrajectoryContext {
  const DataBundle* data = nullptr;
  const ReferenceGeometry* geometry = nullptr;  // null: theory columns are nan
  Loss loss = Loss::logistic;
  Reduction reduction = Reduction::sum;
  // With `adversarial`: (w, b) -> {PGD accuracy, exact robust accuracy}.
  std::function<std::pair<double, double>(const Eigen::VectorXd&, double)> adversarial;
};

// The column names for these data (see the list above).
std::vector<std::string> trajectory_columns(const TrajectoryContext& ctx);

// One row at step t (GD steps; the flows log t up to 1e60, hence a double) with parameters
// (w, b) and the given update cosine.
std::vector<double> measure_row(const TrajectoryContext& ctx, double t, const Eigen::VectorXd& w,
                                double b, double cos_update);

// Accuracy of sign(w·x + b) on a data set (f = 0 counts as an error).
double accuracy(const Dataset& data, const Eigen::VectorXd& w, double b);

// Shortest decimal that reads back to the same double; "nan", "inf", "-inf".
std::string format_double(double x);

void write_trajectory_csv(const std::filesystem::path& path, const Trajectory& trajectory);

}  // namespace lingrok
