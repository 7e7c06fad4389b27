// The rounding variant set beside the fast path, reading by reading (rounding_spread.hpp).
#include "proofs_check/rounding_spread.hpp"

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace lingrok {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// A time compared between roundings: equal (both NaN included), reached in one only, or both
// reached and some decades apart.
void compare_time(RoundingSpread& s, double a, double b, const std::string& where) {
  ++s.times;
  const bool ra = std::isfinite(a) && a > 0, rb = std::isfinite(b) && b > 0;
  if (a == b || (!ra && !rb)) {
    ++s.equal;
    return;
  }
  if (ra != rb) {
    ++s.reached_in_one;
    return;
  }
  const double decades = std::fabs(std::log10(a / b));
  if (decades > s.largest_decades) {
    s.largest_decades = decades;
    s.largest_at = where;
  }
}

std::string short_number(double x) {
  std::ostringstream os;
  os.precision(3);
  os << x;
  return os.str();
}

}  // namespace

std::string rounding_twin_id(const std::string& id, const std::string& base,
                             const std::string& variant) {
  const std::string tail = "/" + base;
  if (!ends_with(id, tail)) return "";
  return id.substr(0, id.size() - base.size()) + variant;
}

RoundingSpread rounding_spread(const std::vector<ProtocolOutcome>& outcomes,
                               const ProtocolAttribution& attribution, const std::string& variant,
                               const std::string& base) {
  RoundingSpread s;
  s.base = base;
  s.variant = variant;
  std::map<std::string, const ProtocolOutcome*> by_id;
  for (const auto& o : outcomes) by_id[o.id] = &o;
  std::set<std::string> twinned_groups;  // base groups that have a twin
  std::set<int> dims;
  for (const auto& o : outcomes) {
    const std::string twin_id = rounding_twin_id(o.id, base, variant);
    const auto twin = twin_id.empty() ? by_id.end() : by_id.find(twin_id);
    if (twin == by_id.end() || twin->second->d != o.d) continue;
    ++s.pairs;
    twinned_groups.insert(o.group);
    dims.insert(o.d);
    const ProtocolOutcome& t = *twin->second;
    for (const bool standard : {true, false}) {
      const GrokkingReport& a = standard ? o.standard : o.concentrated;
      const GrokkingReport& b = standard ? t.standard : t.concentrated;
      for (std::size_t v = 0; v < a.variants.size() && v < b.variants.size(); ++v) {
        const auto& ra = a.variants[v].rows;
        const auto& rb = b.variants[v].rows;
        for (std::size_t k = 0; k < ra.size() && k < rb.size(); ++k) {
          const std::string where = o.id + ", " + (standard ? "standard" : "concentrated") + ", " +
                                    a.variants[v].name() + ", eps=" + short_number(ra[k].epsilon);
          compare_time(s, ra[k].T_tr, rb[k].T_tr, where + ", T_tr");
          compare_time(s, ra[k].T_te, rb[k].T_te, where + ", T_te");
        }
      }
    }
  }
  // The Table 1 rows: the base groups' reproducing readings against their twins'.
  for (const auto& row : attribution.table1) {
    if (s.pairs == 0) break;
    using Key = std::tuple<std::string, std::string, double>;  // twin group, variant, ε
    std::map<Key, int> under_base, under_variant;
    for (const auto& g : row.reproduced_by) {
      if (twinned_groups.count(g.group) > 0) {
        under_base[{rounding_twin_id(g.group, base, variant), g.variant, g.epsilon}] =
            g.reproducing;
      } else if (ends_with(g.group, "/" + variant)) {
        under_variant[{g.group, g.variant, g.epsilon}] = g.reproducing;
      }
    }
    // A row counts when it is about the pairs' dimension.
    if (dims.count(row.d) == 0) continue;
    ++s.rows;
    if (under_base == under_variant) ++s.rows_same;
  }
  return s;
}

nlohmann::ordered_json to_json(const RoundingSpread& s) {
  return {{"base", s.base},
          {"variant", s.variant},
          {"pairs", s.pairs},
          {"times_compared", s.times},
          {"times_equal", s.equal},
          {"times_reached_in_one_only", s.reached_in_one},
          {"largest_decades", s.largest_decades},
          {"largest_at", s.largest_at},
          {"table1_rows", s.rows},
          {"table1_rows_same", s.rows_same},
          {"definition",
           "T_tr and T_te of every reading (both test sets, four Def. 3.4 variants, every eps) of "
           "each run under both roundings; a Table 1 row is the same when the same (protocol, "
           "variant, eps) reproduce it in the same number of seeds"}};
}

std::string rounding_spread_markdown(const RoundingSpread& s) {
  if (!s.any()) return "";
  std::ostringstream md;
  md << "## Rounding\n\n"
     << s.pairs << " runs were repeated with rounding `" << s.variant << "` beside `" << s.base
     << "`. Of their " << s.times << " grokking times (T_tr and T_te of every reading), " << s.equal
     << " are the same, " << s.reached_in_one << " are reached under one rounding only, and the "
     << "largest change among the others is " << short_number(s.largest_decades) << " decades";
  if (!s.largest_at.empty()) md << " (" << s.largest_at << ")";
  md << ". " << s.rows_same << " of " << s.rows
     << " Table 1 rows are reproduced by the same protocols, in as many seeds, under both.\n";
  return md.str();
}

}  // namespace lingrok
