// `lingrok integrate --which logtime` (cli/integrate_logtime.cpp): the full gradient flow in log
// time, from the origin or continued from a GD log's last row.
#pragma once

#include <optional>
#include <string>

namespace lingrok::cli {

struct LogTimeArgs {
  std::string data, theory, out, from_gd;
  std::optional<double> eta;
  std::string loss, reduction, precision;  // precision: "50" (default) or "double"
  double t_end = 1e60;
  int per_decade = 10;
  std::optional<double> abs_tol, rel_tol;
  bool estimate_error = true;
  bool stop_when_settled = true;
};

void run_integrate_logtime(const LogTimeArgs& args);

}  // namespace lingrok::cli
