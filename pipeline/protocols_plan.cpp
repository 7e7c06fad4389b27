// The `protocols` plan: the grid, its runs on the job pool, one ProtocolOutcome each
// (protocols_plan.hpp, docs/checks.md#protocol-attribution).
#include "pipeline/protocols_plan.hpp"

#include <map>
#include <mutex>

#include "core/error.hpp"
#include "data/sampling/cluster_planting.hpp"
#include "data/sampling/paper_samplers.hpp"
#include "numerics/gd/simulate_stage.hpp"
#include "pipeline/family.hpp"
#include "pipeline/job_pool.hpp"
#include "results/reference_geometry.hpp"
#include "results/theory_json.hpp"
#include "results/theory_record.hpp"
#include "theory/theory.hpp"

namespace lingrok {

namespace {

struct DataSet {
  std::string name;
  long long n_plus, n_minus, k_plus, k_minus;
};

std::string data_name(long long np, long long nm, long long kp, long long km) {
  // Built by appending: `"D" + std::to_string(...)` trips GCC 12's -Wrestrict false
  // positive (GCC bug 105329).
  std::string s = "D";
  s += std::to_string(np);
  s += '_';
  s += std::to_string(nm);
  if (kp + km > 0) {
    s += "_S";
    s += std::to_string(kp);
    s += '_';
    s += std::to_string(km);
  }
  return s;
}

ProtocolChoice make_choice(const std::string& planting, const DataSet& set,
                           const std::string& family, Reduction reduction,
                           const std::string& rounding, std::uint64_t seed, long long steps,
                           const DetectionOptions& detection) {
  ProtocolChoice c;
  c.planting = planting;
  c.data_name = set.name;
  c.family = family;
  c.rounding = rounding;
  c.data.n_plus = set.n_plus;
  c.data.n_minus = set.n_minus;
  c.data.k_plus = planting == "none" ? 0 : set.k_plus;
  c.data.k_minus = planting == "none" ? 0 : set.k_minus;
  c.data.plant = planting == "none" ? Planting::none : Planting::margin;
  c.data.gamma = family_gamma(family);
  c.data.seed = seed;
  c.gd.eta_stable = family_eta_is_stable(family);
  c.gd.eta = 1e-2;
  c.gd.steps = steps;
  c.gd.reduction = reduction;
  c.gd.shortcuts = rounding != "plain";
  c.gd.slices = rounding == "slices2" ? 2 : 0;
  c.gd.progress = false;
  c.gd.detection = detection;
  return c;
}

// The choices of one (planting, data set, seed) for d = 2, on every seed: the literal family
// (chaotic at ηβ ≈ 50: the seeds give its spread, and its rounding variant "slices2" the
// spread from rounding alone), the stable and paper-stable families and the mean reduction.
// The rounding variant sums the gradient in two slices added at the end (GdOptions::slices): the
// same arithmetic grouped differently, at the fast path's speed. Reordering the points is no
// variant (the engine's sums do not depend on their order: every (w, b) bit stays), and plain
// double, which also rounds differently, took 9 s per 10^5 literal steps here (15 min a run).
void add_d2(std::vector<ProtocolChoice>& runs, const std::string& planting, const DataSet& set,
            std::uint64_t seed, long long steps, const std::string& preset,
            const DetectionOptions& detection) {
  const std::size_t first = runs.size();
  runs.push_back(
      make_choice(planting, set, "literal", Reduction::sum, "shortcuts", seed, steps, detection));
  runs.push_back(
      make_choice(planting, set, "literal", Reduction::sum, "slices2", seed, steps, detection));
  if (preset != "tiny") {
    runs.push_back(
        make_choice(planting, set, "stable", Reduction::sum, "shortcuts", seed, steps, detection));
    if (planting != "cluster") {
      runs.push_back(make_choice(planting, set, "paper-stable", Reduction::sum, "shortcuts", seed,
                                 steps, detection));
    }
    if (planting == "margin") {
      runs.push_back(make_choice(planting, set, "literal", Reduction::mean, "shortcuts", seed,
                                 steps, detection));
    }
  }
  // The theory (for r, hence t1) on the γ = 1e-3 sets: the stable family's t1 is near 1e20
  // steps, far beyond the run.
  for (std::size_t i = first; i < runs.size(); ++i)
    runs[i].with_theory = runs[i].family != "stable";
}

}  // namespace

std::string ProtocolChoice::id() const {
  return planting + "/" + data_name + "/" + family + "/" + to_string(gd.reduction) + "/seed" +
         std::to_string(data.seed) + "/" + rounding;
}

std::string ProtocolChoice::group() const {
  return planting + "/" + data_name + "/" + family + "/" + to_string(gd.reduction) + "/" + rounding;
}

std::string ProtocolChoice::imbalance() const {
  const long long plus = planting == "none" ? data.n_plus : data.k_plus;
  const long long minus = planting == "none" ? data.n_minus : data.k_minus;
  return plus == minus ? "balanced" : (plus > minus ? "positive" : "negative");
}

std::string ProtocolChoice::data_key() const {
  return planting + "/" + data_name + "/d" + std::to_string(data.d) + "/gamma" +
         std::to_string(data.gamma) + "/seed" + std::to_string(data.seed);
}

void ProtocolsOptions::validate() const {
  if (preset != "default" && preset != "tiny") {
    throw InputError("--preset " + preset + " is not a preset; use default or tiny");
  }
  if (steps < 0) throw InputError("--steps must be at least 1 (0: the preset's)");
  if (!(cluster_lambda > 0 && cluster_lambda <= 1)) {
    throw InputError("--cluster-lambda must be in (0, 1]");
  }
}

std::vector<std::pair<std::string, std::string>> planting_reasons() {
  return {{"margin",
           "the paper's S(k+,k-) are support vectors, so they lie on the margin hyperplanes "
           "p = +-gamma/2; lingrok spreads them over the part of each inside the box"},
          {"none",
           "the paper's generator as printed (draw in the box, label by p, reject |p| < gamma/2) "
           "plants nothing; its support vectors are whichever points come closest"},
          {"cluster",
           "the paper puts the k+- points on the margin hyperplanes without saying where on "
           "them; gathered near one spot (within lambda of the slice around its centre) is as "
           "consistent with its text as spread out"}};
}

ProtocolsPlan make_protocols_plan(const ProtocolsOptions& options) {
  options.validate();
  ProtocolsPlan plan;
  plan.options = options;
  plan.detection.epsilons = {0.0, 1e-3, 1e-2};
  plan.detection.zeta_min = 100;
  const bool tiny = options.preset == "tiny";
  const long long steps = options.steps > 0 ? options.steps : (tiny ? 2000 : 10000000);
  std::vector<std::uint64_t> seeds = options.seeds;
  if (seeds.empty())
    seeds = tiny ? std::vector<std::uint64_t>{1} : std::vector<std::uint64_t>{1, 2, 3};

  // The paper's sets (Section 5): S(k+,k-) in D(1000,1000), and D(1500,500) with S(350,50).
  std::vector<DataSet> planted, unplanted;
  if (tiny) {  // a tenth of the sizes: the theory and GD take milliseconds
    planted = {{"", 100, 100, 35, 35}, {"", 100, 100, 35, 5}, {"", 100, 100, 5, 35}};
    unplanted = {{"", 100, 100, 0, 0}};
  } else {
    planted = {{"", 1000, 1000, 350, 350},
               {"", 1000, 1000, 350, 50},
               {"", 1000, 1000, 350, 10},
               {"", 1000, 1000, 50, 350},
               {"", 1500, 500, 350, 50}};
    unplanted = {{"", 1000, 1000, 0, 0}, {"", 1500, 500, 0, 0}};
  }
  for (auto* sets : {&planted, &unplanted}) {
    for (auto& s : *sets) s.name = data_name(s.n_plus, s.n_minus, s.k_plus, s.k_minus);
  }
  for (std::size_t si = 0; si < seeds.size(); ++si) {
    for (const char* planting : {"margin", "cluster"}) {
      for (const auto& set : planted) {
        add_d2(plan.runs, planting, set, seeds[si], steps, options.preset, plan.detection);
      }
    }
    for (const auto& set : unplanted) {
      add_d2(plan.runs, "none", set, seeds[si], steps, options.preset, plan.detection);
    }
  }
  if (options.d1024) {
    // The paper's d = 1024 set is D(500000,500000) with S(350,50), 10^7 steps; reduced here.
    const DataSet set = tiny ? DataSet{"", 50, 50, 20, 5} : DataSet{"", 1000, 1000, 350, 50};
    const long long steps_1024 = tiny ? 100 : 20000;
    for (const char* planting : {"margin", "none", "cluster"}) {
      DataSet named = set;
      // "_d1024": the reduced set has the sizes of a d = 2 set, and ids must differ by d.
      named.name =
          data_name(set.n_plus, set.n_minus, std::string(planting) == "none" ? 0 : set.k_plus,
                    std::string(planting) == "none" ? 0 : set.k_minus) +
          "_d1024";
      ProtocolChoice c = make_choice(planting, named, "literal", Reduction::sum, "shortcuts",
                                     seeds.front(), steps_1024, plan.detection);
      c.data.d = 1024;
      if (tiny) c.data.n_test_standard = c.data.n_test_conc = 50;
      c.reduced = true;
      plan.runs.push_back(c);
    }
  }
  if (tiny) {
    for (auto& c : plan.runs) {
      if (c.data.d == 2) c.data.n_test_standard = c.data.n_test_conc = 100;
    }
  }
  for (auto& c : plan.runs) {
    c.data.box = 5.0;
    validate(c.data);
  }
  return plan;
}

namespace {

struct SharedData {
  DataBundle data;
  ReferenceGeometry geometry;
  bool has_geometry = false;
  double theory_beta = std::numeric_limits<double>::quiet_NaN();
};

SharedData prepare_data(const ProtocolChoice& c, double cluster_lambda) {
  SharedData s;
  s.data = generate_data(c.data);
  if (c.planting == "cluster") {
    cluster_planted_points(s.data.train, planting_grid(c.data).c(), cluster_lambda);
  }
  // The theory gives the support set S that r(t), hence the measured t1, needs, and β. At
  // d = 1024 the reduced set's max-margin bias is not 0 (no late-time limit) and r is not needed.
  if (c.data.d <= 16 && c.with_theory) {
    TheoryOptions o;
    o.eta = Real50("0.01");
    o.gamma = c.data.gamma;
    o.alpha = c.data.alpha;
    o.box = c.data.box;
    const TheoryRecord theory(to_json(compute_theory(s.data.train, o)), "protocols theory");
    if (theory.assumption_3_1_holds()) {
      s.geometry =
          reference_geometry(theory, s.data.train.dim(), s.data.train.size(), &s.theory_beta);
      s.has_geometry = true;
    }
  }
  return s;
}

}  // namespace

std::vector<ProtocolRun> run_protocols_plan(
    const ProtocolsPlan& plan, int jobs,
    const std::function<void(std::size_t, const ProtocolRun&)>& done) {
  // One job per data set: its data and theory once, then its runs in plan order.
  std::vector<std::string> keys;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < plan.runs.size(); ++i) {
    const std::string key = plan.runs[i].data_key();
    if (!members.count(key)) keys.push_back(key);
    members[key].push_back(i);
  }
  std::vector<ProtocolRun> out(plan.runs.size());
  std::mutex done_mutex;
  run_jobs(keys.size(), jobs, [&](std::size_t k) {
    const auto& indices = members.at(keys[k]);
    const SharedData shared = prepare_data(plan.runs[indices.front()], plan.options.cluster_lambda);
    for (const std::size_t i : indices) {
      const ProtocolChoice& c = plan.runs[i];
      const StepSize step = resolve_step_size(c.gd, shared.data.train, shared.theory_beta);
      SimulationSetup setup;
      setup.data = &shared.data;
      setup.geometry = shared.has_geometry ? &shared.geometry : nullptr;
      setup.config = c.gd;
      setup.eta = step.eta;
      setup.seed = c.data.seed;
      SimulateStageResult stage = run_simulate_stage(setup, step);
      ProtocolRun& run = out[i];
      run.choice = c;
      run.trajectory = std::move(stage.result.trajectory);
      ProtocolOutcome& o = run.outcome;
      o.id = c.id();
      o.group = c.group();
      o.choices = {{"planting", c.planting}, {"data", c.data_name},
                   {"family", c.family},     {"reduction", to_string(c.gd.reduction)},
                   {"seed", c.data.seed},    {"rounding", c.rounding}};
      o.d = c.data.d;
      o.imbalance = c.imbalance();
      o.reduced = c.reduced;
      o.steps = c.gd.steps;
      o.eta = step.eta;
      o.eta_beta = step.eta * step.beta;
      measure_protocol_outcome(o, run.trajectory, plan.detection, plan.kappa);
      if (done) {
        const std::lock_guard<std::mutex> lock(done_mutex);
        done(i, run);
      }
    }
  });
  return out;
}

}  // namespace lingrok
