// An output set's staging directory, the hard links of the target's other entries and the one
// renameat2(RENAME_EXCHANGE) swap (output_set.hpp, docs/DEVELOPING.md#output-sets).
#include "core/output_set.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/abandoned_files.hpp"
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

// A copy of `from` at `to` made of hard links: directories recreated with their permissions,
// files linked, symbolic links copied. `from` is not touched, so a process killed before the
// exchange leaves the target whole. False (with `to` partly built) where the file system
// cannot link or the entry is neither file, directory nor link.
bool link_tree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(from, ec);
  if (ec) return false;
  if (fs::is_symlink(st)) {
    fs::copy_symlink(from, to, ec);
    return !ec;
  }
  if (fs::is_regular_file(st)) {
    fs::create_hard_link(from, to, ec);
    return !ec;
  }
  if (!fs::is_directory(st)) return false;
  if (!fs::create_directory(to, from, ec) || ec) return false;
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (!link_tree(entry.path(), to / entry.path().filename())) return false;
  }
  return !ec;
}

// Staging directories of processes that no longer run (killed by SIGKILL before their commit
// or cleanup): `prefix` + pid beside the target.
void remove_abandoned_staging(const fs::path& parent, const std::string& prefix) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    if (!process_is_gone(abandoned_pid(name, ".partial-"))) continue;
    std::error_code ignored;
    fs::remove_all(entry.path(), ignored);
  }
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
  // A link to a directory: the set goes into the directory it names, not in its place.
  if (fs::is_symlink(target_, ec)) {
    fs::path real = fs::canonical(target_, ec);
    if (!ec) target_ = std::move(real);
  }
  if (fs::exists(target_, ec) && !fs::is_directory(target_, ec)) {
    throw InputError(target_.string() + " exists and is not a directory; choose another --out");
  }
  const fs::path parent = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  ensure_directory(parent);
  // Built by appending: GCC 12 warns falsely on "." + string (-Wrestrict, bug 105329).
  std::string name = ".";
  name += target_.filename().string();
  name += ".partial-";
  remove_abandoned_staging(parent, name);
  if (fs::is_directory(target_, ec)) remove_abandoned_temporaries(target_);
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
    if (owns_(name) && !fs::exists(staging_ / name)) fs::remove_all(entry.path(), ec);
  }
  for (const auto& entry : fs::directory_iterator(staging_)) {
    const fs::path to = target_ / entry.path().filename();
    // rename(2) replaces a file or an empty directory, not a full one.
    if (entry.is_directory() && fs::is_directory(to)) fs::remove_all(to, ec);
    fs::rename(entry.path(), to, ec);
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
    if (!owns_(name)) foreign.push_back(entry.path());
  }
  if (holds_working_directory(target_)) {
    commit_in_place();
    return;
  }
  // The directory that takes the target's place keeps its permissions (a private 0700 stays
  // private).
  fs::permissions(staging_, fs::status(target_).permissions(), ec);
  // The foreign entries join the staging directory as hard links, the target untouched until
  // the exchange; where the file system cannot link they are moved (then a SIGKILL before the
  // exchange leaves them in the staging directory, not in the target).
  std::vector<fs::path> linked, moved;
  for (const auto& p : foreign) {
    const fs::path to = staging_ / p.filename();
    if (fs::symlink_status(to, ec).type() != fs::file_type::not_found) continue;  // new file wins
    if (link_tree(p, to)) {
      linked.push_back(to);
      continue;
    }
    fs::remove_all(to, ec);
    fs::rename(p, to, ec);
    if (ec) fail(target_, "moving " + p.filename().string() + ": " + ec.message());
    moved.push_back(p);
  }
  if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) != 0) {
    const int err = errno;
    // Move the moved entries back, then replace file by file where the file system has no
    // exchange (EINVAL), else give up.
    for (const auto& p : moved) fs::rename(staging_ / p.filename(), p, ec);
    for (const auto& p : linked) fs::remove_all(p, ec);
    if (err != EINVAL && err != ENOSYS) fail(target_, std::strerror(err));
    commit_in_place();
    return;
  }
  committed_ = true;
  fs::remove_all(staging_, ec);  // now the earlier set
}

}  // namespace lingrok
