#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

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

}  // namespace lingrok
