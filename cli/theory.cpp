// `lingrok theory`: the theory stage (pipeline/stages/theory.hpp) from the command line.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/option_checks.hpp"
#include "pipeline/stages/theory.hpp"

namespace lingrok::cli {

void add_theory_command(CLI::App& app) {
  auto args = std::make_shared<stages::TheoryRequest>();
  auto* cmd = app.add_subcommand(
      "theory",
      "compute the paper's theory (docs/theory.md) for a training set: max-margin separator, "
      "late-time limit, bias constants, phases, grokking-time predictions");
  cmd->add_option("--data", args->data, "data directory (train.csv, data.json) or a CSV file")
      ->required();
  cmd->add_option("--out", args->out, "output directory (theory.json)")->required();
  cmd->add_option("--eta", args->eta, "GD step size (read as an exact decimal)")
      ->capture_default_str();
  cmd->add_option("--reduction", args->reduction, "loss reduction: sum (paper) or mean")
      ->capture_default_str();
  cmd->add_option("--loss", args->loss, "logistic or exponential")->capture_default_str();
  cmd->add_option("--gamma", args->gamma, "margin parameter γ (default: from data.json)")
      ->check(positive_finite());
  cmd->add_option("--alpha", args->alpha, "sensitivity α of P_conc (default: from data.json)")
      ->check(positive_finite());
  cmd->add_option("--box", args->box, "box half-width a (default: from data.json, else 5)")
      ->check(positive_finite());
  cmd->add_option("--kappa", args->kappa, "Phase-1 end: r(t) <= kappa")
      ->check(positive_finite())
      ->capture_default_str();
  cmd->add_option("--epsilon", args->epsilons,
                  "ε values for the T_te predictions (default 0.001 0.01 0.05 0.1 0.2)")
      ->check(non_negative_finite());
  cmd->add_option("--support-tol", args->support_tol, "S = {i : m_i <= 1 + tol}")
      ->check(non_negative_finite())
      ->capture_default_str();
  cmd->callback([args] { stages::run_theory(*args, std::cout); });
}

}  // namespace lingrok::cli
