// A check's report and its JSON and Markdown forms (check_report.hpp, docs/checks.md).
#include "proofs_check/check_report.hpp"

#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "core/json_number.hpp"

namespace lingrok {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::holds:
      return "holds";
    case Verdict::fails:
      return "fails";
    case Verdict::not_applicable:
      return "not applicable";
    case Verdict::inconclusive:
      return "inconclusive";
  }
  return "?";
}

double CheckReport::value(const std::string& name) const {
  for (const auto& m : measured) {
    if (m.name == name) return m.value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

void CheckReport::add(const std::string& name, double value, const std::string& note) {
  measured.push_back({name, value, note});
}

const Measurement* CheckReport::key_measurement() const {
  for (const auto& m : measured) {
    if (m.name == key) return &m;
  }
  return measured.empty() ? nullptr : &measured.front();
}

namespace {

std::string format_number(double x) {
  if (std::isnan(x)) return "n/a";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os << std::setprecision(6) << x;
  return os.str();
}

std::string escape_cell(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const CheckReport& r) {
  nlohmann::json measured = nlohmann::json::array();
  for (const auto& m : r.measured) {
    measured.push_back({{"name", m.name}, {"value", finite_or_null(m.value)}, {"note", m.note}});
  }
  return {{"id", r.id},
          {"claim", r.claim},
          {"reference", r.reference},
          {"inputs", r.inputs},
          {"measured", measured},
          {"tolerance", r.tolerance},
          {"verdict", to_string(r.verdict)},
          {"reason", r.reason},
          {"key", r.key_measurement() ? nlohmann::json(r.key_measurement()->name)
                                      : nlohmann::json(nullptr)}};
}

std::string to_markdown(const std::vector<CheckReport>& reports, const std::string& title,
                        const std::vector<std::string>& context) {
  std::ostringstream md;
  md << "# " << title << "\n\n";
  for (const auto& line : context) md << line << "\n";
  if (!context.empty()) md << "\n";
  md << "| id | claim | verdict | key number |\n|---|---|---|---|\n";
  for (const auto& r : reports) {
    std::string key = "";
    if (const Measurement* m = r.key_measurement()) {
      key = m->name + " = " + format_number(m->value);
    }
    md << "| " << r.id << " | " << escape_cell(r.claim) << " | **" << to_string(r.verdict)
       << "** | " << escape_cell(key) << " |\n";
  }
  md << "\n";
  for (const auto& r : reports) {
    md << "## " << r.id << " — " << to_string(r.verdict) << "\n\n";
    md << "*Claim* (" << r.reference << "): " << r.claim << "\n\n";
    md << r.reason << "\n\n";
    if (!r.tolerance.empty()) md << "*Tolerance:* " << r.tolerance << "\n\n";
    if (!r.measured.empty()) {
      md << "| measured | value | note |\n|---|---|---|\n";
      for (const auto& m : r.measured) {
        md << "| " << escape_cell(m.name) << " | " << format_number(m.value) << " | "
           << escape_cell(m.note) << " |\n";
      }
      md << "\n";
    }
  }
  return md.str();
}

}  // namespace lingrok
