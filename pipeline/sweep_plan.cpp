// The sweep plan (`lingrok sweep --config FILE --out DIR`): observed test-grokking time against the
// predictions of Theorem 4.6 (docs/theory.md#grokking-time) over a sweep of support-vector
// imbalance — the data of the bound-versus-observed figure (docs/outputs.md#figures).
//
// Every sweep point is one data set D(n+, n-) with S(k+, k-): for each family, each k- of the
// list and each seed, it runs generate → theory → simulate as child processes of this binary
// (`jobs` at a time, pipeline/child_process.hpp: each point's working directory is the sweep's)
// into DIR/runs/<family>/k<k->_seed<seed>/ with the commands' output in log.txt. The families are
// those of `lingrok reproduce`:
//   literal: γ = 1e-3, η = 1e-2, reduction sum (the paper's setting; ηβ ≈ 50, GD oscillates);
//   stable:  γ = 0.05, η = 1/β (Theorem 4.1's premise; the late-time regime is reached).
// GD runs on the concentrated test set with the theory's geometry (so ||ρ|| is logged).
//
// Outputs, one set committed when the sweep ends (docs/DEVELOPING.md#output-sets):
//   DIR/sweep.csv    one row per point and ε, columns of SweepColumns (plots/run_figures.hpp):
//     family, seed, k_minus, delta, abs_log_delta, epsilon,
//     T_te_first, T_te_settle             observed on P_conc, relative to the run's sup
//                                         (simulate's first_sup / settle_sup); nan: not reached
//                                         (a settle at the run's last step counts as not reached)
//     bound_lower_Blim, bound_upper_Blim  exp(∓γB/2 + |log δ|/ℓ(ε)), ℓ(ε) = 1 + 2ε(2α-1),
//                                         B = ||w̃||                   (theory.json)
//     bound_lower_Bobs, bound_upper_Bobs  the same with B = sup ||ρ(t)|| over the GD log
//     estimate_small_gamma                exp(|log δ|/ℓ(ε))              (theory.json)
//     estimate_refined                    |b∞| / ||ŵ log T + w̃|| = (γ/2) ℓ(ε) (theory.json)
//   with 17 significant digits; identical configuration ⇒ identical file (no wall times).
//   DIR/sweep.json   version, configuration, seeds, families, per-point status, η, ηβ, δ, B_lim,
//                    B_obs and wall time, the total wall time.
//   DIR/figures/bound_vs_observed.png (and its .gp and CSVs), drawn from sweep.csv at the
//                    smallest ε; `lingrok plot --sweep DIR --epsilon E` draws another ε.
//
// The configuration's `sweep` section (unknown keys are errors; defaults in brackets):
//   k_plus    planted positive support vectors                              [350]
//   k_minus   list of planted negative support vectors        [[350, 200, 100, 50, 20, 10]]
//   families  list of "literal" | "stable"                               [["literal", "stable"]]
//   seeds     list of data seeds                                     [[the top-level seed, or 1]]
//   steps     GD steps: a number, or {"literal": N, "stable": M}                        [1e6]
//   epsilon   list of ε in (0, 1)                                         [[0.001, 0.01, 0.05]]
//   jobs      points run at a time                                                        [2]
// An optional `data` section sets the rest of the data (d, n_plus, n_minus, box, alpha, test
// sizes); k_plus, k_minus and gamma come from the sweep and its families.
#include "pipeline/sweep_plan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "core/output_set.hpp"
#include "core/strict_json.hpp"
#include "core/version.hpp"
#include "data/data_config.hpp"
#include "pipeline/child_process.hpp"
#include "pipeline/job_pool.hpp"
#include "pipeline/run_directory.hpp"
#include "pipeline/run_stage.hpp"
#include "plots/run_figures.hpp"
#include "proofs_check/run_artifacts.hpp"
#include "results/measured.hpp"
#include "results/run_layout.hpp"
#include "results/theory_record.hpp"

namespace lingrok {

namespace {

using SweepArgs = SweepRequest;

struct Family {
  std::string name;
  double gamma;
  nlohmann::json eta;  // 0.01 or "stable"
};

const std::vector<Family>& known_families() {
  static const std::vector<Family> families{{"literal", 1e-3, 0.01}, {"stable", 0.05, "stable"}};
  return families;
}

struct SweepConfig {
  long long k_plus = 350;
  std::vector<long long> k_minus{350, 200, 100, 50, 20, 10};
  std::vector<Family> families = known_families();
  std::vector<std::uint64_t> seeds{1};
  std::map<std::string, long long> steps;  // per family
  std::vector<double> epsilon{1e-3, 1e-2, 5e-2};
  int jobs = 2;
  nlohmann::json data = nlohmann::json::object();  // the base data section
};

struct SweepPoint {
  Family family;
  long long k_minus;
  std::uint64_t seed;
  long long steps;
  std::filesystem::path dir;
  nlohmann::json config;  // DIR/config.json: data and gd of this point
};

// One row of sweep.csv.
struct SweepRow {
  std::string family;
  std::uint64_t seed;
  long long k_minus;
  double delta, abs_log_delta, epsilon, T_te_first, T_te_settle;
  double lower_Blim, upper_Blim, lower_Bobs, upper_Bobs, small_gamma, refined;
};

struct PointResult {
  std::string failed_step;  // "": all steps succeeded
  double wall_s = 0;
  nlohmann::ordered_json info = nlohmann::ordered_json::object();
  std::vector<SweepRow> rows;
};

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

std::string number_text(double x) { return format_number(x); }

// ---- configuration ----------------------------------------------------------------------

const nlohmann::json& nonempty_array(const nlohmann::json* v, const std::string& where,
                                     const std::string& example) {
  if (!v->is_array()) throw InputError(where + ": expected a list, e.g. " + example);
  if (v->empty()) throw InputError(where + " is empty; give at least one value, e.g. " + example);
  return *v;
}

template <class T>
void reject_duplicates(const std::vector<T>& values, const std::string& where) {
  std::set<T> seen;
  for (const auto& v : values) {
    if (!seen.insert(v).second) {
      std::ostringstream s;
      s << v;
      throw InputError(where + " lists " + s.str() + " twice; give each value once");
    }
  }
}

long long integer_value(const nlohmann::json& v, const std::string& where) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    const double x = v.get<double>();
    if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9.0e18) {
      return static_cast<long long>(x);
    }
  }
  throw InputError(where + ": expected an integer, found " + v.dump());
}

long long positive_steps(const nlohmann::json& v, const std::string& where) {
  const long long n = integer_value(v, where);
  if (n < 1) {
    throw InputError(where + " = " + std::to_string(n) +
                     " must be at least 1; give the number of GD steps, e.g. 1e6");
  }
  return n;
}

SweepConfig parse_sweep_config(const nlohmann::json& config, const std::string& file) {
  for (const char* other : {"gd", "theory", "flow", "pgd", "checks", "plots"}) {
    if (config.contains(other)) {
      throw InputError(file + ": a sweep configuration takes no \"" + std::string(other) +
                       "\" section (the families set η and γ, sweep.steps the GD steps); remove "
                       "it");
    }
  }
  if (!config.contains("sweep")) {
    throw InputError(file + ": no \"sweep\" section; see configs/sweep.json for an example");
  }
  SweepConfig c;
  const std::string w = file + ": sweep";
  StrictSection s(config.at("sweep"), w);

  if (config.contains("data")) {
    if (!config.at("data").is_object()) throw InputError(file + ": data: expected a JSON object");
    c.data = config.at("data");
    for (const char* owned : {"k_plus", "k_minus", "gamma"}) {
      if (c.data.contains(owned)) {
        throw InputError(file + ": data." + owned +
                         " is set by the sweep (sweep.k_plus, sweep.k_minus, and γ by the "
                         "family); remove it from the data section");
      }
    }
  }
  // Malformed counts are left to the data section's own reader (plan_points).
  auto count = [&](const char* key) {
    const auto it = c.data.find(key);
    return it != c.data.end() && it->is_number_integer() ? it->get<long long>() : 1000LL;
  };
  const long long n_plus = count("n_plus");
  const long long n_minus = count("n_minus");

  c.k_plus = s.get_int("k_plus", c.k_plus);
  if (c.k_plus < 0 || c.k_plus > n_plus) {
    throw InputError(w + ".k_plus = " + std::to_string(c.k_plus) + " is outside [0, n_plus = " +
                     std::to_string(n_plus) + "]; lower it or raise data.n_plus");
  }
  if (const auto* v = s.get_raw("k_minus")) {
    c.k_minus.clear();
    for (const auto& k : nonempty_array(v, w + ".k_minus", "[350, 50, 10]")) {
      c.k_minus.push_back(integer_value(k, w + ".k_minus"));
    }
  }
  for (const long long k : c.k_minus) {
    if (k < 0 || k > n_minus) {
      throw InputError(w + ".k_minus = " + std::to_string(k) +
                       " is outside [0, n_minus = " + std::to_string(n_minus) +
                       "]; use values up to " + std::to_string(n_minus) + " or raise data.n_minus");
    }
  }
  reject_duplicates(c.k_minus, w + ".k_minus");

  if (const auto* v = s.get_raw("families")) {
    c.families.clear();
    std::vector<std::string> names;
    for (const auto& f : nonempty_array(v, w + ".families", "[\"literal\", \"stable\"]")) {
      if (!f.is_string()) throw InputError(w + ".families: expected names, found " + f.dump());
      const std::string name = f.get<std::string>();
      const auto& known = known_families();
      const auto it =
          std::find_if(known.begin(), known.end(), [&](const Family& k) { return k.name == name; });
      if (it == known.end()) {
        throw InputError(w + ".families: unknown family \"" + name +
                         "\"; use \"literal\" (γ = 1e-3, η = 0.01) and/or \"stable\" (γ = 0.05, "
                         "η = 1/β)");
      }
      c.families.push_back(*it);
      names.push_back(name);
    }
    reject_duplicates(names, w + ".families");
  }

  const bool top_seed = config.contains("seed");
  if (const auto* v = s.get_raw("seeds")) {
    if (top_seed) {
      throw InputError(file + ": both \"seed\" and sweep.seeds are given; keep sweep.seeds only");
    }
    c.seeds.clear();
    for (const auto& x : nonempty_array(v, w + ".seeds", "[1, 2, 3]")) {
      if (!x.is_number_unsigned()) {
        throw InputError(w + ".seeds: expected non-negative integers, found " + x.dump());
      }
      c.seeds.push_back(x.get<std::uint64_t>());
    }
    reject_duplicates(c.seeds, w + ".seeds");
  } else if (top_seed) {
    if (!config.at("seed").is_number_unsigned()) {
      throw InputError(file + ": seed: expected a non-negative integer");
    }
    c.seeds = {config.at("seed").get<std::uint64_t>()};
  }

  long long default_steps = 1000000;
  std::map<std::string, long long> per_family;
  if (const auto* v = s.get_raw("steps")) {
    if (v->is_object()) {
      StrictSection st(*v, w + ".steps");
      for (const auto& f : known_families()) {
        if (const auto* n = st.get_raw(f.name)) {
          per_family[f.name] = positive_steps(*n, w + ".steps." + f.name);
        }
      }
      st.reject_unknown_keys();
      for (const auto& f : c.families) {
        if (!per_family.count(f.name)) {
          throw InputError(w + ".steps has no entry for family \"" + f.name + "\"; add \"" +
                           f.name + "\": N or give one number for all families");
        }
      }
    } else {
      default_steps = positive_steps(*v, w + ".steps");
    }
  }
  for (const auto& f : c.families) {
    c.steps[f.name] = per_family.count(f.name) ? per_family[f.name] : default_steps;
  }

  if (const auto* v = s.get_raw("epsilon")) {
    c.epsilon.clear();
    for (const auto& e : nonempty_array(v, w + ".epsilon", "[0.001, 0.01]")) {
      if (!e.is_number()) throw InputError(w + ".epsilon: expected numbers, found " + e.dump());
      c.epsilon.push_back(e.get<double>());
    }
  }
  for (const double e : c.epsilon) {
    if (!(e > 0 && e < 1)) {
      throw InputError(w + ".epsilon = " + number_text(e) +
                       " is outside (0, 1); use values such as 0.001 or 0.01");
    }
  }
  reject_duplicates(c.epsilon, w + ".epsilon");

  c.jobs = s.get_int32("jobs", c.jobs);
  if (c.jobs < 1) throw InputError(w + ".jobs must be at least 1 (the machine's cores, e.g. 2)");
  s.reject_unknown_keys();
  return c;
}

std::vector<SweepPoint> plan_points(const SweepConfig& c, const nlohmann::json& config,
                                    const std::filesystem::path& out, const std::string& file) {
  std::vector<SweepPoint> points;
  for (const auto& family : c.families) {
    for (const long long k : c.k_minus) {
      for (const std::uint64_t seed : c.seeds) {
        SweepPoint p{family, k, seed, c.steps.at(family.name), {}, {}};
        p.dir = SweepLayout(out).point(family.name, k, seed).dir();
        nlohmann::json data = c.data;
        data["k_plus"] = c.k_plus;
        data["k_minus"] = k;
        data["gamma"] = family.gamma;
        p.config = {
            {"name", family.name + "/k" + std::to_string(k) + "_seed" + std::to_string(seed)},
            {"description",
             "sweep point of " + file + " (" + config.value("name", std::string("sweep")) + ")"},
            {"seed", seed},
            {"data", data},
            {"gd",
             {{"eta", family.eta},
              {"steps", p.steps},
              {"reduction", "sum"},
              {"progress", false},
              {"epsilons", c.epsilon}}}};
        // The data section of every point is valid before anything runs (InputError, exit 2).
        const DataConfig dc = parse_data_config(
            p.config, file + " (sweep point " + p.config["name"].get<std::string>() + ")");
        if (dc.n_test_conc < 1) {
          throw InputError(file +
                           ": data.n_test_conc must be at least 1: the sweep observes "
                           "T_te on the concentrated test set");
        }
        points.push_back(p);
      }
    }
  }
  return points;
}

// ---- one point --------------------------------------------------------------------------

// T_te of simulate's summary: grokking.sets.test_conc.variants.<variant>.rows[ε].T_te.
double observed_T_te(const nlohmann::json& summary, const std::string& variant, double eps) {
  const nlohmann::json::json_pointer ptr("/grokking/sets/test_conc/variants/" + variant + "/rows");
  if (!summary.contains(ptr)) return kNan;
  for (const auto& row : summary.at(ptr)) {
    const double e = row.value("epsilon", kNan);
    if (std::fabs(e - eps) <= 1e-12 * eps && row.contains("T_te") && row.at("T_te").is_number()) {
      return row.at("T_te").get<double>();
    }
  }
  return kNan;
}

std::vector<SweepRow> point_rows(const SweepPoint& point, const std::vector<double>& epsilons,
                                 const TheoryRecord& theory, const nlohmann::json& summary,
                                 double B_obs) {
  const double delta = theory.value_or_nan("delta");
  double abs_log_delta = std::fabs(theory.value_or_nan("b_inf"));  // b∞ = -log δ, 50 digits
  if (!std::isfinite(abs_log_delta)) abs_log_delta = std::fabs(std::log(delta));
  const double gamma = theory.value_or_nan("grokking/gamma");
  const std::vector<GrokkingPrediction> predictions = theory.predictions();
  std::vector<SweepRow> rows;
  for (const double eps : epsilons) {
    SweepRow r{point.family.name,
               point.seed,
               point.k_minus,
               delta,
               abs_log_delta,
               eps,
               observed_T_te(summary, "first_sup", eps),
               observed_T_te(summary, "settle_sup", eps),
               kNan,
               kNan,
               kNan,
               kNan,
               kNan,
               kNan};
    const auto p = std::find_if(predictions.begin(), predictions.end(), [&](const auto& q) {
      return std::fabs(q.epsilon - eps) <= 1e-12 * eps;
    });
    if (p != predictions.end()) {
      r.lower_Blim = p->T_te_lower.steps();
      r.upper_Blim = p->T_te_upper.steps();
      r.small_gamma = p->T_te_small_gamma.steps();
      r.refined = p->T_te_refined.steps();
      const double log_small = p->T_te_small_gamma.log_t;
      const LogTimeBounds with_B_obs = grokking_time_log_bounds(log_small, gamma, B_obs);
      r.lower_Bobs = std::exp(with_B_obs.log_lower);  // NaN without B_obs or γ
      r.upper_Bobs = std::exp(with_B_obs.log_upper);
    }
    rows.push_back(r);
  }
  return rows;
}

// Runs the point in the sweep's staging directory `root`, where the commit finds it. The
// commands run in `root` and name the point's files relative to it (runs/<family>/k.._seed..),
// so the paths they record stay true, and the same, once the sweep is committed; what the
// point reports names point.dir.
PointResult run_point(const std::string& exe, const SweepPoint& point,
                      const std::vector<double>& epsilons, const std::filesystem::path& root) {
  const auto start = std::chrono::steady_clock::now();
  PointResult result;
  const RunLayout rel = SweepLayout("").point(point.family.name, point.k_minus, point.seed);
  const std::filesystem::path abs_root = std::filesystem::absolute(root);  // the log's path
  const RunLayout files(abs_root / rel.dir());
  const std::filesystem::path log = prepare_run_directory(files.dir(), point.config);
  const auto q = [](const std::filesystem::path& p) { return shell_quote(p.string()); };
  const std::string data = q(rel.data_dir());
  const std::string d = q(rel.dir());
  const std::string cfg = q(rel.config_json());
  const std::string cd = "cd " + q(abs_root) + " && ";
  std::string eps_args;
  for (const double e : epsilons) eps_args += " --epsilon " + number_text(e);

  auto step = [&](const std::string& name, const std::string& command) {
    if (!result.failed_step.empty()) return;
    if (!run_logged(cd + command, log)) result.failed_step = name;
  };
  step("generate", exe + " generate --config " + cfg + " --out " + data);
  // The stable family's η = 1/β comes from a first theory pass; GD reads β back from theory.json.
  std::string eta = "0.01";
  if (point.family.eta.is_string()) {
    step("theory", exe + " theory --data " + data + " --out " + d);
    if (result.failed_step.empty()) eta = TheoryRecord::read(files.theory_json()).stable_eta_text();
  } else {
    eta = number_text(point.family.eta.get<double>());
  }
  step("theory", exe + " theory --data " + data + " --eta " + eta + eps_args + " --out " + d);
  step("simulate", exe + " simulate --config " + cfg + " --data " + data + " --theory " +
                       q(rel.theory_json()) + " --out " + q(rel.simulate_dir()) + " --quiet");

  auto& info = result.info;
  info["family"] = point.family.name;
  info["k_minus"] = point.k_minus;
  info["seed"] = point.seed;
  info["steps"] = point.steps;
  info["dir"] = point.dir.string();
  info["log"] = RunLayout(point.dir).log_txt().string();
  if (result.failed_step.empty()) {
    try {
      const TheoryRecord theory = TheoryRecord::read(files.theory_json());
      const auto summary = read_json_file(files.gd_summary_json().string());
      const Table trajectory = Table::read(files.trajectory_csv());
      const double B_obs =
          trajectory.has("rho_norm") ? observed_B(trajectory.col("rho_norm")) : kNan;
      result.rows = point_rows(point, epsilons, theory, summary, B_obs);
      // A settle time at the last step only says the run ended above the level: censored.
      const double last = summary.value("steps_done", static_cast<double>(point.steps));
      for (auto& r : result.rows) {
        if (r.T_te_settle >= last) r.T_te_settle = kNan;
      }
      info["eta"] = theory.value_or_nan("eta");
      info["eta_digits"] = theory.digits_or_empty("eta");
      info["eta_beta"] = theory.value_or_nan("eta_beta");
      info["gamma"] = theory.value_or_nan("grokking/gamma");
      info["alpha"] = theory.value_or_nan("grokking/alpha");
      info["delta"] = theory.value_or_nan("delta");
      info["A_plus"] = theory.value_or_nan("A_plus");
      info["A_minus"] = theory.value_or_nan("A_minus");
      info["B_lim"] = theory.value_or_nan("grokking/B_lim");
      info["B_obs"] = B_obs;
      info["complete"] = summary.value("complete", false);
      info["sup_test_conc"] =
          summary.contains(nlohmann::json::json_pointer("/grokking/sets/test_conc/sup_test"))
              ? summary.at(nlohmann::json::json_pointer("/grokking/sets/test_conc/sup_test"))
              : nlohmann::json(nullptr);
      info["period2_fraction"] =
          summary.contains(nlohmann::json::json_pointer("/regime/period2_fraction"))
              ? summary.at(nlohmann::json::json_pointer("/regime/period2_fraction"))
              : nlohmann::json(nullptr);
    } catch (const std::exception& e) {
      result.failed_step = std::string("reading the results (") + e.what() + ")";
      result.rows.clear();
    }
  }
  info["status"] = result.failed_step.empty() ? "ok" : "failed in " + result.failed_step;
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  info["wall_time_s"] = result.wall_s;
  return result;
}

// ---- outputs ----------------------------------------------------------------------------

std::string sweep_csv(const std::vector<PointResult>& results) {
  const SweepColumns c;
  std::ostringstream s;
  s << c.family << ',' << c.seed << ',' << c.k_minus << ',' << c.delta << ',' << c.abs_log_delta
    << ',' << c.epsilon << ',' << c.T_te_first << ',' << c.T_te_settle << ',' << c.bound_lower_Blim
    << ',' << c.bound_upper_Blim << ',' << c.bound_lower_Bobs << ',' << c.bound_upper_Bobs << ','
    << c.estimate_small_gamma << ',' << c.estimate_refined << '\n';
  for (const auto& result : results) {
    for (const auto& r : result.rows) {
      s << r.family << ',' << r.seed << ',' << r.k_minus;
      for (const double v :
           {r.delta, r.abs_log_delta, r.epsilon, r.T_te_first, r.T_te_settle, r.lower_Blim,
            r.upper_Blim, r.lower_Bobs, r.upper_Bobs, r.small_gamma, r.refined}) {
        s << ',' << number_text(v);
      }
      s << '\n';
    }
  }
  return s.str();
}

std::string short_time(double t) {
  if (!std::isfinite(t)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", t);
  return buf;
}

// The smallest ε's rows: observed settle time against the B_lim bounds.
void print_table(std::ostream& out, const std::vector<PointResult>& results, double eps) {
  out << "  T_te on P_conc at eps = " << eps << " (settle; first reach in brackets):\n"
      << "  family   k_minus  seed  |log delta|   T_te settle [first]     B_lim bounds        "
         "refined\n";
  for (const auto& result : results) {
    for (const auto& r : result.rows) {
      if (r.epsilon != eps) continue;
      const bool inside = r.T_te_settle >= r.lower_Blim && r.T_te_settle <= r.upper_Blim;
      std::ostringstream line;
      line << "  " << std::left << std::setw(8) << r.family << std::right << std::setw(8)
           << r.k_minus << std::setw(6) << r.seed << std::setw(13) << std::setprecision(4)
           << r.abs_log_delta << "   " << std::setw(9) << short_time(r.T_te_settle) << " ["
           << std::setw(7) << short_time(r.T_te_first) << "]   [" << std::setw(8)
           << short_time(r.lower_Blim) << ", " << std::setw(8) << short_time(r.upper_Blim) << "]"
           << (std::isfinite(r.T_te_settle) ? (inside ? " in " : " OUT") : "    ") << "  "
           << short_time(r.refined);
      out << line.str() << "\n";
    }
  }
}

}  // namespace

void run_sweep_plan(const SweepRequest& args, std::ostream& progress_out, std::ostream& report) {
  const auto start = std::chrono::steady_clock::now();
  const nlohmann::json config = read_config_file(args.config);
  SweepConfig c = parse_sweep_config(config, args.config);
  if (args.jobs != 0) {
    if (args.jobs < 1) throw InputError("--jobs must be at least 1");
    c.jobs = args.jobs;
  }
  PlotOptions plot_options;
  plot_options.format = parse_image_format(args.format);
  plot_options.gnuplot = args.gnuplot;
  const std::filesystem::path out(args.out);
  const auto points = plan_points(c, config, out, args.config);
  // The whole sweep is one output set (docs/DEVELOPING.md#output-sets), created only now (bad
  // input leaves nothing behind): the points run in the staging directory, and the commit
  // swaps in runs/, sweep.csv, sweep.json and figures/ together, so an interrupted or killed
  // sweep leaves the earlier sweep whole and a point of an earlier sweep never stays beside
  // the new ones.
  const SweepLayout layout(out);
  const std::string csv_name = layout.table_csv().filename().string();
  const std::string json_name = layout.summary_json().filename().string();
  const std::string runs_name = layout.runs_dir().filename().string();
  const std::string figures_name = layout.figures_dir().filename().string();
  OutputSet out_set(out, [&](const std::string& name) {
    return name == csv_name || name == json_name || name == runs_name || name == figures_name;
  });
  const SweepLayout staged(out_set.staging_dir());

  const std::string exe = shell_quote(args.lingrok.empty() ? self_exe() : args.lingrok);
  progress_out << "lingrok sweep: " << points.size() << " points (" << c.families.size()
               << " families x " << c.k_minus.size() << " k_minus x " << c.seeds.size()
               << " seeds), " << c.jobs << " at a time, into " << out.string() << "\n";
  std::vector<PointResult> results(points.size());
  JobProgress progress;
  progress.finished = [&](std::size_t i, std::size_t done) {
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    progress_out << "  [" << done << "/" << points.size() << "] " << points[i].family.name
                 << " k_minus = " << points[i].k_minus << " seed " << points[i].seed << " "
                 << (results[i].failed_step.empty()
                         ? "done"
                         : "FAILED in " + results[i].failed_step + " (see " +
                               RunLayout(points[i].dir).log_txt().string() + ")")
                 << " (" << std::fixed << std::setprecision(0) << s << " s)\n"
                 << std::defaultfloat;
  };
  run_jobs(
      points.size(), c.jobs,
      [&](std::size_t i) { results[i] = run_point(exe, points[i], c.epsilon, staged.dir()); },
      progress);

  const auto csv_path = layout.table_csv();
  write_text_atomically(staged.table_csv(), sweep_csv(results));
  std::size_t rows = 0;
  std::vector<std::string> failed;
  nlohmann::ordered_json point_info = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < results.size(); ++i) {
    rows += results[i].rows.size();
    point_info.push_back(results[i].info);
    if (!results[i].failed_step.empty()) {
      failed.push_back(points[i].family.name + " k_minus = " + std::to_string(points[i].k_minus) +
                       " seed " + std::to_string(points[i].seed));
    }
  }
  report << "lingrok sweep: " << args.config << " -> " << csv_path.string() << " (" << rows
         << " rows)\n";

  nlohmann::ordered_json families = nlohmann::ordered_json::array();
  for (const auto& f : c.families) {
    families.push_back({{"name", f.name},
                        {"gamma", f.gamma},
                        {"eta", f.eta},
                        {"steps", c.steps.at(f.name)},
                        {"reduction", "sum"}});
  }
  // sweep.json is written before the figure (which reads each family's γ, η and steps from it)
  // and again after it, with the figure's path and the total wall time.
  nlohmann::json figure = nullptr;
  std::string figure_note = "being drawn";
  double wall = 0;
  auto write_summary = [&] {
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    nlohmann::ordered_json summary = {
        {"lingrok_version", kVersion},
        {"git", kGitDescribe},
        {"command", "sweep"},
        {"config_file", args.config},
        {"config", config},
        {"k_plus", c.k_plus},
        {"k_minus", c.k_minus},
        {"seeds", c.seeds},
        {"families", families},
        {"epsilon", c.epsilon},
        {"jobs", c.jobs},
        {"observed",
         "T_te on the concentrated test set relative to the run's sup: first reach (the paper's "
         "definition) and settle (stays at or above the level to the end); nan: not reached "
         "within the steps (a settle at the last step counts as not reached)"},
        {"csv", csv_path.string()},
        {"rows", rows},
        {"figure", figure},
        {"figure_note", figure_note},
        {"points_failed", failed.size()},
        {"points", point_info},
        {"wall_time_s", wall}};
    write_text_atomically(staged.summary_json(), summary.dump(2) + "\n");
  };
  write_summary();

  if (args.no_figure) {
    figure_note = "not drawn (--no-figure); draw it with lingrok plot --sweep " + out.string();
  } else if (rows == 0) {
    figure_note = "not drawn: the sweep has no rows";
  } else {
    try {
      const auto image = draw_sweep_figure(staged.dir(), plot_options);
      figure = (layout.figures_dir() / image.filename()).string();
      figure_note = "";
      report << "  wrote " << figure.get<std::string>() << "\n";
    } catch (const InputError& e) {
      figure_note = std::string("not drawn: ") + e.what() + "; draw it later with lingrok plot " +
                    "--sweep " + out.string();
      report << "  figure " << figure_note << "\n";
    }
  }

  write_summary();
  out_set.commit();
  if (rows > 0) print_table(report, results, *std::min_element(c.epsilon.begin(), c.epsilon.end()));
  report << "  " << points.size() - failed.size() << " of " << points.size() << " points done in "
         << std::fixed << std::setprecision(0) << wall << " s\n";
  if (!failed.empty()) {
    std::string list;
    for (const auto& f : failed) list += (list.empty() ? "" : "; ") + f;
    throw NumericalError(std::to_string(failed.size()) + " of " + std::to_string(points.size()) +
                         " sweep points failed (" + list + "); their log.txt and " +
                         SweepLayout(out).summary_json().string() + " say where");
  }
}

}  // namespace lingrok
