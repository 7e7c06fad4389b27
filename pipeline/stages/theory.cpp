// The theory stage (`lingrok theory`): everything docs/theory.md predicts from a training set and
// η (theory/theory.hpp), written to OUT/theory.json, one {"value", "digits"} object per quantity.
#include "pipeline/stages/theory.hpp"

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <tuple>

#include "core/atomic_file.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/strict_json.hpp"
#include "data/csv.hpp"
#include "data/loss/parse_loss.hpp"
#include "results/run_layout.hpp"
#include "results/theory_json.hpp"
#include "theory/theory.hpp"
#include "theory/theory_summary.hpp"

namespace lingrok::stages {

namespace {

// --eta as the exact decimal the user wrote (core/decimal.hpp); finite and > 0.
Real50 parse_eta(const std::string& text) {
  const std::optional<Real50> eta = parse_decimal(text);
  if (!eta)
    throw InputError("--eta " + text + " is not a number; give the step size, e.g. --eta 0.01");
  const double x = eta->convert_to<double>();
  if (!std::isfinite(x) || !(x > 0)) {
    throw InputError("--eta " + text +
                     " must be finite and > 0; give the step size, e.g. --eta 0.01");
  }
  return *eta;
}

}  // namespace

void run_theory(const TheoryRequest& args, std::ostream& log) {
  TheoryOptions o;
  o.eta = parse_eta(args.eta);
  std::tie(o.loss, o.reduction) = parse_loss_and_reduction(args.loss, args.reduction, "");
  o.kappa = args.kappa;
  if (!args.epsilons.empty()) o.epsilons = args.epsilons;
  o.support_tol = args.support_tol;

  const std::filesystem::path data_path(args.data);
  // γ, α and the box from the generator's data.json, unless given on the command line.
  if (std::filesystem::is_directory(data_path) &&
      std::filesystem::exists(data_path / kDataSummaryFile)) {
    const auto summary = read_json_file((data_path / kDataSummaryFile).string());
    auto number = [&](const char* key) -> std::optional<double> {
      if (summary.contains(key) && summary[key].is_number()) return summary[key].get<double>();
      return std::nullopt;
    };
    o.gamma = number("gamma");
    o.alpha = number("alpha");
    if (auto b = number("box")) o.box = *b;
  }
  if (args.gamma) o.gamma = args.gamma;
  if (args.alpha) o.alpha = args.alpha;
  if (args.box) o.box = *args.box;
  o.validate();  // before the (possibly long) data load

  // Only the training set matters here (the test sets of a d = 1024 directory are gigabytes).
  const Dataset train = std::filesystem::is_directory(data_path) ? read_csv(data_path / kTrainFile)
                                                                 : load_data(data_path).train;
  // Progress on stderr for large sets, where the theory takes close to a minute.
  if (static_cast<double>(train.size()) * train.dim() >= 1e7) {
    log << "lingrok theory: N = " << train.size() << ", d = " << train.dim()
        << ": a large set (the theory takes close to a minute at N = 10^6), so each "
           "stage is reported as it ends"
        << std::endl;
    o.on_stage_done = [&log](const std::string& stage, double seconds) {
      log << "lingrok theory: " << stage << " done in " << std::fixed << std::setprecision(1)
          << seconds << " s" << std::defaultfloat << std::endl;
    };
  }
  const TheoryResult result = compute_theory(train, o);
  nlohmann::json j = to_json(result);
  j["data_source"] = data_path.string();
  if (!o.gamma || !o.alpha)
    j["grokking"]["note"] =
        "gamma and alpha unknown (no data.json with them): pass --gamma and --alpha";
  // Only now, as one set (docs/DEVELOPING.md#output-sets): bad input leaves nothing behind,
  // and the run directory's other stages' files are kept.
  const RunLayout layout(args.out);
  const std::string name = layout.theory_json().filename().string();
  OutputSet out_set(args.out, [name](const std::string& file) { return file == name; });
  write_text_atomically(out_set.path(name), j.dump(2) + "\n");
  out_set.commit();
  const auto path = layout.theory_json();
  log << "lingrok theory: " << data_path.string() << " -> " << path.string() << "\n"
      << summary(result);
  if (!o.gamma || !o.alpha)
    log << "(gamma/alpha unknown: pass --gamma and --alpha for the grokking predictions)\n";
}

}  // namespace lingrok::stages
