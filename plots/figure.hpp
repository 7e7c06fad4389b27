// A figure as data: named CSV blocks, panels with axes, series drawn from CSV columns by name,
// shaded x-intervals and reference lines (docs/outputs.md#figures). render_figure() writes, next to
// each other and each atomically (core/atomic_file.hpp):
//
//   DIR/<name>.csv or DIR/<name>_<block>.csv   the plotted numbers, 17 significant digits
//   DIR/<name>.gp                             a gnuplot script that reads those CSVs
//   DIR/<name>.png | .svg | .pdf              the image, drawn by running gnuplot on the script
//
// so anyone can redraw or restyle a figure with `cd DIR && gnuplot <name>.gp`. The script draws
// into the file named by the gnuplot variable `out` when it is defined (lingrok sets it to a
// temporary name and renames the result), else into <name>.<format>.
//
// Text is gnuplot "enhanced" text: write labels with Unicode and enhanced markup by hand
// ("T_{te}", "10^{3}"); pass text that comes from data through enhanced_literal().
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace lingrok {

enum class ImageFormat { png, svg, pdf };

// "png" | "svg" | "pdf"; anything else is an InputError naming the accepted values.
ImageFormat parse_image_format(const std::string& text);
std::string extension(ImageFormat format);  // "png", "svg", "pdf" (no dot)

// A table of equal-length columns, written as one CSV file.
struct DataBlock {
  std::string name;  // "" : file <figure>.csv; else <figure>_<name>.csv
  std::vector<std::string> columns;
  std::vector<std::vector<double>> values;  // values[column][row]

  // Appends a column; throws std::invalid_argument on a length mismatch or a repeated name.
  DataBlock& add(const std::string& column, std::vector<double> v);
  std::size_t rows() const { return values.empty() ? 0 : values.front().size(); }
  const std::vector<double>& col(const std::string& column) const;  // std::out_of_range
};

enum class SeriesStyle {
  lines,
  points,
  linespoints,
  band,     // filled between columns y and y2 (filledcurves)
  segments  // one line segment per row, from (x, y) to (x2, y2)
};

struct Series {
  std::string block;   // DataBlock name
  std::string x, y;    // column names
  std::string x2, y2;  // band: y2 is the upper edge; segments: the end point
  std::string title;   // key entry; "" : no key entry
  SeriesStyle style = SeriesStyle::lines;
  std::string color;  // "#rrggbb"; "" : the palette colour of the series' index
  double line_width = 2.5;
  int dash = 1;  // gnuplot dashtype: 1 solid, 2 dashed, 3 dotted, 4 dash-dot
  int point_type = 7;
  double point_size = 1.0;
  double opacity = 0.2;   // band fill
  std::string condition;  // gnuplot expression over column("..."); rows where it is 0 are skipped
  std::optional<std::size_t> row;  // draw only this row (0-based)
};

// A shaded interval of the x axis with a label above the plot. ±infinity: the plot's edge.
struct Shade {
  double from, to;
  std::string label;
  std::string color;
};

// A vertical (x = at) or horizontal (y = at) line across the plot, with a key entry.
struct RefLine {
  double at;
  std::string title;
  std::string color = "#000000";
  int dash = 2;
  double line_width = 2.0;
};

struct Axis {
  std::string label;  // with units, e.g. "GD steps t"
  bool log = false;
  std::optional<double> min, max;
  std::optional<double> tic_step;  // linear axes: distance between major tics
};

struct Panel {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  std::vector<Shade> shades;
  std::vector<RefLine> vlines, hlines;
  // gnuplot `set key` arguments; the default puts the key under the plot, off the data.
  std::string key = "below center horizontal Left reverse maxrows 3";
  bool equal_aspect = false;  // same scale on both axes (set size ratio -1)
  // Placement in screen fractions; all zero: the figure's rows x columns layout.
  double origin_x = 0, origin_y = 0, width = 0, height = 0;
};

struct Figure {
  std::string name;   // file stem, e.g. "accuracy"
  std::string title;  // over the whole figure
  std::vector<DataBlock> data;
  std::vector<Panel> panels;
  int layout_rows = 1, layout_cols = 1;
  int width_px = 1200, height_px = 800;

  const DataBlock& block(const std::string& name) const;  // std::out_of_range
};

struct PlotOptions {
  ImageFormat format = ImageFormat::png;
  // The gnuplot executable: a path, or "" to search `search_path`.
  std::string gnuplot;
  // Directories to search (PATH syntax); unset: the environment's PATH.
  std::optional<std::string> search_path;
  // One line per figure skipped for missing inputs, and per figure drawn; null: silent.
  std::ostream* notes = nullptr;
};

// The gnuplot executable that options select, or InputError
// "gnuplot not found on PATH; install gnuplot-nox (scripts/install-deps.sh)".
std::filesystem::path find_gnuplot(const PlotOptions& options);

// Text shown literally in enhanced mode (escapes _ ^ @ & ~ { } and quotes).
std::string enhanced_literal(const std::string& text);

// A number as written to CSV files and scripts: 17 significant digits ("nan", "inf", "-inf").
std::string format_number(double x);

std::string data_file_name(const Figure& figure, const DataBlock& block);
std::string script_file_name(const Figure& figure);
std::string image_file_name(const Figure& figure, ImageFormat format);

// The .gp script for `figure` (reads the CSVs by their file names, relative to its directory).
std::string gnuplot_script(const Figure& figure, ImageFormat format);

// Writes the CSVs and the script into `dir` (created if needed), runs gnuplot on the script and
// returns the image's path. Throws InputError when gnuplot is missing or fails (with its
// message), std::invalid_argument for a figure that refers to unknown blocks or columns.
std::filesystem::path render_figure(const Figure& figure, const std::filesystem::path& dir,
                                    const PlotOptions& options);

}  // namespace lingrok
