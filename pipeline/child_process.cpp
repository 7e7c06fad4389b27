// Starting lingrok subcommands as child processes in their own process groups (child_process.hpp,
// docs/DEVELOPING.md#interrupts).
#include "pipeline/child_process.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <ctime>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "pipeline/interrupt.hpp"
#include "pipeline/run_stage.hpp"

namespace lingrok {

std::string self_exe() {
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw InputError("cannot find the lingrok binary (/proc/self/exe)");
  buf[n] = '\0';
  return buf;
}

namespace {

[[noreturn]] void throw_interrupted(int signal) {
  throw Interrupted(signal, std::string("interrupted by ") +
                                (signal == SIGINT ? "SIGINT" : "SIGTERM") +
                                "; the running steps were stopped with it (a simulate child "
                                "keeps its checkpoint); rerun the same command to start again");
}

}  // namespace

bool run_logged(const std::string& command, const std::filesystem::path& log) {
  // std::system would ignore SIGINT in this process while the child runs (so Ctrl-C killed
  // only the child and the pipeline went on) and leave the child running after a SIGTERM.
  // Instead the child gets its own process group, and this process forwards SIGINT/SIGTERM
  // to the whole group (the shell and what it runs), waits for it, and stops.
  install_interrupt_handlers();
  if (const int signal = stop_requested()) throw_interrupted(signal);
  {
    std::ofstream l(log, std::ios::app);
    l << "\n$ " << command << "\n";
  }
  // The child and what it starts learn of this process's death through the parent pipe
  // (pipeline/interrupt.hpp): after a SIGKILL here, which cannot be forwarded, they stop too.
  std::string line;
  if (const int fd = parent_pipe_for_children(); fd >= 0) {
    line = std::string(kParentPipeVariable) + "=" + std::to_string(fd) + "; export " +
           kParentPipeVariable + "; ";
  }
  line += command + " >>" + shell_quote(log.string()) + " 2>&1";
  const pid_t pid = ::fork();
  if (pid < 0) throw NumericalError("cannot start a child process (fork failed)");
  if (pid == 0) {
    ::setpgid(0, 0);
    ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also here: whichever runs first, the group exists before a kill
  int status = 0;
  int forwarded = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) throw NumericalError("lost the child process (waitpid failed)");
    if (const int signal = stop_requested(); signal != 0 && forwarded == 0) {
      ::kill(-pid, signal);
      forwarded = signal;
    }
    if (r == 0) {
      const timespec pause{0, 20'000'000};  // 20 ms: a child's exit is seen promptly enough
      ::nanosleep(&pause, nullptr);
    }
  }
  if (forwarded != 0) {
    // The shell may die before what it runs (a simulate finishing its chunk and checkpoint):
    // wait until the whole group is gone, so that nothing keeps writing after this process
    // has exited; after a minute, kill what is left.
    for (int i = 0; ::kill(-pid, 0) == 0; ++i) {
      if (i == 3000) ::kill(-pid, SIGKILL);
      const timespec pause{0, 20'000'000};
      ::nanosleep(&pause, nullptr);
    }
    throw_interrupted(forwarded);
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace lingrok
