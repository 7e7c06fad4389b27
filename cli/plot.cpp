// `lingrok plot --run DIR [--format png|svg|pdf]` and `lingrok plot --sweep DIR_OR_CSV`: the
// figures of docs/outputs.md#figures, drawn by gnuplot into DIR/figures/ (each with its data as CSV
// and its gnuplot script). Figures whose inputs the run lacks are skipped with a one-line note.
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "plots/run_figures.hpp"

namespace lingrok::cli {

namespace {

struct PlotArgs {
  std::string run;
  std::string sweep;
  std::string format = "png";
  std::string gnuplot;
  std::optional<double> epsilon;
};

void run_plot(const PlotArgs& args) {
  if (args.run.empty() && args.sweep.empty()) {
    throw InputError("nothing to plot: pass --run DIR (a run directory) and/or --sweep DIR_OR_CSV");
  }
  PlotOptions options;
  options.format = parse_image_format(args.format);
  options.gnuplot = args.gnuplot;
  options.notes = &std::cout;
  find_gnuplot(options);
  if (!args.run.empty()) {
    if (!std::filesystem::is_directory(args.run)) {
      throw InputError("run directory " + args.run +
                       " does not exist; write it with lingrok "
                       "generate/theory/simulate (or lingrok reproduce) first");
    }
    const RunArtifacts run = load_run(args.run);
    std::cout << "lingrok plot: " << args.run << " -> " << figures_dir(run).string() << "\n";
    const auto written = draw_run_figures(run, options);
    std::cout << "  " << written.size() << " figure(s) written\n";
  }
  if (!args.sweep.empty()) {
    std::cout << "lingrok plot: sweep " << args.sweep << "\n";
    draw_sweep_figure(args.sweep, options, args.epsilon);
  }
}

}  // namespace

void add_plot_command(CLI::App& app) {
  auto args = std::make_shared<PlotArgs>();
  auto* cmd = app.add_subcommand("plot",
                                 "draw the figures of a run directory and/or a sweep with gnuplot "
                                 "(docs/outputs.md#figures)");
  cmd->add_option("--run", args->run, "run directory (figures go to DIR/figures/)");
  cmd->add_option("--sweep", args->sweep,
                  "sweep table: a CSV file or a directory holding sweep.csv");
  cmd->add_option("--format", args->format, "png (default), svg or pdf");
  cmd->add_option("--epsilon", args->epsilon,
                  "the ε of the sweep rows to draw (default: smallest)");
  cmd->add_option("--gnuplot", args->gnuplot, "gnuplot executable (default: gnuplot on PATH)");
  cmd->callback([args] { run_plot(*args); });
}

}  // namespace lingrok::cli
