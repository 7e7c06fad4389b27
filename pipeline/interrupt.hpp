// SIGINT and SIGTERM as a request to stop (docs/DEVELOPING.md#interrupts), handled once for every
// stage and plan: the handler only records the signal; long loops poll stop_requested() (GD
// through SimulationSetup::stop_requested, the flows through their Deadline) at points where
// stopping leaves valid state (after a checkpoint) and then throw Interrupted (core/error.hpp).
// Child processes started by pipeline/child_process.cpp are sent the same signal by their parent.
#pragma once

#include "core/error.hpp"  // Interrupted

namespace lingrok {

// Installs the handlers for SIGINT and SIGTERM (idempotent).
void install_interrupt_handlers();

// The signal received (SIGINT or SIGTERM), 0 when none.
int stop_requested();

// Parent death (docs/DEVELOPING.md#interrupts): a pipeline parent (pipeline/child_process.cpp)
// holds the only write end of a pipe whose read end its children inherit, named by the
// environment variable kParentPipeVariable. When the parent dies, even by SIGKILL, the pipe
// reports end of file; watch_parent_pipe() waits for that on a thread and then sends this
// process SIGTERM, so an orphaned step stops as if the parent had forwarded the signal instead
// of writing on into the output directory. No-op when the variable is unset or names no pipe.
inline constexpr const char* kParentPipeVariable = "LINGROK_PARENT_PIPE";
void watch_parent_pipe();

// The read end of this process's own parent pipe (created on first use, its write end closed
// on exec), to be named to children in kParentPipeVariable; -1 if no pipe could be made.
int parent_pipe_for_children();

// Records `signal` as if it had been received (the deterministic stop of tests, e.g.
// LINGROK_STOP_AT_STEP in `lingrok simulate`).
void request_stop(int signal);

}  // namespace lingrok
