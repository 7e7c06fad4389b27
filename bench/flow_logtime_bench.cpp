// Times the full gradient flow in log time (numerics/flow/full_flow_logtime.hpp) on the paper's
// d = 2 data (docs/data.md: N = 2000, S(350, 350), γ = 1e-3, box 5, seed 1) at the stable step
// η = 1/β, from (0, 0) to t = 1e60 GD steps, with the drift ŵ = (2/γ) w_true (exact for the
// planted support vectors, docs/theory.md#max-margin-separator), and prints the cost per decade of
// t in double at the tolerance and order `lingrok integrate --which logtime` uses by default (no
// screening); with a second argument also at 50 digits at that tolerance (hours on these data).
//   build-bench/bench/flow_logtime_bench [t_end] [tolerance50]
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <string>

#include "core/scalar.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/flow/full_flow_logtime.hpp"
#include "theory/smoothness.hpp"

namespace {

template <class T>
void time_one(const lingrok::Dataset& train, lingrok::LogTimeFlowOptions o,
              const std::string& label, double gamma) {
  lingrok::LogTimeFlowStart<T> s;
  s.drift = Eigen::Matrix<T, Eigen::Dynamic, 1>::Constant(2, T(2) / T(gamma) / sqrt(T(2)));
  const auto f = lingrok::integrate_full_flow_logtime<T>(train, s, o);
  const double decades = std::log10(std::max(f.t_reached, 1.0));
  std::cout << label << ": t in [0, " << f.t_reached << "], " << f.seconds << " s, ";
  if (decades > 0)
    std::cout << f.seconds / decades << " s per decade of t (" << decades
              << " decades from t = 1), ";
  std::cout << f.steps << " steps (" << f.rejected << " rejected), " << f.evaluations
            << " evaluations, " << static_cast<double>(f.points_evaluated) / f.evaluations
            << " points per evaluation, screening bound " << f.screening_bound
            << "\n  at the end: b = " << static_cast<double>(f.trajectory.b.back())
            << ", ||w|| = " << static_cast<double>(f.trajectory.w.back().norm()) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  lingrok::DataConfig c;  // defaults: d = 2, D(1000, 1000), S(350, 350), γ = 1e-3
  const lingrok::Dataset train = lingrok::sample_train(c);
  lingrok::LogTimeFlowOptions o;
  o.eta = lingrok::smoothness<double>(train, lingrok::Reduction::sum, lingrok::Loss::logistic, 1.0)
              .stable_eta;
  o.t_end = argc > 1 ? std::atof(argv[1]) : 1e60;
  std::cout << "full flow in log time, d = 2, N = " << train.size() << ", gamma = " << c.gamma
            << ", eta = 1/beta = " << o.eta << ", 10 output times per decade\n";
  o.order = 10;
  o.abs_tol = o.rel_tol = 1e-7;
  o.screening = false;
  time_one<double>(train, o, "double, order 10, tolerance 1e-7, no screening", c.gamma);
  if (argc > 2) {  // 50 digits: hours on these data (each evaluation is an MPFR exp per point)
    o.order = 20;
    o.screening = true;
    o.abs_tol = o.rel_tol = std::atof(argv[2]);
    time_one<lingrok::Real50>(train, o, "50 digits, order 20, tolerance " + std::string(argv[2]),
                              c.gamma);
  }
  return 0;
}
