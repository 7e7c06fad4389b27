// `lingrok integrate`: the integrate stage (pipeline/stages/integrate.hpp) from the command line.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "pipeline/stages/integrate.hpp"

namespace lingrok::cli {

void add_integrate_command(CLI::App& app) {
  auto a = std::make_shared<stages::IntegrateRequest>();
  auto* cmd = app.add_subcommand(
      "integrate",
      "integrate the gradient-flow ODEs (docs/numerics.md#gradient-flows) on a GD log's time "
      "grid: the bias ODE at 50 digits against its closed form, the coupled support-vector flow, "
      "the full flow, GD against the full flow as eta shrinks, or the full flow in log time");
  cmd->add_option("--which", a->which, "bias | coupled | full | gd-gap | logtime")->required();
  cmd->add_option("--data", a->data, "data directory (train.csv) or a CSV file");
  cmd->add_option("--theory", a->theory, "theory.json written by `lingrok theory`");
  cmd->add_option("--grid", a->grid, "GD log (trajectory.csv, first column t) whose times to use");
  cmd->add_option("--out", a->out,
                  "output directory (flow_<which>.csv, flow_<which>.json; gd-gap: gd_vs_flow.csv, "
                  "gd_vs_flow.json)")
      ->required();
  cmd->add_option("--eta", a->eta, "step size (default: theory.json's, else 0.01)")
      ->check(positive_finite());
  cmd->add_option("--loss", a->loss, "full flow: logistic or exponential (default: theory.json's)");
  cmd->add_option("--reduction", a->reduction, "full flow: sum or mean (default: theory.json's)");
  cmd->add_option("--units", a->units, "bias ODE: steps (c = eta) or flow (c = 1)")
      ->capture_default_str();
  cmd->add_option("--precision", a->precision,
                  "coupled flow and logtime: double (default) or 50 digits");
  cmd->add_option("--t0", a->t0, "start time in GD steps (default: first grid time, at least 1)")
      ->check(positive_finite());
  cmd->add_option("--b0", a->b0, "b(t0) (default: the GD log's b at t0, else 0)")
      ->check(finite_number());
  cmd->add_option("--t-end", a->t_end, "last time of the default log grid (logtime: 1e60)")
      ->check(positive_finite())
      ->capture_default_str()
      ->each([a](const std::string&) { a->t_end_set = true; });
  cmd->add_option("--per-decade", a->per_decade,
                  "points per decade of the default grid (logtime: 10, or 2 for d > 16)")
      ->capture_default_str()
      ->each([a](const std::string&) { a->per_decade_set = true; });
  cmd->add_option("--from-gd", a->from_gd,
                  "logtime: continue from the last row of this GD log (trajectory.csv)");
  cmd->add_flag("!--no-early-stop", a->stop_when_settled,
                "logtime: integrate to --t-end even when the late-time conditions have settled");
  cmd->add_option(
         "--abs-tol", a->abs_tol,
         "absolute tolerance (default 1e-43 bias, 1e-12 coupled, 1e-10 full, 1e-12 gd-gap)")
      ->check(non_negative_finite());
  cmd->add_option("--rel-tol", a->rel_tol, "relative tolerance (same defaults)")
      ->check(non_negative_finite());
  cmd->add_flag("!--no-error-estimate", a->estimate_error,
                "skip the second run at tighter tolerances (/ 1000 coupled, / 100 full) that "
                "estimates the achieved error");
  cmd->callback([a] { stages::run_integrate(*a, std::cout); });
}

}  // namespace lingrok::cli
