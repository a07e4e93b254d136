#pragma once
/// BackgroundShells owns the commands Bash starts with `run_in_background`. Each runs as the
/// leader of its own process group with stdout and stderr appended to a file the model can Read,
/// until it exits, is stopped (TaskStop), outlives its time limit, or the session ends.
/// Invariant: once the destructor has returned, no process of any task is left and every
/// file and directory it created is gone. All methods are thread-safe.

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "runner/base/env.h"
#include "runner/base/result.h"
#include "runner/exec/child_process.h"
#include "runner/exec/process.h"

namespace runner::tools {

enum class BackgroundStatus {
  kRunning,
  kCompleted,  ///< exited with status 0
  kFailed,     ///< exited with another status, or died of a signal it was not sent by us
  kStopped,    ///< stopped by Stop() or by the destructor
  kTimedOut,   ///< stopped because it outlived its time limit
};

/// `running`, `completed`, `failed`, `killed` or `timed_out`.
std::string_view BackgroundStatusName(BackgroundStatus status);

/// A snapshot of one background task.
struct BackgroundTask {
  std::string id;  ///< `bash_1`, `bash_2`, … in start order
  std::string command;
  std::filesystem::path output_path;
  pid_t pid = -1;  ///< the group leader, whose pid is also the process group id
  BackgroundStatus status = BackgroundStatus::kRunning;
  int exit_code = -1;  ///< once ended: its exit status (128 + N for a death by signal N)
};

class BackgroundShells {
 public:
  /// Output files go to `output_dir`, created on the first Start together with its parent
  /// (mode 0700; either may exist already if it is a directory owned by this user).
  /// `kill_grace_ms` is the wait between SIGTERM and SIGKILL when a task is stopped.
  explicit BackgroundShells(std::filesystem::path output_dir, int64_t kill_grace_ms = 2000);
  /// Stops every running task (SIGTERM to its group, SIGKILL after the grace), reaps them and
  /// removes the output files and the directories this object created.
  ~BackgroundShells();
  BackgroundShells(const BackgroundShells&) = delete;
  BackgroundShells& operator=(const BackgroundShells&) = delete;

  /// `$TMPDIR/claude-runner-<our pid>/bg` (TMPDIR from `env`; unset or missing: /tmp).
  static std::filesystem::path DefaultOutputDir(const base::Env* env);

  /// Starts `spec` (stdin /dev/null; its output_file is set here) and returns at once.
  /// spec.timeout_ms > 0 is the task's time limit. `command` is the text shown in messages.
  /// Fails (kIo) when the output directory or file cannot be made or the command not started.
  base::Result<BackgroundTask> Start(exec::CommandSpec spec, std::string command);
  /// The task as of now, or nullopt for an unknown id.
  std::optional<BackgroundTask> Get(std::string_view id);
  /// Every task started so far, in start order.
  std::vector<BackgroundTask> List();
  /// Stops a running task and waits for it (at most the grace period plus a SIGKILL). Fails
  /// (kUsage, with a message for the model) for an unknown id or a task that is not running.
  base::Result<BackgroundTask> Stop(std::string_view id);

 private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    BackgroundTask task;
    std::optional<exec::ChildProcess> child;  ///< present until the leader is reaped
    Clock::time_point deadline;               ///< Clock::time_point::max() = no limit
  };

  base::Result<void> EnsureOutputDirLocked();
  void StartWatcherLocked();
  void Watch(std::stop_token stop);
  /// Reaps tasks whose leader exited and stops those past their deadline.
  void RefreshLocked();
  /// TERM to each group, up to the grace period for the leaders to exit, then KILL and reap.
  void TerminateLocked(const std::vector<Entry*>& entries, BackgroundStatus status);
  Entry* FindLocked(std::string_view id);

  const std::filesystem::path output_dir_;
  const int64_t kill_grace_ms_;
  std::mutex mu_;
  std::condition_variable_any wake_;  ///< tells the watcher that deadlines changed
  bool deadlines_changed_ = false;
  std::vector<Entry> entries_;
  std::vector<std::filesystem::path> created_dirs_;
  std::jthread watcher_;  ///< started with the first time-limited task
};

}  // namespace runner::tools
