// The `lingrok` command. Bad input exits with code 2 and a one-line message that names the
// problem and the fix; numerical failures exit with 3.
#include <iostream>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "core/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{
      "lingrok: checks 'Grokking in Linear Models for Logistic Regression' "
      "(Das, Vedantam, Lakshminarayanan, arXiv:2602.08302) numerically and symbolically"};
  app.set_version_flag("--version", std::string("lingrok ") + lingrok::kVersion + " (" +
                                        lingrok::kGitDescribe + ")");
  app.require_subcommand(1);
  lingrok::cli::add_generate_command(app);
  lingrok::cli::add_plot_command(app);
  lingrok::cli::add_check_command(app);
  lingrok::cli::add_reproduce_command(app);
  lingrok::cli::add_theory_command(app);
  lingrok::cli::add_integrate_command(app);
  lingrok::cli::add_simulate_command(app);
  lingrok::cli::add_sweep_command(app);
  lingrok::cli::add_protocols_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return lingrok::kInputErrorExitCode;
  } catch (const lingrok::InputError& e) {
    std::cerr << "lingrok: error: " << e.what() << '\n';
    return lingrok::kInputErrorExitCode;
  } catch (const lingrok::NumericalError& e) {
    std::cerr << "lingrok: numerical failure: " << e.what() << '\n';
    return 3;
  } catch (const std::bad_alloc&) {
    std::cerr << "lingrok: error: out of memory; reduce the sizes in the configuration\n";
    return lingrok::kInputErrorExitCode;
  }
  return 0;
}
