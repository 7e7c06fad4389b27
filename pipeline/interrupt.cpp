// The SIGINT/SIGTERM handler that only records the signal, and the polling and parent-pipe watch
// around it (interrupt.hpp, docs/DEVELOPING.md#interrupts).
#include "pipeline/interrupt.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace lingrok {
namespace {

// Lock-free, so that the handler may store into it (async-signal-safe).
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) { g_signal.store(signal); }

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: blocking calls return EINTR and the caller polls
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int stop_requested() { return g_signal.load(); }

void request_stop(int signal) { g_signal.store(signal); }

void watch_parent_pipe() {
  const char* text = std::getenv(kParentPipeVariable);
  if (text == nullptr || *text == '\0') return;
  char* end = nullptr;
  const long fd = std::strtol(text, &end, 10);
  struct stat st {};
  if (*end != '\0' || fd < 0 || fd > 1 << 20 || ::fstat(static_cast<int>(fd), &st) != 0 ||
      !S_ISFIFO(st.st_mode))
    return;
  std::thread([fd] {
    pollfd p{static_cast<int>(fd), POLLIN, 0};
    for (;;) {
      const int r = ::poll(&p, 1, -1);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0 || (p.revents & POLLNVAL) != 0) return;
      // Nobody writes to the pipe: readable or hung up both mean the writer is gone.
      if ((p.revents & (POLLHUP | POLLIN | POLLERR)) != 0) break;
    }
    ::kill(::getpid(), SIGTERM);
  }).detach();
}

int parent_pipe_for_children() {
  static std::once_flag once;
  static int read_end = -1;
  std::call_once(once, [] {
    int fds[2];
    if (::pipe(fds) != 0) return;
    ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);  // the write end stays in this process only
    read_end = fds[0];
  });
  return read_end;
}

}  // namespace lingrok
