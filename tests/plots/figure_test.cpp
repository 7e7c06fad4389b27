// plots/figure.hpp: scripts, full-precision data files, rendering in the three formats, a
// script that redraws on its own, and the error when gnuplot is missing.
#define BOOST_TEST_MODULE plots_figure
#include "plots/figure.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdlib>

#include "core/error.hpp"
#include "results/table.hpp"
#include "tests/plots/png_check.hpp"
#include "tests/support/run_command.hpp"

namespace lt = lingrok::testing;
using lingrok::Figure;

namespace {

Figure tiny_figure() {
  Figure f;
  f.name = "tiny";
  lingrok::DataBlock d;
  std::vector<double> t, y, lo, hi;
  for (int i = 1; i <= 30; ++i) {
    t.push_back(std::pow(10.0, i / 6.0));
    y.push_back(1.0 / 3.0 + std::sin(i / 4.0) / 7.0);  // digits beyond 6 significant
    lo.push_back(y.back() - 0.1);
    hi.push_back(y.back() + 0.1);
  }
  t[3] = std::nan("");  // a gap in the data
  d.add("t", t).add("y", y).add("lo", lo).add("hi", hi);
  f.data.push_back(d);
  lingrok::Panel p;
  p.title = "a tiny figure";
  p.x = {"GD steps t", true, {}, {}, {}};
  p.y = {"value y (units)", false, {}, {}, {}};
  lingrok::Series band;
  band.x = "t";
  band.y = "lo";
  band.y2 = "hi";
  band.style = lingrok::SeriesStyle::band;
  band.title = "band";
  lingrok::Series line;
  line.x = "t";
  line.y = "y";
  line.title = "y_{1}";
  p.series = {band, line};
  p.shades = {{-INFINITY, 100, "Phase 1", "#56B4E9"}, {100, 1e4, "Phase 2", "#E69F00"}};
  p.vlines = {{1e3, "t_1", "#000000", 2, 2.0}};
  p.hlines = {{0.4, "level", "#009E73", 2, 2.0}};
  f.panels.push_back(p);
  return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(formats_parse_and_reject) {
  BOOST_TEST((lingrok::parse_image_format("png") == lingrok::ImageFormat::png));
  BOOST_TEST((lingrok::parse_image_format("svg") == lingrok::ImageFormat::svg));
  BOOST_TEST((lingrok::parse_image_format("pdf") == lingrok::ImageFormat::pdf));
  BOOST_CHECK_THROW(lingrok::parse_image_format("jpeg"), lingrok::InputError);
}

BOOST_AUTO_TEST_CASE(numbers_are_written_to_round_trip) {
  for (double x : {1.0 / 3.0, 1e-300, -2.5e17, 0.1 + 0.2}) {
    BOOST_TEST(std::strtod(lingrok::format_number(x).c_str(), nullptr) == x);
  }
  BOOST_TEST(lingrok::format_number(std::nan("")) == "nan");
}

BOOST_AUTO_TEST_CASE(script_reads_the_csv_by_column_name) {
  const std::string gp = lingrok::gnuplot_script(tiny_figure(), lingrok::ImageFormat::png);
  BOOST_TEST(gp.find("set terminal pngcairo") != std::string::npos);
  BOOST_TEST(gp.find("\"tiny.csv\" using (column(\"t\")):(column(\"y\"))") != std::string::npos);
  BOOST_TEST(gp.find("set logscale x") != std::string::npos);
  BOOST_TEST(gp.find("if (!exists(\"out\")) out = \"tiny.png\"") != std::string::npos);
  BOOST_TEST(gp.find("Phase 1") != std::string::npos);
  BOOST_TEST(gp.find("keyentry") != std::string::npos);  // the vertical line's key entry
}

BOOST_AUTO_TEST_CASE(a_line_far_beyond_the_data_is_named_not_drawn) {
  Figure f = tiny_figure();  // t from 10^{1/6} to 10^5
  f.panels[0].vlines.push_back({3e5, "t_2 near", "#000000", 2, 2.0});
  f.panels[0].vlines.push_back({7e22, "t_2 far", "#000000", 2, 2.0});
  const std::string gp = lingrok::gnuplot_script(f, lingrok::ImageFormat::png);
  // The near line (within a decade) widens the axis to itself; the far one does not.
  BOOST_TEST(gp.find("set xrange [1.4677992676220695:300000]") != std::string::npos);
  BOOST_TEST(gp.find("first 300000, graph 0") != std::string::npos);
  BOOST_TEST(gp.find("first 7e+22") == std::string::npos);
  BOOST_TEST(gp.find("t_2 far (after the plotted range, not drawn)") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_narrow_log_axis_gets_labelled_tics) {
  Figure f = tiny_figure();
  f.panels[0].x.min.reset();
  auto& t = f.data[0].values[0];
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = 1e-6 * (1 + static_cast<double>(i));
  // t from 1e-6 to 3e-5: 1.5 decades
  f.panels[0].vlines.clear();
  f.panels[0].shades.clear();
  const std::string gp = lingrok::gnuplot_script(f, lingrok::ImageFormat::png);
  BOOST_TEST(
      gp.find(
          "set xtics (\"10^{-6}\" 1e-6, \"2·10^{-6}\" 2e-6, \"5·10^{-6}\" 5e-6, \"10^{-5}\" 1e-5, "
          "\"2·10^{-5}\" 2e-5)") != std::string::npos);
  // A wide axis keeps gnuplot's tics at powers of ten.
  BOOST_TEST(
      lingrok::gnuplot_script(tiny_figure(), lingrok::ImageFormat::png).find("set xtics (") ==
      std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_columns_are_rejected) {
  Figure f = tiny_figure();
  f.panels[0].series[1].y = "no_such_column";
  BOOST_CHECK_THROW(lingrok::gnuplot_script(f, lingrok::ImageFormat::png), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(renders_png_and_writes_full_precision_data) {
  lt::TempDir dir("plots_figure_png");
  const Figure f = tiny_figure();
  const auto image = lingrok::render_figure(f, dir.path(), {});
  BOOST_TEST(image == dir.path() / "tiny.png");
  lt::check_png(image, 1200, 800);
  BOOST_TEST(std::filesystem::exists(dir.path() / "tiny.gp"));
  const auto table = lingrok::Table::read(dir.path() / "tiny.csv");
  BOOST_REQUIRE(table.rows() == f.data[0].rows());
  for (const auto& name : f.data[0].columns) {
    const auto& want = f.data[0].col(name);
    const auto& got = table.col(name);
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (std::isnan(want[i])) {
        BOOST_TEST(std::isnan(got[i]));
      } else {
        BOOST_TEST(got[i] == want[i]);  // bit for bit, not 6 digits
      }
    }
  }
  // No temporary left behind.
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    BOOST_TEST(e.path().string().find(".tmp") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(script_redraws_on_its_own) {
  lt::TempDir dir("plots_figure_redraw");
  const auto image = lingrok::render_figure(tiny_figure(), dir.path(), {});
  std::filesystem::remove(image);
  const std::string cmd = "cd '" + dir.path().string() + "' && gnuplot tiny.gp 2>/dev/null";
  BOOST_TEST(std::system(cmd.c_str()) == 0);
  lt::check_png(image, 1200, 800);
}

BOOST_AUTO_TEST_CASE(renders_svg_and_pdf) {
  lt::TempDir dir("plots_figure_vector");
  lingrok::PlotOptions svg;
  svg.format = lingrok::ImageFormat::svg;
  const auto s = lingrok::render_figure(tiny_figure(), dir.path(), svg);
  BOOST_TEST(s.extension() == ".svg");
  BOOST_TEST(lt::file_bytes(s).find("<svg") != std::string::npos);
  lingrok::PlotOptions pdf;
  pdf.format = lingrok::ImageFormat::pdf;
  const auto p = lingrok::render_figure(tiny_figure(), dir.path(), pdf);
  BOOST_TEST(lt::file_bytes(p).rfind("%PDF", 0) == 0);
  BOOST_TEST(std::filesystem::file_size(p) > 2000u);
}

BOOST_AUTO_TEST_CASE(missing_gnuplot_is_a_clear_input_error) {
  lt::TempDir empty("plots_no_gnuplot");
  lt::TempDir out("plots_no_gnuplot_out");
  lingrok::PlotOptions options;
  options.search_path = empty.path().string();
  try {
    lingrok::render_figure(tiny_figure(), out.path() / "figures", options);
    BOOST_FAIL("expected an InputError");
  } catch (const lingrok::InputError& e) {
    BOOST_TEST(std::string(e.what()) ==
               "gnuplot not found on PATH; install gnuplot-nox (scripts/install-deps.sh)");
  }
  BOOST_TEST(!std::filesystem::exists(out.path() / "figures"));  // nothing half-written
  options.search_path.reset();
  options.gnuplot = (empty.path() / "gnuplot").string();
  BOOST_CHECK_THROW(lingrok::find_gnuplot(options), lingrok::InputError);
}
