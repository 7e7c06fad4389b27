// The protocol search as one command (`lingrok protocols`): the plan (protocols_plan.hpp), its
// attribution to the paper's Table 1 and Figure 4 statements
// (proofs_check/protocol_attribution.hpp, docs/checks.md#protocol-attribution), and its outputs as
// one set: protocols.json (every run's measured numbers and the attribution), attribution.md (the
// tables, also printed) and figure4.* (plots/figure4.hpp). Nothing is written before every run has
// finished.
#include "pipeline/protocols_run.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <ostream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/version.hpp"
#include "pipeline/protocols_plan.hpp"
#include "plots/figure4.hpp"
#include "proofs_check/protocol_attribution.hpp"
#include "proofs_check/rounding_spread.hpp"

namespace lingrok {

namespace {

using ProtocolsArgs = ProtocolsRequest;

// The best-matching run (lowest score) and the default protocol's run for one imbalance.
std::optional<Figure4Row> figure_row(const std::vector<ProtocolRun>& runs,
                                     const std::vector<double>& scores,
                                     const std::string& imbalance, std::uint64_t first_seed) {
  std::optional<std::size_t> best, fallback;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const ProtocolChoice& c = runs[i].choice;
    if (c.data.d != 2 || c.imbalance() != imbalance) continue;
    if (!best || scores[i] < scores[*best]) best = i;
    if (!fallback && c.planting == "margin" && c.family == "literal" &&
        c.gd.reduction == Reduction::sum && c.rounding == "shortcuts" &&
        c.data.seed == first_seed && c.data.n_plus == c.data.n_minus) {
      fallback = i;
    }
  }
  if (!best || !fallback) return std::nullopt;
  auto run = [&](std::size_t i) {
    return Figure4Run{runs[i].outcome.id, &runs[i].trajectory, runs[i].outcome.t1,
                      runs[i].outcome.t2};
  };
  return Figure4Row{imbalance == "balanced" ? "balanced" : imbalance + " imbalance", run(*best),
                    run(*fallback)};
}

}  // namespace

void run_protocols(const ProtocolsRequest& args, std::ostream& progress, std::ostream& report) {
  if (args.jobs < 1 || args.jobs > 64)
    throw InputError("--jobs must be in 1..64 (this machine: 2)");
  const ProtocolsPlan plan = make_protocols_plan(args.options);
  const PaperTable1 table1 = read_paper_table1(args.paper_table1);
  const PaperFigure4 figure4_paper = read_paper_figure4(args.paper_figure4);
  PlotOptions plot_options;
  plot_options.format = parse_image_format(args.format);
  if (!args.no_figure) (void)find_gnuplot(plot_options);  // before hours of runs, not after

  const auto start = std::chrono::steady_clock::now();
  std::size_t finished = 0;
  progress << "lingrok protocols: " << plan.runs.size() << " runs on " << args.jobs
           << " threads (preset " << args.options.preset << ")\n";
  const auto runs = run_protocols_plan(plan, args.jobs, [&](std::size_t, const ProtocolRun& r) {
    ++finished;
    if (!args.quiet) {
      const double s =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      progress << "  [" << finished << "/" << plan.runs.size() << ", " << std::lround(s) << " s] "
               << r.outcome.id << "\n";
    }
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<ProtocolOutcome> outcomes;
  for (const auto& r : runs) outcomes.push_back(r.outcome);
  AttributionOptions attribution_options;
  attribution_options.zeta_min = plan.detection.zeta_min;
  const ProtocolAttribution attribution =
      attribute_protocols(table1, figure4_paper, outcomes, attribution_options);
  const RoundingSpread rounding = rounding_spread(outcomes, attribution, "slices2");

  nlohmann::ordered_json reasons = nlohmann::ordered_json::object();
  for (const auto& [planting, why] : planting_reasons()) reasons[planting] = why;
  nlohmann::ordered_json runs_json = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    auto j = to_json(outcomes[i]);
    j["score"] = attribution.scores[i];
    runs_json.push_back(j);
  }
  std::vector<Figure4Row> figure_rows;
  nlohmann::ordered_json figure_json = nlohmann::ordered_json::array();
  for (const char* imbalance : {"balanced", "positive", "negative"}) {
    if (auto row = figure_row(runs, attribution.scores, imbalance, plan.runs.front().data.seed)) {
      figure_json.push_back({{"configuration", row->configuration},
                             {"best", row->best.label},
                             {"default", row->fallback.label}});
      figure_rows.push_back(*row);
    }
  }
  const std::string d1024_note =
      "The d = 1024 rows are compared with reduced runs (N = " +
      std::to_string(args.options.preset == "tiny" ? 100 : 2000) +
      ", far fewer steps than the paper's 10^7), not with the paper's N = 10^6 scale.";
  const nlohmann::ordered_json doc = {
      {"lingrok_version", kVersion},
      {"git", kGitDescribe},
      {"command", "protocols"},
      {"options",
       {{"preset", args.options.preset},
        {"steps", args.options.steps},
        {"seeds", args.options.seeds},
        {"cluster_lambda", args.options.cluster_lambda},
        {"d1024", args.options.d1024}}},
      {"paper_table1", args.paper_table1},
      {"paper_figure4", args.paper_figure4},
      {"planting_reasons", reasons},
      {"epsilons", plan.detection.epsilons},
      {"zeta_min", plan.detection.zeta_min},
      {"kappa", plan.kappa},
      {"attribution_rule",
       "'=' within a factor 3, '~' within a factor 10, '<='/'>=' as printed; a Table 1 zeta "
       "printed with '=' on the same side of zeta_min; all of T_tr, T_te, zeta"},
      {"d1024_note", d1024_note},
      {"runs", runs_json},
      {"attribution", to_json(attribution)},
      {"rounding", to_json(rounding)},
      {"figure4", figure_json}};

  std::string md = "# Protocol attribution (`lingrok protocols`, preset " + args.options.preset +
                   ", " + std::to_string(runs.size()) + " runs)\n\n";
  md += "Planting variants tried, and why the paper's text admits each:\n\n";
  for (const auto& [planting, why] : planting_reasons())
    md += "- `" + planting + "`: " + why + "\n";
  md +=
      "\nA reading is one run under one Definition 3.4 variant (first/settle x relative/"
      "absolute) at one eps in {0, 1e-3, 1e-2}; a protocol is a run's choices without its "
      "seed. " +
      doc["attribution_rule"].get<std::string>() + ". " + d1024_note + "\n\n";
  md += attribution_markdown(attribution, table1, figure4_paper);
  if (rounding.any()) {
    md += '\n';  // appended: "\n" + string trips GCC 12's -Wrestrict false positive (bug 105329)
    md += rounding_spread_markdown(rounding);
  }
  if (!figure_json.empty()) {
    md += "\n## Figure 4 (figure4." + args.format + ")\n\n";
    for (const auto& f : figure_json) {
      md += "- " + f["configuration"].get<std::string>() + ": best " +
            f["best"].get<std::string>() + ", default " + f["default"].get<std::string>() + "\n";
    }
  }

  // The JSON, the tables and the figure are one set (docs/DEVELOPING.md#output-sets): a kill or
  // a gnuplot failure leaves the earlier complete set, and a figure of an earlier run (another
  // --format, or one drawn before --no-figure) does not survive beside the new JSON.
  OutputSet out_set(args.out, [](const std::string& file) {
    return file == "protocols.json" || file == "attribution.md" || file.starts_with("figure4.") ||
           file.starts_with("figure4_");
  });
  write_text_atomically(out_set.path("protocols.json"), doc.dump(2) + "\n");
  write_text_atomically(out_set.path("attribution.md"), md);
  if (!args.no_figure && !figure_rows.empty()) {
    render_figure(figure4(figure_rows), out_set.staging_dir(), plot_options);
  }
  out_set.commit();
  const std::filesystem::path out = out_set.target();
  report << md << "\nlingrok protocols: " << runs.size() << " runs in " << std::lround(seconds)
         << " s on " << args.jobs << " threads -> " << out.string() << "\n";
}

}  // namespace lingrok
