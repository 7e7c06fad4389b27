// Running the `lingrok` binary from a test: exit code, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace lingrok::testing {

struct CommandResult {
  int exit_code;
  std::string out;
  std::string err;
};

inline std::string lingrok_bin() {
  const char* bin = std::getenv("LINGROK_BIN");
  if (bin == nullptr)
    throw std::runtime_error("LINGROK_BIN is not set (run the tests through ctest)");
  return bin;
}

inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("LINGROK_SOURCE_DIR");
  if (dir == nullptr) throw std::runtime_error("LINGROK_SOURCE_DIR is not set (run through ctest)");
  return dir;
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A path quoted for the shell (built by appending: GCC 12's -Wrestrict false positive, bug
// 105329).
inline std::string shell_quoted(const std::filesystem::path& p) {
  std::string s("'");
  s += p.string();
  s += '\'';
  return s;
}

// Runs `lingrok <args>` through the shell; args are passed verbatim.
inline CommandResult run_lingrok(const std::string& args) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("lingrok_cmd_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto out = dir / "out.txt";
  const auto err = dir / "err.txt";
  const std::string cmd = lingrok_bin() + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(cmd.c_str());
  CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  std::filesystem::remove_all(dir);
  return r;
}

// A fresh empty directory under the system temp directory, removed by the destructor.
class TempDir {
 public:
  explicit TempDir(const std::string& tag) {
    path_ = std::filesystem::temp_directory_path() /
            ("lingrok_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

}  // namespace lingrok::testing
