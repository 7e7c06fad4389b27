// The plot stage (`lingrok plot --run DIR [--format png|svg|pdf]`, `lingrok plot --sweep
// DIR_OR_CSV`): the figures of docs/outputs.md#figures, drawn by gnuplot into DIR/figures/ (each
// with its data as CSV and its gnuplot script). Figures whose inputs the run lacks are skipped with
// a one-line note.
#include "pipeline/stages/plot.hpp"

#include <memory>
#include <optional>
#include <ostream>

#include "core/error.hpp"
#include "plots/run_figures.hpp"

namespace lingrok::stages {

void run_plot(const PlotRequest& args, std::ostream& log) {
  if (args.run.empty() && args.sweep.empty()) {
    throw InputError("nothing to plot: pass --run DIR (a run directory) and/or --sweep DIR_OR_CSV");
  }
  PlotOptions options;
  options.format = parse_image_format(args.format);
  options.gnuplot = args.gnuplot;
  options.notes = &log;
  find_gnuplot(options);
  if (!args.run.empty()) {
    if (!std::filesystem::is_directory(args.run)) {
      throw InputError("run directory " + args.run +
                       " does not exist; write it with lingrok "
                       "generate/theory/simulate (or lingrok reproduce) first");
    }
    const RunArtifacts run = load_run(args.run);
    log << "lingrok plot: " << args.run << " -> " << figures_dir(run).string() << "\n";
    const auto written = draw_run_figures(run, options);
    log << "  " << written.size() << " figure(s) written\n";
  }
  if (!args.sweep.empty()) {
    log << "lingrok plot: sweep " << args.sweep << "\n";
    draw_sweep_figure(args.sweep, options, args.epsilon);
  }
}

}  // namespace lingrok::stages
