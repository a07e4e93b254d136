#pragma once
/// The watch loop for one running child: feeds stdin, captures stdout/stderr within the spec's
/// limits, enforces timeout and cancellation, and stops waiting on pipes that background members
/// of the group keep open after the leader has exited.

#include <atomic>

#include "runner/base/cancel.h"
#include "runner/exec/child_process.h"
#include "runner/exec/process.h"

namespace runner::exec {

/// How often the cancel token (and the owner's kill flag) is looked at.
inline constexpr int64_t kCancelCheckMs = 50;
/// How long pipes may stay open after the leader exited before the group is killed.
inline constexpr int64_t kLingerAfterExitMs = 100;

/// Runs until the leader has exited and its pipes are closed or abandoned. On timeout
/// (`timed_out`) or cancellation (`interrupted`) the group gets SIGTERM, then SIGKILL after
/// spec.kill_grace_ms. `killed_by_owner` set means the group was already killed by KillAll
/// (reported as `interrupted`). Fills output, gaps, dropped_bytes and the two flags; the caller
/// reaps the child (ChildProcess::ReapGroup) and fills the exit status and duration.
ProcessOutcome Supervise(ChildProcess& child, const CommandSpec& spec, base::CancelToken* cancel,
                         const std::atomic<bool>& killed_by_owner);

}  // namespace runner::exec
