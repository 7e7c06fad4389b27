// Rendering a figure: its CSV data, its gnuplot script and the image, each written atomically
// (figure.hpp, docs/outputs.md#figures).
#include "plots/figure.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

extern char** environ;

namespace lingrok {

namespace {

// Okabe–Ito: distinguishable for colour-blind readers and in greyscale print.
const char* const kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                "#E69F00", "#56B4E9", "#000000", "#F0E442"};

// Double-quoted gnuplot string; a line break becomes gnuplot's \n escape (a raw one would end
// the command).
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Text for a one-line script comment.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// Single-quoted gnuplot string (no escapes inside; a quote is doubled).
std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

std::string col_expr(const std::string& name) { return "column(" + quoted(name) + ")"; }

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v, bool log) {
    if (!std::isfinite(v) || (log && v <= 0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool valid() const { return lo <= hi; }
};

Range data_range(const Figure& f, const Panel& p, bool x_axis) {
  Range r;
  const bool log = x_axis ? p.x.log : p.y.log;
  for (const auto& s : p.series) {
    const auto& b = f.block(s.block);
    std::vector<std::string> cols;
    if (x_axis) {
      cols.push_back(s.x);
      if (s.style == SeriesStyle::segments) cols.push_back(s.x2);
    } else {
      cols.push_back(s.y);
      if (s.style == SeriesStyle::segments || s.style == SeriesStyle::band) cols.push_back(s.y2);
    }
    for (const auto& c : cols) {
      const auto& v = b.col(c);
      if (s.row) {
        if (*s.row < v.size()) r.add(v[*s.row], log);
      } else {
        for (double x : v) r.add(x, log);
      }
    }
  }
  return r;
}

// Whether a vertical line at `at` lies near the data's x range `data`: on a log axis within a
// decade of it, on a linear axis within half its width. A predicted boundary just past the end
// of the run widens the plot to show it; one many decades beyond (a stable run's t2 = 1e22 for a
// run of 1e7 steps) would squeeze the data into a corner, so it is named in the key instead.
bool near_data(double at, const Range& data, bool log) {
  if (!data.valid()) return true;
  if (log) return at >= data.lo / 10 && at <= data.hi * 10;
  const double margin = 0.5 * std::max(data.hi - data.lo, std::abs(data.hi) * 1e-12);
  return at >= data.lo - margin && at <= data.hi + margin;
}

// The x range a panel is drawn over: the axis' own limits, else the data's range extended to
// every vertical line near it (near_data).
Range x_range(const Figure& f, const Panel& p) {
  const Range data = data_range(f, p, true);
  Range r = data;
  for (const auto& v : p.vlines) {
    if (near_data(v.at, data, p.x.log)) r.add(v.at, p.x.log);
  }
  if (p.x.min) r.lo = *p.x.min;
  if (p.x.max) r.hi = *p.x.max;
  return r;
}

// Whether a vertical line is drawn: finite, positive on a log axis, inside the x range.
bool vline_drawn(const RefLine& v, const Range& xr, bool log) {
  if (!std::isfinite(v.at) || (log && v.at <= 0)) return false;
  return !xr.valid() || (v.at >= xr.lo && v.at <= xr.hi);
}

std::string axis_format(const Range& r, bool log) {
  // Powers of ten only when the tics are at powers of ten .
  // (Autoscaling a log axis extends it to whole decades, so one decade of data suffices.)
  if (log && r.valid() && r.hi / r.lo >= 10) return "10^{%T}";
  return log ? "%g" : "% h";
}

// A log axis spanning less than two decades, where gnuplot's automatic tics at powers of ten
// leave one label or none, is drawn over the data's range widened by 15% at each end with
// explicit tics at 1, 2, 5 times powers of ten (every integer mantissa when that gives fewer
// than three), labelled m·10^k. "" when gnuplot's defaults suffice.
std::string narrow_log_axis(const std::string& axis, const Range& data) {
  if (!data.valid() || data.lo <= 0 || data.hi / data.lo >= 100) return "";
  Range r;
  r.lo = data.lo / 1.15;
  r.hi = data.hi * 1.15;
  const auto tics_with = [&](std::initializer_list<int> mantissas) {
    std::vector<std::pair<int, int>> tics;  // (mantissa, exponent)
    for (int k = static_cast<int>(std::floor(std::log10(r.lo))) - 1;
         k <= static_cast<int>(std::ceil(std::log10(r.hi))); ++k) {
      for (int m : mantissas) {
        const double v = m * std::pow(10.0, k);
        if (v >= r.lo * (1 - 1e-9) && v <= r.hi * (1 + 1e-9)) tics.emplace_back(m, k);
      }
    }
    return tics;
  };
  auto tics = tics_with({1, 2, 5});
  if (tics.size() < 3) tics = tics_with({1, 2, 3, 4, 5, 6, 7, 8, 9});
  if (tics.size() < 2) return "";
  std::ostringstream out;
  out << "set " << axis << "range [" << format_number(r.lo) << ":" << format_number(r.hi) << "]\n";
  out << "set " << axis << "tics (";
  for (std::size_t i = 0; i < tics.size(); ++i) {
    const auto [m, k] = tics[i];
    std::string label =
        k == 0 ? std::to_string(m)
               : (m == 1 ? "" : std::to_string(m) + "·") + "10^{" + std::to_string(k) + "}";
    out << (i ? ", " : "") << quoted(label) << " " << m << "e" << k;
  }
  out << ")\n";
  return out.str();
}

std::string series_using(const Series& s) {
  const std::string y =
      s.condition.empty() ? col_expr(s.y) : "((" + s.condition + ") ? " + col_expr(s.y) + " : NaN)";
  std::string u = "using (" + col_expr(s.x) + "):" + (s.condition.empty() ? "(" + y + ")" : y);
  if (s.style == SeriesStyle::band) u += ":(" + col_expr(s.y2) + ")";
  if (s.style == SeriesStyle::segments) {
    u += ":(" + col_expr(s.x2) + " - " + col_expr(s.x) + "):(" + col_expr(s.y2) + " - " +
         col_expr(s.y) + ")";
  }
  if (s.row) u += " every ::" + std::to_string(*s.row) + "::" + std::to_string(*s.row);
  return u;
}

std::string series_with(const Series& s, const std::string& color) {
  std::ostringstream w;
  const std::string lc = "lc rgb " + quoted(color);
  switch (s.style) {
    case SeriesStyle::lines:
      w << "with lines " << lc << " lw " << s.line_width << " dt " << s.dash;
      break;
    case SeriesStyle::points:
      w << "with points " << lc << " pt " << s.point_type << " ps " << s.point_size;
      break;
    case SeriesStyle::linespoints:
      w << "with linespoints " << lc << " lw " << s.line_width << " dt " << s.dash << " pt "
        << s.point_type << " ps " << s.point_size;
      break;
    case SeriesStyle::band:
      w << "with filledcurves " << lc << " fs transparent solid " << s.opacity << " noborder";
      break;
    case SeriesStyle::segments:
      w << "with vectors nohead " << lc << " lw " << s.line_width << " dt " << s.dash;
      break;
  }
  return w.str();
}

// `set key` for a panel. gnuplot's own "below" placement lets the key box touch the x label
// when the tic labels carry exponents (10^k); the key of a one-panel figure is therefore
// anchored at the bottom of the image, in at most 3 columns (2 when there are more than 3
// entries, 1 when they are long), with a bottom margin sized for its rows.
std::string key_commands(const Figure& f, const Panel& p) {
  const std::string below = "below";
  if (f.panels.size() != 1 || p.key.compare(0, below.size(), below) != 0) {
    return "unset bmargin\nset key " + p.key + "\n";
  }
  std::size_t entries = 0, longest = 0;
  const auto count = [&](const std::string& title) {
    if (title.empty()) return;
    ++entries;
    longest = std::max(longest, title.size());
  };
  for (const auto& s : p.series) count(s.title);
  for (const auto* lines : {&p.vlines, &p.hlines}) {
    for (const auto& l : *lines) count(l.title);
  }
  // gnuplot falls back to one column when the entries are too wide for more.
  const std::size_t cols =
      longest > 38 ? 1 : (entries <= 3 ? std::max<std::size_t>(entries, 1) : 2);
  const std::size_t rows = (std::max<std::size_t>(entries, 1) + cols - 1) / cols;
  std::ostringstream out;
  out << "set bmargin " << 4.5 + 1.5 * static_cast<double>(rows) << "\n"
      << "set key at screen 0.5, screen 0.01 center bottom horizontal Left reverse maxcols " << cols
      << " maxrows " << rows << "\n";
  return out.str();
}

// Colours restart in every panel, so that the same series has the same colour in each.
void panel_script(std::ostream& gp, const Figure& f, const Panel& p, std::size_t panel_index) {
  std::size_t palette_index = 0;
  gp << "\n# ---- panel " << panel_index + 1 << ": " << one_line(p.title) << "\n";
  gp << "unset object\nunset arrow\nunset label\nunset logscale\nset autoscale xy\n"
        "set size noratio\n";
  if (p.width > 0 && p.height > 0) {
    gp << "set origin " << p.origin_x << "," << p.origin_y << "\nset size " << p.width << ","
       << p.height << "\n";
  }
  if (p.equal_aspect) gp << "set size ratio -1\n";
  const bool labelled_shades = std::any_of(p.shades.begin(), p.shades.end(),
                                           [](const Shade& s) { return !s.label.empty(); });
  gp << "set title " << quoted(p.title) << (labelled_shades ? " offset 0,2.2" : "") << "\n";
  gp << (labelled_shades ? "set tmargin 6\n" : "unset tmargin\n");
  gp << "set xlabel " << quoted(p.x.label) << "\nset ylabel " << quoted(p.y.label) << "\n";

  const Range xr = x_range(f, p);
  const Range yr = data_range(f, p, false);
  if (p.x.log) gp << "set logscale x 10\n";
  if (p.y.log) gp << "set logscale y 10\n";
  gp << "set xtics autofreq\nset ytics autofreq\n";
  if (p.x.tic_step && !p.x.log) gp << "set xtics " << format_number(*p.x.tic_step) << "\n";
  if (p.y.tic_step && !p.y.log) gp << "set ytics " << format_number(*p.y.tic_step) << "\n";
  // Room between the data and the frame, so a curve or a reference line on the edge shows.
  if (!p.y.min && !p.y.max) {
    gp << "set offsets 0, 0, graph 0.04, graph 0.04\n";
  } else {
    gp << "set offsets 0, 0, 0, 0\n";
  }
  gp << "set format x " << quoted(axis_format(xr, p.x.log)) << "\n";
  gp << "set format y " << quoted(axis_format(yr, p.y.log)) << "\n";

  if (xr.valid()) {
    gp << "set xrange [" << format_number(xr.lo) << ":" << format_number(xr.hi) << "]\n";
  }
  if (p.y.min || p.y.max) {
    gp << "set yrange [" << (p.y.min ? format_number(*p.y.min) : "*") << ":"
       << (p.y.max ? format_number(*p.y.max) : "*") << "]\n";
  } else {
    gp << "set yrange [*:*]\n";
  }
  // After the ranges above, which these replace for narrow log axes.
  if (p.x.log && !p.x.min && !p.x.max) gp << narrow_log_axis("x", xr);
  if (p.y.log && !p.y.min && !p.y.max) gp << narrow_log_axis("y", yr);
  gp << key_commands(f, p);

  int object = 1;
  // Phase labels above the plot: a label closer than a quarter of the axis to the previous one
  // goes one line higher, and labels near an edge are aligned to stay inside the image.
  double last_label = -1.0;
  int last_level = -1;
  for (const auto& s : p.shades) {
    if (!xr.valid()) break;
    const double a = std::max(s.from, xr.lo), b = std::min(s.to, xr.hi);
    if (!(a < b)) continue;
    gp << "set object " << object++ << " rect from first " << format_number(a)
       << ", graph 0 to first " << format_number(b) << ", graph 1 behind fc rgb "
       << quoted(s.color.empty() ? "#999999" : s.color) << " fs transparent solid 0.15 noborder\n";
    if (!s.label.empty()) {
      const double mid = p.x.log ? std::sqrt(a * b) : 0.5 * (a + b);
      const double where = p.x.log ? std::log(mid / xr.lo) / std::log(xr.hi / xr.lo)
                                   : (mid - xr.lo) / (xr.hi - xr.lo);
      const int level = last_label >= 0 && where - last_label < 0.25 ? (last_level + 1) % 2 : 0;
      last_label = where;
      last_level = level;
      const char* align = where > 0.85 ? "right" : (where < 0.15 ? "left" : "center");
      gp << "set label " << quoted(s.label) << " at first " << format_number(mid) << ", graph 1 "
         << align << " offset 0," << (level == 0 ? "0.8" : "1.9") << " font \",12\"\n";
    }
  }
  int arrow = 1;
  for (const auto& v : p.vlines) {
    if (!vline_drawn(v, xr, p.x.log)) continue;
    gp << "set arrow " << arrow++ << " from first " << format_number(v.at) << ", graph 0 to first "
       << format_number(v.at) << ", graph 1 nohead front lc rgb " << quoted(v.color) << " dt "
       << v.dash << " lw " << v.line_width << "\n";
  }

  std::vector<std::string> items;
  for (const auto& s : p.series) {
    const std::string color = s.color.empty()
                                  ? kPalette[palette_index++ % (sizeof kPalette / sizeof *kPalette)]
                                  : s.color;
    std::string item = quoted(data_file_name(f, f.block(s.block))) + " " + series_using(s) + " " +
                       series_with(s, color) + " " +
                       (s.title.empty() ? "notitle" : "title " + quoted(s.title));
    items.push_back(item);
  }
  for (const auto& h : p.hlines) {
    if (!std::isfinite(h.at) || (p.y.log && h.at <= 0)) continue;
    items.push_back(format_number(h.at) + " with lines lc rgb " + quoted(h.color) + " dt " +
                    std::to_string(h.dash) + " lw " + format_number(h.line_width) + " " +
                    (h.title.empty() ? "notitle" : "title " + quoted(h.title)));
  }
  for (const auto& v : p.vlines) {
    if (v.title.empty()) continue;
    if (vline_drawn(v, xr, p.x.log)) {
      items.push_back("keyentry with lines lc rgb " + quoted(v.color) + " dt " +
                      std::to_string(v.dash) + " lw " + format_number(v.line_width) + " title " +
                      quoted(v.title));
    } else if (std::isfinite(v.at)) {
      // Not drawn, so no line sample: the entry says where the line would be.
      items.push_back("keyentry with points pt -1 title " +
                      quoted(v.title + (xr.valid() && v.at > xr.hi
                                            ? " (after the plotted range, not drawn)"
                                            : " (before the plotted range, not drawn)")));
    }
  }
  if (items.empty()) {
    gp << "plot NaN notitle\n";
    return;
  }
  gp << "plot ";
  for (std::size_t i = 0; i < items.size(); ++i) gp << (i ? ", \\\n     " : "") << items[i];
  gp << "\n";
}

void validate(const Figure& f) {
  if (f.name.empty() || f.name.find_first_of("/\\ '\"") != std::string::npos) {
    throw std::invalid_argument("figure name \"" + f.name + "\" must be a plain file stem");
  }
  for (const auto& b : f.data) {
    for (const auto& c : b.columns) {
      if (c.find_first_of(",\"\n") != std::string::npos) {
        throw std::invalid_argument("column name \"" + c + "\" holds a comma, quote or newline");
      }
    }
  }
  for (const auto& p : f.panels) {
    for (const auto& s : p.series) {
      const auto& b = f.block(s.block);  // throws for an unknown block
      std::vector<std::string> needed{s.x, s.y};
      if (s.style == SeriesStyle::band) needed.push_back(s.y2);
      if (s.style == SeriesStyle::segments) {
        needed.push_back(s.x2);
        needed.push_back(s.y2);
      }
      for (const auto& c : needed) {
        if (std::find(b.columns.begin(), b.columns.end(), c) == b.columns.end()) {
          throw std::invalid_argument("figure " + f.name + ": block \"" + b.name +
                                      "\" has no column \"" + c + "\"");
        }
      }
    }
  }
}

bool is_executable_file(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs `gnuplot -e "cd DIR; out='TMP'" SCRIPT`; returns (exit status, stdout+stderr).
std::pair<int, std::string> run_gnuplot(const std::filesystem::path& gnuplot,
                                        const std::filesystem::path& dir, const std::string& script,
                                        const std::string& out) {
  const auto log = std::filesystem::temp_directory_path() /
                   ("lingrok_gnuplot_" + std::to_string(::getpid()) + ".log");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  const std::string setup = "cd " + single_quoted(dir.string()) + "; out = " + single_quoted(out);
  std::string arg0 = gnuplot.string(), arg1 = "-e", arg3 = script;
  std::string arg2 = setup;
  char* argv[] = {arg0.data(), arg1.data(), arg2.data(), arg3.data(), nullptr};
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, gnuplot.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw InputError("cannot start " + gnuplot.string() + ": " + std::strerror(rc) +
                     "; install gnuplot-nox (scripts/install-deps.sh)");
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR)
      throw InputError("waiting for gnuplot failed: " + std::string(std::strerror(errno)));
  }
  std::string text = read_all(log);
  std::error_code ec;
  std::filesystem::remove(log, ec);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return {code, text};
}

}  // namespace

ImageFormat parse_image_format(const std::string& text) {
  if (text == "png") return ImageFormat::png;
  if (text == "svg") return ImageFormat::svg;
  if (text == "pdf") return ImageFormat::pdf;
  throw InputError("unknown figure format \"" + text + "\"; use png, svg or pdf");
}

std::string extension(ImageFormat format) {
  switch (format) {
    case ImageFormat::png:
      return "png";
    case ImageFormat::svg:
      return "svg";
    case ImageFormat::pdf:
      return "pdf";
  }
  return "png";
}

DataBlock& DataBlock::add(const std::string& column, std::vector<double> v) {
  if (std::find(columns.begin(), columns.end(), column) != columns.end()) {
    throw std::invalid_argument("data block \"" + name + "\": column \"" + column + "\" twice");
  }
  if (!values.empty() && v.size() != rows()) {
    throw std::invalid_argument("data block \"" + name + "\": column \"" + column + "\" has " +
                                std::to_string(v.size()) + " rows, the others " +
                                std::to_string(rows()));
  }
  columns.push_back(column);
  values.push_back(std::move(v));
  return *this;
}

const std::vector<double>& DataBlock::col(const std::string& column) const {
  const auto it = std::find(columns.begin(), columns.end(), column);
  if (it == columns.end()) {
    throw std::out_of_range("data block \"" + name + "\" has no column \"" + column + "\"");
  }
  return values[static_cast<std::size_t>(it - columns.begin())];
}

const DataBlock& Figure::block(const std::string& block_name) const {
  for (const auto& b : data) {
    if (b.name == block_name) return b;
  }
  throw std::out_of_range("figure " + name + " has no data block \"" + block_name + "\"");
}

std::filesystem::path find_gnuplot(const PlotOptions& options) {
  const std::string missing =
      "gnuplot not found on PATH; install gnuplot-nox (scripts/install-deps.sh)";
  if (!options.gnuplot.empty() && options.gnuplot.find('/') != std::string::npos) {
    if (is_executable_file(options.gnuplot)) return options.gnuplot;
    throw InputError("gnuplot not found at " + options.gnuplot +
                     "; install gnuplot-nox (scripts/install-deps.sh)");
  }
  const std::string name = options.gnuplot.empty() ? "gnuplot" : options.gnuplot;
  std::string path;
  if (options.search_path) {
    path = *options.search_path;
  } else if (const char* env = std::getenv("PATH")) {
    path = env;
  }
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (is_executable_file(candidate)) return candidate;
  }
  throw InputError(missing);
}

std::string enhanced_literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string("_^@&~{}").find(c) != std::string::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string data_file_name(const Figure& figure, const DataBlock& block) {
  return figure.name + (block.name.empty() ? "" : "_" + block.name) + ".csv";
}
std::string script_file_name(const Figure& figure) { return figure.name + ".gp"; }
std::string image_file_name(const Figure& figure, ImageFormat format) {
  return figure.name + "." + extension(format);
}

std::string gnuplot_script(const Figure& f, ImageFormat format) {
  validate(f);
  std::ostringstream gp;
  gp << "# lingrok figure \"" << f.name << "\": " << one_line(f.title)
     << "\n# Data (17 significant digits):";
  for (const auto& b : f.data) gp << " " << data_file_name(f, b);
  gp << "\n# Redraw: cd into this directory and run `gnuplot " << script_file_name(f)
     << "` (writes " << image_file_name(f, format) << ").\n";
  gp << "set encoding utf8\n";
  switch (format) {
    case ImageFormat::png:
      gp << "set terminal pngcairo enhanced size " << f.width_px << "," << f.height_px
         << " font \"Sans,14\" linewidth 1\n";
      break;
    case ImageFormat::svg:
      gp << "set terminal svg enhanced size " << f.width_px << "," << f.height_px
         << " font \"Sans,14\" background \"#ffffff\"\n";
      break;
    case ImageFormat::pdf:
      gp << "set terminal pdfcairo enhanced size " << f.width_px / 100.0 << "in,"
         << f.height_px / 100.0 << "in font \"Sans,14\"\n";
      break;
  }
  gp << "if (!exists(\"out\")) out = " << quoted(image_file_name(f, format)) << "\n";
  gp << "set output out\n";
  gp << "set datafile separator \",\"\nset datafile columnheaders\n";
  gp << "set grid back lc rgb \"#dddddd\" lw 1\n";
  gp << "set clip two\n";
  gp << "set samples 400\n";
  gp << "set key opaque box lc rgb \"#bbbbbb\"\n";
  const bool explicit_layout = std::any_of(
      f.panels.begin(), f.panels.end(), [](const Panel& p) { return p.width > 0 && p.height > 0; });
  const bool multi = f.panels.size() > 1;
  if (multi) {
    gp << "set multiplot";
    if (!explicit_layout) gp << " layout " << f.layout_rows << "," << f.layout_cols;
    if (!f.title.empty()) gp << " title " << quoted(f.title) << " font \",16\"";
    gp << "\n";
  }
  for (std::size_t i = 0; i < f.panels.size(); ++i) {
    Panel p = f.panels[i];
    if (!multi && p.title.empty()) p.title = f.title;
    if (!multi && !f.title.empty() && p.title != f.title) p.title = f.title + "\n" + p.title;
    panel_script(gp, f, p, i);
  }
  if (multi) gp << "unset multiplot\n";
  gp << "unset output\n";
  return gp.str();
}

std::filesystem::path render_figure(const Figure& figure, const std::filesystem::path& dir,
                                    const PlotOptions& options) {
  const std::filesystem::path gnuplot = find_gnuplot(options);  // before writing anything
  const std::string script = gnuplot_script(figure, options.format);
  ensure_directory(dir);
  for (const auto& b : figure.data) {
    write_file_atomically(dir / data_file_name(figure, b), [&](std::ostream& os) {
      for (std::size_t c = 0; c < b.columns.size(); ++c) os << (c ? "," : "") << b.columns[c];
      os << "\n";
      for (std::size_t r = 0; r < b.rows(); ++r) {
        for (std::size_t c = 0; c < b.columns.size(); ++c) {
          os << (c ? "," : "") << format_number(b.values[c][r]);
        }
        os << "\n";
      }
    });
  }
  write_text_atomically(dir / script_file_name(figure), script);

  const std::string image = image_file_name(figure, options.format);
  const std::string tmp = image + ".tmp." + std::to_string(::getpid());
  const std::filesystem::path abs_dir = std::filesystem::absolute(dir);
  const auto [code, text] =
      run_gnuplot(gnuplot, abs_dir, (abs_dir / script_file_name(figure)).string(), tmp);
  std::error_code ec;
  if (code != 0 || !std::filesystem::exists(abs_dir / tmp) ||
      std::filesystem::file_size(abs_dir / tmp, ec) == 0) {
    std::filesystem::remove(abs_dir / tmp, ec);
    throw InputError("gnuplot failed (exit " + std::to_string(code) + ") on " +
                     (abs_dir / script_file_name(figure)).string() + ": " +
                     (text.empty() ? "no output" : text));
  }
  std::filesystem::rename(abs_dir / tmp, abs_dir / image);
  return abs_dir / image;
}

}  // namespace lingrok
