// An output set: the files one command writes into its output directory, committed together
// (docs/DEVELOPING.md#output-sets). The files are written into a staging directory beside the
// target; commit() then swaps it with the target in one renameat2(RENAME_EXCHANGE), so a
// reader sees either the earlier complete set or the new complete set, never a mixture, and
// a file the earlier run wrote that this one does not is gone with the earlier set. Entries
// of the target that the set does not own (another stage's files, subdirectories, a
// checkpoint) are hard-linked into the staging directory just before the swap and so survive
// it; the target itself is not touched before the swap, so a SIGKILL at any moment leaves it
// whole. Files written into the target by another process between the links and the swap
// would be lost: the stages of one run directory run one after another.
// A set that is never committed (an error, an interrupt) leaves the target untouched.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace lingrok {

class OutputSet {
 public:
  // `owns(name)`: whether an entry of the target (a file, or a directory such as a sweep's
  // runs/) belongs to this kind of set (e.g. "trajectory.csv", "summary.json" for simulate);
  // owned entries of an earlier run are dropped at commit. Creates the staging directory (and
  // the target's parents) or throws InputError; removes staging directories that killed
  // processes left beside the target.
  OutputSet(std::filesystem::path target, std::function<bool(const std::string&)> owns);
  // Removes the staging directory unless commit() succeeded.
  ~OutputSet();
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;

  // Where to write the set's file `name` (in the staging directory).
  std::filesystem::path path(const std::string& name) const;
  // The staging directory itself, for writers that take a directory.
  const std::filesystem::path& staging_dir() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }

  // Makes the staged files the target's content (see the top of this file).
  void commit();

 private:
  void commit_in_place();

  std::filesystem::path target_;
  std::filesystem::path staging_;
  std::function<bool(const std::string&)> owns_;
  bool committed_ = false;
};

}  // namespace lingrok
