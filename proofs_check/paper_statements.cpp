// The paper's numbers as data and the reader of their files (paper_statements.hpp).
#include "proofs_check/paper_statements.hpp"

#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "core/strict_json.hpp"

namespace lingrok {

std::string PaperNumber::text() const {
  std::ostringstream os;
  os.precision(3);
  if (relation == "<=") os << "<= ";
  if (relation == ">=") os << ">= ";
  if (relation == "~") os << "~";
  os << value;
  return os.str();
}

PaperNumber read_paper_number(const nlohmann::json& j, const std::string& where, bool positive) {
  if (!j.is_array() || j.size() != 2 || !j[0].is_number() || !j[1].is_string()) {
    throw InputError(where + " must be [number, relation], e.g. [4e2, \"=\"]");
  }
  PaperNumber n{j[0].get<double>(), j[1].get<std::string>()};
  if (n.relation != "=" && n.relation != "<=" && n.relation != ">=" && n.relation != "~") {
    throw InputError(where + ": relation \"" + n.relation + "\" is not one of =, <=, >=, ~");
  }
  if (!std::isfinite(n.value) || n.value < 0 || (positive && n.value == 0)) {
    throw InputError(where + ": the value must be finite and " + (positive ? "> 0" : ">= 0"));
  }
  return n;
}

std::string PaperFile::at(const std::string& list, std::size_t i) const {
  return where + ": " + list + "[" + std::to_string(i) + "]";
}

PaperFile read_paper_file(const std::filesystem::path& file, const std::string& list,
                          const std::vector<std::string>& extra) {
  PaperFile f;
  f.where = file.string();
  const nlohmann::json j = read_json_file(f.where);
  StrictSection top(j, f.where);
  f.source = top.get_string("source", "");
  f.note = top.get_string("note", "");
  const auto* entries = top.get_raw(list);
  for (const auto& key : extra) {
    if (const auto* v = top.get_raw(key)) f.extras[key] = *v;
  }
  top.reject_unknown_keys();
  if (!entries || !entries->is_array() || entries->empty()) {
    throw InputError(f.where + ": " + list + " must be a non-empty array");
  }
  f.entries.assign(entries->begin(), entries->end());
  return f;
}

}  // namespace lingrok
