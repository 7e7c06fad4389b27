// The integrate stage: the gradient-flow ODEs of docs/numerics.md#gradient-flows (the bias ODE, the
// coupled support-vector flow, the full flow, GD against the flow as η shrinks, the full flow in
// log time), each written as a CSV and its JSON summary, one output set per flow.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace lingrok::stages {

struct IntegrateRequest {
  std::string which;  // bias | coupled | full | gd-gap | logtime
  std::string data;
  std::string theory;
  std::string grid;  // a GD log (trajectory.csv) whose times to use
  std::string out;
  std::optional<double> eta;
  std::string loss;
  std::string reduction;
  std::string units = "steps";
  std::string precision;  // "50" or "double"; default per flow
  std::optional<double> t0;
  std::optional<double> b0;
  double t_end = 1e7;
  int per_decade = 50;
  std::optional<double> abs_tol;
  std::optional<double> rel_tol;
  bool estimate_error = true;
  std::string from_gd;
  bool stop_when_settled = true;
  bool t_end_set = false, per_decade_set = false;  // logtime has its own defaults
  // Wall-clock limit in seconds (0: none), kept by the integrators (core/deadline.hpp): past it
  // the stage throws TimeLimitReached and writes nothing.
  double time_limit = 0;
};

// Integrates the flow `request.which` and writes its set; reports on `log`.
void run_integrate(const IntegrateRequest& request, std::ostream& log);

}  // namespace lingrok::stages
