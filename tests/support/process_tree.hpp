// Starting `lingrok` as a child process that a test can signal, and waiting until it and every
// process it started are gone. The child and all its descendants inherit the write end of a
// pipe (nothing in lingrok closes it), so the test's read end reports end of file only when the
// last of them has exited: "no step is left writing into the output directory" is then a fact
// the test can wait for, not a guess about process names.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "run_command.hpp"

namespace lingrok::testing {

struct Started {
  pid_t pid = -1;
  int tree = -1;  // read end of the pipe every descendant holds open
};

// Starts `lingrok args...` with stdout and stderr in the given files.
inline Started start_lingrok(const std::vector<std::string>& args, const std::filesystem::path& out,
                             const std::filesystem::path& err) {
  const std::string bin = lingrok_bin();
  std::vector<std::string> words{bin};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  const std::string out_path = out.string(), err_path = err.string();
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);  // the read end stays with the test
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0) ::_exit(126);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::execv(bin.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reaps `s` (its waitpid status), then waits up to `limit` until its descendants are gone too.
// Returns false if some still run after `limit`.
inline bool wait_for_tree(const Started& s, int& status, std::chrono::seconds limit) {
  ::waitpid(s.pid, &status, 0);
  const auto until = std::chrono::steady_clock::now() + limit;
  bool gone = false;
  while (!gone) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{s.tree, POLLIN, 0};
    const int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    char buf[16];
    gone = ::read(s.tree, buf, sizeof buf) == 0;  // nobody writes: only end of file comes
  }
  ::close(s.tree);
  return gone;
}

}  // namespace lingrok::testing
