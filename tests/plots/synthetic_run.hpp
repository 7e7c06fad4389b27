// A small synthetic run directory for the plot tests: the files and column names that
// generate / theory / simulate / integrate write (proofs_check/run_artifacts.hpp), with
// made-up but plausible numbers (d = 2, a planted margin, three phases).
#pragma once

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lingrok::testing {

inline std::string num(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

inline void write_text(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << text;
}

// Logged times of the synthetic GD run: 0 and 10^{k/10}, k = 0..50.
inline std::vector<double> synthetic_times() {
  std::vector<double> t{0};
  for (int k = 0; k <= 50; ++k) t.push_back(std::round(std::pow(10.0, k / 10.0)));
  return t;
}

// Writes RUN/data, RUN/theory.json, RUN/simulate/trajectory.csv and RUN/flows/*.csv.
inline void write_synthetic_run(const std::filesystem::path& run) {
  const double gamma = 1e-3, c = gamma / 2 / std::sqrt(0.5);  // x1 + x2 = ±c on the margins
  // Training data: 8 planted points on the margin lines, 24 others.
  std::ostringstream train;
  train << "x1,x2,y,planted\n";
  for (int i = 0; i < 4; ++i) {
    const double u = -4 + 2.5 * i;
    train << num(u) << "," << num(c - u) << ",1,1\n";
    train << num(u) << "," << num(-c - u) << ",-1,1\n";
  }
  for (int i = 0; i < 12; ++i) {
    const double u = -4.5 + 0.8 * i, v = 0.3 + 0.35 * i;
    train << num(u) << "," << num(-u + v) << ",1,0\n";
    train << num(u) << "," << num(-u - v) << ",-1,0\n";
  }
  write_text(run / "data" / "train.csv", train.str());
  write_text(run / "data" / "data.json",
             "{\"gamma\": 0.001, \"alpha\": 10, \"box\": 5, \"d\": 2, \"seed\": 1}\n");

  // theory.json: ŵ = (2/γ) w_true, S = the planted rows, phases t1 = 100, t2 = 10^4.
  const double wh = 2 / gamma / std::sqrt(2.0);
  std::ostringstream th;
  th << "{\"w_hat\": {\"value\": [" << num(wh) << "," << num(wh) << "], \"digits\": []},\n"
     << " \"b_inf\": {\"value\": -0.5, \"digits\": \"-0.5\"},\n"
     << " \"support_plus\": [0, 2, 4, 6], \"support_minus\": [1, 3, 5, 7],\n"
     << " \"phases\": {\"kappa\": 0.001, \"t1_found\": true, \"phase2_present\": true,\n"
     << "   \"t1\": {\"log_t\": {\"value\": " << num(std::log(100.0))
     << "}, \"t\": {\"value\": 100}},\n"
     << "   \"t2\": {\"log_t\": {\"value\": " << num(std::log(1e4))
     << "}, \"t\": {\"value\": 10000}},\n"
     << "   \"model_trajectory\": {\"log_t\": {\"value\": [";
  std::vector<double> lt, mb, mD;
  for (int k = 0; k <= 60; ++k) {
    const double L = k * std::log(10.0) / 10;
    lt.push_back(L);
    mb.push_back(-0.5 * std::tanh(L / 4));
    mD.push_back(std::fabs(mb.back()) / (wh * std::sqrt(2.0) * (L + 1)));
  }
  auto list = [](const std::vector<double>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) s += ",";
      s += num(v[i]);
    }
    return s;
  };
  th << list(lt) << "]}, \"b\": {\"value\": [" << list(mb) << "]}, \"D\": {\"value\": [" << list(mD)
     << "]}}}}\n";
  write_text(run / "theory.json", th.str());

  // Trajectory: b relaxes to -0.5, ||w|| grows like log t, r falls, accuracies rise.
  std::ostringstream tr;
  tr << "t,b,w_norm,w1,w2,D,r,b_steady,acc_train,acc_test_standard,acc_test_conc,acc_pgd,"
        "cos_update\n";
  for (double t : synthetic_times()) {
    const double L = std::log1p(t);
    const double b = -0.5 * std::tanh(L / 4);
    const double wn = 0.1 + wh * std::sqrt(2.0) * L / 10;
    const double w1 = wn / std::sqrt(2.0) * (1 + 0.2 / (1 + L)), w2 = wn / std::sqrt(2.0);
    const double D = t > 0 ? std::fabs(b) / std::hypot(w1, w2) : std::nan("");
    const double r = std::exp(-L);
    const double acc = 0.5 + 0.5 * (1 - std::exp(-L / 3));
    tr << num(t) << "," << num(b) << "," << num(wn) << "," << num(w1) << "," << num(w2) << ","
       << (t > 0 ? num(D) : "nan") << "," << num(r) << "," << num(b / 2) << "," << num(acc) << ","
       << num(acc) << "," << num(0.5 + 0.5 * (1 - std::exp(-L / 8))) << ","
       << num(0.4 + 0.3 * (1 - std::exp(-L / 8))) << ",0.5\n";
  }
  write_text(run / "simulate" / "trajectory.csv", tr.str());

  std::ostringstream bias, coupled;
  bias << "t,b_ode,b_closed_form,abs_error\n";
  coupled << "t,b\n";
  for (int k = 0; k <= 40; ++k) {
    const double t = std::pow(10.0, k / 8.0);
    const double b = -0.5 * std::tanh(std::log(t) / 4);
    const double e = 1e-42 * (1 + k);
    bias << num(t) << "," << num(b + e) << "," << num(b) << "," << num(e) << "\n";
    coupled << num(t) << "," << num(b * 0.98) << "\n";
  }
  // Both names: proofs_check/run_artifacts.cpp moves from bias.csv to flow_bias.csv.
  for (const char* prefix : {"", "flow_"}) {
    write_text(run / "flows" / (std::string(prefix) + "bias.csv"), bias.str());
    write_text(run / "flows" / (std::string(prefix) + "coupled.csv"), coupled.str());
  }
  write_text(run / "flows" / "gd_vs_flow.csv",
             "eta,gap\n0.1,0.05\n0.05,0.026\n0.025,0.0124\n0.0125,0.0063\n");
}

// A sweep table with two families and two ε values; `rows` receives the data rows written.
inline std::string synthetic_sweep_csv() {
  std::ostringstream s;
  s << "family,seed,k_minus,delta,abs_log_delta,epsilon,T_te_first,T_te_settle,"
       "bound_lower_Blim,bound_upper_Blim,bound_lower_Bobs,bound_upper_Bobs,"
       "estimate_small_gamma,estimate_refined\n";
  for (const char* family : {"stable", "literal"}) {
    for (double eps : {0.01, 0.001}) {
      for (int k : {350, 200, 100, 50, 10}) {
        const double delta = std::sqrt(k / 350.0);
        const double x = std::fabs(std::log(delta));
        const double est = std::exp(x / (1 + 2 * eps * 19));
        s << family << ",1," << k << "," << num(delta) << "," << num(x) << "," << num(eps) << ","
          << num(est * 1.3) << "," << num(est * 2.1) << "," << num(est * 0.5) << "," << num(est * 3)
          << "," << num(est * 0.4) << "," << num(est * 4) << "," << num(est) << ","
          << num(est * 1.2) << "\n";
      }
    }
  }
  return s.str();
}

}  // namespace lingrok::testing
