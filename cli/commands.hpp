// One function per `lingrok` subcommand; each lives in its own file in cli/ and registers
// its options and callback on the application.
#pragma once

#include <CLI/CLI.hpp>

namespace lingrok::cli {

void add_generate_command(CLI::App& app);
void add_plot_command(CLI::App& app);
void add_check_command(CLI::App& app);
void add_reproduce_command(CLI::App& app);
void add_theory_command(CLI::App& app);
void add_integrate_command(CLI::App& app);
void add_simulate_command(CLI::App& app);
void add_sweep_command(CLI::App& app);
void add_protocols_command(CLI::App& app);

}  // namespace lingrok::cli
