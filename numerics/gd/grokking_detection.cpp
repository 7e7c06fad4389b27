// Definition 3.4's times on logged accuracy curves: first reach and settle, relative and absolute
// (grokking_detection.hpp, docs/theory.md#grokking-definition).
#include "numerics/gd/grokking_detection.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "core/json_number.hpp"

namespace lingrok {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

double reach_time(const std::vector<double>& t, const std::vector<double>& acc, double level,
                  ReachKind kind) {
  if (t.size() != acc.size()) {
    throw std::invalid_argument("reach_time: t and accuracy have different lengths");
  }
  if (kind == ReachKind::first) {
    for (std::size_t k = 0; k < t.size(); ++k) {
      if (acc[k] >= level) return t[k];
    }
    return kNan;
  }
  // Settle: walk back from the end while the curve stays at or above the level.
  double settle = kNan;
  for (std::size_t k = t.size(); k-- > 0;) {
    if (!(acc[k] >= level)) break;
    settle = t[k];
  }
  return settle;
}

double supremum(const std::vector<double>& acc) {
  double s = kNan;
  for (const double a : acc) {
    if (std::isfinite(a) && !(a <= s)) s = a;
  }
  return s;
}

std::string GrokkingVariant::name() const {
  return std::string(kind == ReachKind::first ? "first" : "settle") +
         (base == LevelBase::supremum ? "_sup" : "_abs");
}

GrokkingReport detect_grokking(const std::vector<double>& t, const std::vector<double>& acc_train,
                               const std::vector<double>& acc_test,
                               const DetectionOptions& options) {
  GrokkingReport report;
  report.sup_train = supremum(acc_train);
  report.sup_test = supremum(acc_test);
  report.zeta_min = options.zeta_min;
  for (const LevelBase base : {LevelBase::supremum, LevelBase::one}) {
    for (const ReachKind kind : {ReachKind::first, ReachKind::settle}) {
      GrokkingVariant v;
      v.kind = kind;
      v.base = base;
      bool all = !options.epsilons.empty();
      for (const double eps : options.epsilons) {
        GrokkingRow row;
        row.epsilon = eps;
        const double ref_tr = base == LevelBase::supremum ? report.sup_train : 1.0;
        const double ref_te = base == LevelBase::supremum ? report.sup_test : 1.0;
        row.T_tr = reach_time(t, acc_train, (1.0 - eps) * ref_tr, kind);
        row.T_te = reach_time(t, acc_test, (1.0 - eps) * ref_te, kind);
        if (std::isnan(row.T_tr) || std::isnan(row.T_te)) {
          row.zeta = kNan;
        } else if (row.T_tr > 0) {
          row.zeta = row.T_te / row.T_tr;
        } else {
          row.zeta = row.T_te > 0 ? HUGE_VAL : kNan;
        }
        row.T_gr = row.T_te - row.T_tr;
        if (!(row.zeta >= options.zeta_min)) all = false;
        v.rows.push_back(row);
      }
      v.grokking = all;
      report.variants.push_back(std::move(v));
    }
  }
  // Order: first_sup, settle_sup, first_abs, settle_abs (the paper's definition first).
  return report;
}

nlohmann::json to_json(const GrokkingReport& report) {
  nlohmann::json j;
  j["sup_train"] = number_or_null(report.sup_train);
  j["sup_test"] = number_or_null(report.sup_test);
  j["zeta_min"] = report.zeta_min;
  j["grokking"] = report.grokking();
  nlohmann::json variants = nlohmann::json::object();
  for (const auto& v : report.variants) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : v.rows) {
      rows.push_back({{"epsilon", r.epsilon},
                      {"T_tr", number_or_null(r.T_tr)},
                      {"T_te", number_or_null(r.T_te)},
                      {"zeta", number_or_null(r.zeta)},
                      {"T_gr", number_or_null(r.T_gr)}});
    }
    variants[v.name()] = {{"grokking", v.grokking}, {"rows", rows}};
  }
  j["variants"] = variants;
  return j;
}

}  // namespace lingrok
