#include "core/output_set.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>
#include <vector>

#include "core/atomic_file.hpp"
#include "core/error.hpp"

namespace lingrok {
namespace {

namespace fs = std::filesystem;

// Whether `dir` is the working directory or one of its ancestors: swapping it would leave
// this process (and the user's shell) in a deleted directory.
bool holds_working_directory(const fs::path& dir) {
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  const fs::path d = fs::weakly_canonical(dir, ec);
  if (ec) return true;
  auto c = cwd.begin();
  for (auto it = d.begin(); it != d.end(); ++it, ++c) {
    if (c == cwd.end() || *c != *it) return false;
  }
  return true;
}

[[noreturn]] void fail(const fs::path& target, const std::string& what) {
  throw InputError("cannot commit the outputs to " + target.string() + " (" + what +
                   "); check that the directory is writable");
}

}  // namespace

OutputSet::OutputSet(fs::path target, std::function<bool(const std::string&)> owns)
    : target_(std::move(target)), owns_(std::move(owns)) {
  if (target_.filename().empty()) target_ = target_.parent_path();  // "dir/" → "dir"
  std::error_code ec;
  if (fs::exists(target_, ec) && !fs::is_directory(target_, ec)) {
    throw InputError(target_.string() + " exists and is not a directory; choose another --out");
  }
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  ensure_directory(parent);
  // Built by appending: GCC 12 warns falsely on "." + string (-Wrestrict, bug 105329).
  std::string name = ".";
  name += target_.filename().string();
  name += ".partial-";
  name += std::to_string(::getpid());
  staging_ = parent / name;
  fs::remove_all(staging_, ec);
  ensure_directory(staging_);
}

OutputSet::~OutputSet() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(staging_, ec);
}

// Swapping the directory is not possible (it holds the working directory, or the file system
// cannot exchange): replace the owned files one by one instead, each rename atomic, the set
// as a whole not.
void OutputSet::commit_in_place() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target_)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && owns_(name) && !fs::exists(staging_ / name)) {
      fs::remove(entry.path(), ec);
    }
  }
  for (const auto& entry : fs::directory_iterator(staging_)) {
    fs::rename(entry.path(), target_ / entry.path().filename(), ec);
    if (ec) fail(target_, ec.message());
  }
  committed_ = true;
  fs::remove_all(staging_, ec);
}

fs::path OutputSet::path(const std::string& name) const { return staging_ / name; }

void OutputSet::commit() {
  std::error_code ec;
  if (!fs::exists(target_, ec)) {
    fs::rename(staging_, target_, ec);
    if (ec) fail(target_, ec.message());
    committed_ = true;
    return;
  }
  // Carry over what the set does not own.
  std::vector<fs::path> foreign;
  for (const auto& entry : fs::directory_iterator(target_)) {
    const std::string name = entry.path().filename().string();
    if (!(entry.is_regular_file() && owns_(name))) foreign.push_back(entry.path());
  }
  if (holds_working_directory(target_)) {
    commit_in_place();
    return;
  }
  // The directory that takes the target's place keeps its permissions (a private 0700 stays
  // private).
  fs::permissions(staging_, fs::status(target_).permissions(), ec);
  for (const auto& p : foreign) {
    if (fs::exists(staging_ / p.filename())) continue;  // the new set's file wins
    fs::rename(p, staging_ / p.filename(), ec);
    if (ec) fail(target_, "moving " + p.filename().string() + ": " + ec.message());
  }
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    const int err = errno;
    // Move the foreign entries back, then replace file by file where the file system has no
    // exchange (EINVAL), else give up.
    for (const auto& p : foreign) fs::rename(staging_ / p.filename(), p, ec);
    if (err != EINVAL && err != ENOSYS) fail(target_, std::strerror(err));
    commit_in_place();
    return;
  }
  committed_ = true;
  fs::remove_all(staging_, ec);  // now the earlier set
}

}  // namespace lingrok
