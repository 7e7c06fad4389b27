// The `lingrok` command. Bad input exits with code 2 and a one-line message that names the
// problem and the fix; numerical failures exit with 3; SIGINT/SIGTERM with 130/143 after
// leaving the last checkpoint valid. No exception escapes main (report_failure).
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "pipeline/interrupt.hpp"
#include "core/version.hpp"

namespace {

// The message on one line: a what() that spans lines (a library's) is joined.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

// Every exception ends here, so that nothing escapes as an abort: lingrok's own types with
// their exit codes, the rest classified by what they mean. A JSON type error or a bad
// conversion comes from reading input (exit 2); a std::runtime_error from a numerical
// library (odeint's step-size underflow, "max number of iterations exceeded"), an overflow
// or range error is a numerical failure (exit 3), as is anything unknown.
int report_failure(const std::exception_ptr& error) {
  const auto input = [](const std::string& what) {
    std::cerr << "lingrok: error: " << one_line(what) << '\n';
    return lingrok::kInputErrorExitCode;
  };
  const auto numerical = [](const std::string& what) {
    std::cerr << "lingrok: numerical failure: " << one_line(what) << '\n';
    return 3;
  };
  try {
    std::rethrow_exception(error);
  } catch (const lingrok::Interrupted& e) {
    std::cerr << "lingrok: " << one_line(e.what()) << '\n';
    return e.exit_code();
  } catch (const lingrok::InputError& e) {
    return input(e.what());
  } catch (const lingrok::NumericalError& e) {
    return numerical(e.what());
  } catch (const std::bad_alloc&) {
    return input("out of memory; reduce the sizes in the configuration");
  } catch (const nlohmann::json::exception& e) {
    return input(std::string("malformed JSON input (") + e.what() +
                 "); rewrite the file with the lingrok command that writes it");
  } catch (const std::invalid_argument& e) {
    return input(std::string("invalid value (") + e.what() + "); check the options and files");
  } catch (const std::out_of_range& e) {
    return input(std::string("value out of range (") + e.what() + "); check the options and files");
  } catch (const std::length_error& e) {
    return input(std::string("size out of range (") + e.what() + "); reduce the sizes");
  } catch (const std::filesystem::filesystem_error& e) {
    return input(std::string("file system: ") + e.what() + "; check the paths");
  } catch (const std::exception& e) {
    return numerical(std::string(e.what()) +
                     "; loosen the tolerances or change the inputs (docs/numerics.md)");
  } catch (...) {
    return numerical("an unknown exception; please report it with the command line");
  }
}

}  // namespace

int main(int argc, char** argv) {
  lingrok::watch_parent_pipe();  // a step of reproduce or sweep stops when its parent dies
  CLI::App app{
      "lingrok: checks 'Grokking in Linear Models for Logistic Regression' "
      "(Das, Vedantam, Lakshminarayanan, arXiv:2602.08302) numerically and symbolically"};
  app.set_version_flag("--version", std::string("lingrok ") + lingrok::kVersion + " (" +
                                        lingrok::kGitDescribe + ")");
  app.require_subcommand(1);
  // Option errors on one line, like every other error (the default adds a second line).
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    return "lingrok: error: " + one_line(e.what()) + " (lingrok --help lists the options)\n";
  });
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
  } catch (...) {
    return report_failure(std::current_exception());
  }
  // A signal that came while no loop polled for it (reproduce or sweep between children):
  // the run finished, but the user asked it to stop, so it does not report success.
  if (const int signal = lingrok::stop_requested(); signal != 0) {
    std::cerr << "lingrok: interrupted (signal " << signal
              << ") after the work had finished; check the outputs or rerun\n";
    return 128 + signal;
  }
  return 0;
}
