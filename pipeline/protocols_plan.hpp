// The `protocols` plan (docs/checks.md#protocol-attribution): a grid over the choices the paper
// leaves open, run in-process on a job pool, each run reduced to a ProtocolOutcome that
// proofs_check/protocol_attribution.hpp sets beside the paper's Table 1 and Figure 4.
//
// Axes (the default preset; `tiny` is a seconds-long version for tests):
//   planting   margin | none | cluster (data/sampling/cluster_planting.hpp), each with the
//              reason it is admissible (planting_reasons());
//   data       the paper's S(k+,k-) sets in D(1000,1000): S(350,350), S(350,50), S(350,10),
//              S(50,350); and D(1500,500) with S(350,50); unplanted: D(1000,1000), D(1500,500);
//   seeds      1, 2, 3 (the data's seed; GD itself is deterministic): every run at d = 2;
//   family     literal (γ = 1e-3, η = 1e-2); stable (γ = 0.05, η = 1/β); for margin and none,
//              paper-stable (γ = 1e-3, η = 1/β);
//   reduction  sum; on the margin sets also mean with the literal η (the paper's "loss" read as
//              an average; with η = 1/β the mean is the sum's trajectory rescaled, so it is no
//              new protocol);
//   rounding   the fast path ("shortcuts"), and for the literal sum runs also "slices2": the
//              gradient summed in two slices (GdOptions::slices), the same arithmetic rounded
//              differently; plain double ("plain", accepted, in no preset) costs 15 min and more
//              per 10^7-step run here;
//   d = 1024   reduced: D(1000,1000) with S(350,50) (the paper's N = 10^6 set's planting), 2·10^4
//              steps, literal, each planting, the first seed.
// The theory (the support set S, for r and the measured t1, t2) is computed for every seed's
// γ = 1e-3 sets.
// The four Definition 3.4 variants and ε ∈ {0, 1e-3, 1e-2} are readings of each run.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "data/data_config.hpp"
#include "numerics/gd/simulation.hpp"
#include "proofs_check/protocol_outcome.hpp"

namespace lingrok {

struct ProtocolChoice {
  std::string planting;   // "margin" | "none" | "cluster"
  std::string data_name;  // "D1000_1000_S350_10", "D1500_500"
  std::string family;     // "literal" | "paper-stable" | "stable"
  std::string rounding;   // "shortcuts" (the fast path) | "slices2" | "plain" (not in a preset)
  DataConfig data;        // seed and γ included; plant = margin for cluster (moved afterwards)
  GdConfig gd;
  bool reduced = false;     // a reduced-scale stand-in for the paper's run
  bool with_theory = true;  // compute the theory (S for r and t1); false: t1, t2 not measured

  std::string id() const;     // planting/data/family/reduction/seedN/rounding
  std::string group() const;  // the id without the seed
  std::string imbalance() const;
  // Runs with the same data_key() share their data set and theory.
  std::string data_key() const;
};

struct ProtocolsOptions {
  std::string preset = "default";    // "default" | "tiny"
  long long steps = 0;               // d = 2 steps; 0: the preset's (default 10^7)
  std::vector<std::uint64_t> seeds;  // empty: the preset's (default 1, 2, 3)
  double cluster_lambda = 0.01;      // cluster planting's shrink factor λ
  bool d1024 = true;                 // include the reduced d = 1024 runs

  void validate() const;  // InputError naming the bad option
};

struct ProtocolsPlan {
  ProtocolsOptions options;
  std::vector<ProtocolChoice> runs;
  DetectionOptions detection;  // ε ∈ {0, 1e-3, 1e-2}, ζ_min = 100
  double kappa = 1e-3;         // Phase-1 end for the measured t1
};

ProtocolsPlan make_protocols_plan(const ProtocolsOptions& options);

// (planting, why the paper's text admits it), one line each.
std::vector<std::pair<std::string, std::string>> planting_reasons();

struct ProtocolRun {
  ProtocolChoice choice;
  ProtocolOutcome outcome;
  Trajectory trajectory;
};

// Runs the plan on `jobs` threads (data and theory once per data set, in-process), calling
// `done(index, run)` as each run ends (from the worker's thread, one call at a time). The result
// is in plan order and the same for any `jobs`.
std::vector<ProtocolRun> run_protocols_plan(
    const ProtocolsPlan& plan, int jobs,
    const std::function<void(std::size_t, const ProtocolRun&)>& done = {});

}  // namespace lingrok
