// The paper's numbers as data (configs/paper_table1.json, configs/paper_figure4.json;
// docs/checks.md#protocol-attribution): each number with the relation the paper prints it with,
// and the one reader of the frame both files share (source, note, one list of statements).
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lingrok {

// A number as the paper prints it: "=" exact, "<=" / ">=" a bound, "~" an order of magnitude.
struct PaperNumber {
  double value = 0;
  std::string relation = "=";
  std::string text() const;  // "<= 10", "~1e+06", "400" (ASCII, so that columns align)
};

// [number, relation] as in the files, e.g. [4e2, "="]. The value must be finite and >= 0, or
// > 0 with `positive` (a number compared on a log scale). InputError naming `where` otherwise.
PaperNumber read_paper_number(const nlohmann::json& j, const std::string& where, bool positive);

// A paper-statement file: strict JSON whose top level holds "source", "note", the non-empty
// array `list` and the keys `extra` (absent ones are not in `extras`); any other key is an
// InputError naming the file.
struct PaperFile {
  std::string where;  // the file's name, for messages
  std::string source, note;
  std::vector<nlohmann::json> entries;           // the elements of `list`
  std::map<std::string, nlohmann::json> extras;  // present keys of `extra`
  // "<file>: <list>[i]", the location of entry i in messages.
  std::string at(const std::string& list, std::size_t i) const;
};
PaperFile read_paper_file(const std::filesystem::path& file, const std::string& list,
                          const std::vector<std::string>& extra = {});

}  // namespace lingrok
