// The strict reader of theory.json (theory_record.hpp, docs/theory.md).
#include "results/theory_record.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.hpp"
#include "core/parse_real50.hpp"
#include "core/strict_json.hpp"

namespace lingrok {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

double PredictedTime::steps() const { return std::isfinite(t) ? t : std::exp(log_t); }

TheoryRecord::TheoryRecord(nlohmann::json theory, std::string source)
    : json_(std::move(theory)), source_(std::move(source)) {
  if (!json_.is_object())
    throw InputError(source_ + ": not a JSON object; write theory.json with `lingrok theory`");
  validate_digits(json_, "");
}

void TheoryRecord::validate_digits(const nlohmann::json& node, const std::string& key) const {
  if (node.is_array()) {
    for (std::size_t i = 0; i < node.size(); ++i)
      validate_digits(node[i], key + "[" + std::to_string(i) + "]");
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [name, child] : node.items()) {
    const std::string path = key.empty() ? name : key + "/" + name;
    if (name != "digits") {
      validate_digits(child, path);
      continue;
    }
    // Every quantity's digits are checked here, at read time, not when a check first asks for
    // them: a field that no check reads would otherwise pass malformed into `check`'s report.
    // A number is not digit text but a precision ("digits": 50, as hand-written files give
    // it); the accessors treat it as "no digits".
    if (child.is_number()) continue;
    const auto check_text = [&](const nlohmann::json& text, const std::string& where) {
      if (!text.is_string()) fail(where, "is " + text.dump().substr(0, 40) + ", not digit text");
      if (!is_digits_field_text(text.get<std::string>()))
        throw_bad_digits(text.get<std::string>(), source_ + ": \"" + where + "\"");
    };
    if (child.is_array()) {
      for (std::size_t i = 0; i < child.size(); ++i)
        check_text(child[i], path + "[" + std::to_string(i) + "]");
    } else {
      check_text(child, path);
    }
  }
}

TheoryRecord TheoryRecord::read(const std::filesystem::path& file) {
  return TheoryRecord(read_json_file(file.string()), file.string());
}

const nlohmann::json* TheoryRecord::find(const std::string& key) const {
  const nlohmann::json* node = &json_;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = key.find('/', start);
    const std::string part =
        key.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!node->is_object() || !node->contains(part)) return nullptr;
    node = &node->at(part);
    if (slash == std::string::npos) return node;
    start = slash + 1;
  }
}

void TheoryRecord::fail(const std::string& key, const std::string& what) const {
  throw InputError(source_ + ": \"" + key + "\" " + what +
                   "; write theory.json with `lingrok theory`");
}

double TheoryRecord::number_at(const nlohmann::json& node, const std::string& key) const {
  const nlohmann::json* v = &node;
  if (v->is_object()) {
    if (!v->contains("value")) fail(key, "has no \"value\"");
    v = &v->at("value");
  }
  if (v->is_null()) return kNan;
  if (!v->is_number()) fail(key, "is not a number (found " + v->dump() + ")");
  return v->get<double>();
}

bool TheoryRecord::has(const std::string& key) const {
  const nlohmann::json* node = find(key);
  return node != nullptr && !node->is_null();
}

double TheoryRecord::value(const std::string& key) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr) fail(key, "is missing");
  return number_at(*node, key);
}

double TheoryRecord::value_or_nan(const std::string& key) const {
  const nlohmann::json* node = find(key);
  return node == nullptr ? kNan : number_at(*node, key);
}

std::string TheoryRecord::digits_or_empty(const std::string& key) const {
  const nlohmann::json* node = find(key);
  // A bare number or {"value"} alone carries no digits.
  if (node == nullptr || !node->is_object() || !node->contains("digits")) return "";
  const auto& d = node->at("digits");
  if (!d.is_string()) fail(key, "has digits that are not text");
  return d.get<std::string>();
}

std::string TheoryRecord::digits(const std::string& key) const {
  if (!has(key)) fail(key, "is missing");
  const std::string d = digits_or_empty(key);
  if (d.empty()) fail(key, "has no \"digits\"");
  return d;
}

bool TheoryRecord::has_digits(const std::string& key) const {
  const nlohmann::json* node = find(key);
  return node != nullptr && node->is_object() && node->contains("digits");
}

Real50 TheoryRecord::real50(const std::string& key) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr || node->is_null())
    fail(key, "is missing (run `lingrok theory` on separable data)");
  if (node->is_object() && node->contains("digits") && node->at("digits").is_string())
    return parse_real50(node->at("digits").get<std::string>(), source_ + ": " + key + ".digits");
  const double v = number_at(*node, key);
  if (std::isnan(v)) fail(key, "is null");
  return Real50(v);
}

Vec50 TheoryRecord::vector50(const std::string& key) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr || node->is_null())
    fail(key, "is missing (run `lingrok theory` on separable data)");
  if (!node->is_object() || !node->contains("digits") || !node->at("digits").is_array())
    fail(key, "is not a {\"value\": [...], \"digits\": [...]} vector");
  const auto& d = node->at("digits");
  Vec50 v(static_cast<Eigen::Index>(d.size()));
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (!d[i].is_string()) fail(key, "holds digits that are not text");
    v(static_cast<Eigen::Index>(i)) =
        parse_real50(d[i].get<std::string>(), source_ + ": " + key + ".digits");
  }
  return v;
}

std::vector<double> TheoryRecord::values_or_empty(const std::string& key) const {
  std::vector<double> out;
  const nlohmann::json* node = find(key);
  if (node == nullptr || node->is_null()) return out;
  if (node->is_object() && node->contains("value")) node = &node->at("value");
  if (!node->is_array()) fail(key, "is not an array of numbers");
  for (const auto& x : *node) {
    if (!x.is_null() && !x.is_number()) fail(key, "holds " + x.dump() + ", not a number");
    out.push_back(x.is_number() ? x.get<double>() : kNan);
  }
  return out;
}

std::vector<Eigen::Index> TheoryRecord::indices(const std::string& key) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr || node->is_null()) fail(key, "is missing (0-based training row indices)");
  if (!node->is_array()) fail(key, "is not a list of indices");
  std::vector<Eigen::Index> out;
  for (const auto& i : *node) {
    if (!i.is_number_integer()) fail(key, "holds " + i.dump() + ", not a row index");
    out.push_back(i.get<Eigen::Index>());
  }
  return out;
}

bool TheoryRecord::flag_or(const std::string& key, bool fallback) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr) return fallback;
  if (!node->is_boolean()) fail(key, "is not true or false");
  return node->get<bool>();
}

std::string TheoryRecord::text_or(const std::string& key, const std::string& fallback) const {
  const nlohmann::json* node = find(key);
  if (node == nullptr) return fallback;
  if (!node->is_string()) fail(key, "is not text");
  return node->get<std::string>();
}

bool TheoryRecord::assumption_3_1_holds() const { return flag_or("assumption_3_1/holds", true); }

Real50 TheoryRecord::flow_eta() const {
  return has("eta_effective") ? real50("eta_effective") : real50("eta");
}

std::string TheoryRecord::stable_eta_text() const {
  std::string eta = digits_or_empty("stable_eta");
  if (eta.empty()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", value("stable_eta"));
    eta = buf;
  }
  return eta;
}

std::string TheoryRecord::option_loss() const { return text_or("options/loss", ""); }
std::string TheoryRecord::option_reduction() const { return text_or("options/reduction", ""); }

bool TheoryRecord::has_predictions() const { return find("grokking/predictions") != nullptr; }

std::vector<GrokkingPrediction> TheoryRecord::predictions() const {
  std::vector<GrokkingPrediction> out;
  const nlohmann::json* node = find("grokking/predictions");
  if (node == nullptr) return out;
  if (!node->is_array()) fail("grokking/predictions", "is not an array");
  for (std::size_t i = 0; i < node->size(); ++i) {
    const TheoryRecord p(node->at(i),
                         source_ + ": grokking.predictions[" + std::to_string(i) + "]");
    GrokkingPrediction g;
    g.epsilon = p.value("epsilon");
    const auto time = [&](const std::string& name) {
      return PredictedTime{p.value_or_nan(name + "/log_t"), p.value_or_nan(name + "/t")};
    };
    g.T_te_lower = time("T_te_lower");
    g.T_te_upper = time("T_te_upper");
    g.T_te_small_gamma = time("T_te_small_gamma");
    g.T_te_refined = time("T_te_refined");
    out.push_back(g);
  }
  return out;
}

}  // namespace lingrok
