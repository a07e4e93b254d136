#include "runner/tools/background_shells.h"

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace runner::tools {
namespace {

using base::ErrorKind;
using base::Fail;

/// How often stopping tasks are checked for having exited during the grace period.
constexpr auto kExitPollInterval = std::chrono::milliseconds(10);
/// How long the watcher sleeps when no task has a time limit.
constexpr auto kIdleWatch = std::chrono::hours(1);

/// Makes `dir` (mode 0700) unless it already is a real directory owned by us. Returns whether
/// it was created.
base::Result<bool> MakePrivateDir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0700) == 0) return true;
  if (errno != EEXIST) {
    return Fail(ErrorKind::kIo, "cannot create " + dir.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()) {
    return Fail(ErrorKind::kIo,
                "refusing to use " + dir.string() + ": not a directory owned by this user");
  }
  return false;
}

/// The task's end state from the leader's wait status.
void RecordExit(BackgroundTask& task, int wait_status, std::optional<BackgroundStatus> forced) {
  if (WIFEXITED(wait_status)) {
    task.exit_code = WEXITSTATUS(wait_status);
  } else if (WIFSIGNALED(wait_status)) {
    task.exit_code = 128 + WTERMSIG(wait_status);
  }
  if (forced) {
    task.status = *forced;
  } else {
    task.status = task.exit_code == 0 ? BackgroundStatus::kCompleted : BackgroundStatus::kFailed;
  }
}

}  // namespace

std::string_view BackgroundStatusName(BackgroundStatus status) {
  switch (status) {
    case BackgroundStatus::kRunning:
      return "running";
    case BackgroundStatus::kCompleted:
      return "completed";
    case BackgroundStatus::kFailed:
      return "failed";
    case BackgroundStatus::kStopped:
      return "killed";
    case BackgroundStatus::kTimedOut:
      return "timed_out";
  }
  return "unknown";
}

BackgroundShells::BackgroundShells(std::filesystem::path output_dir, int64_t kill_grace_ms)
    : output_dir_(std::move(output_dir)), kill_grace_ms_(kill_grace_ms) {}

BackgroundShells::~BackgroundShells() {
  if (watcher_.joinable()) {
    watcher_.request_stop();
    watcher_.join();
  }
  std::lock_guard lock(mu_);
  std::vector<Entry*> running;
  for (Entry& entry : entries_) {
    if (entry.child) running.push_back(&entry);
  }
  TerminateLocked(running, BackgroundStatus::kStopped);
  std::error_code ec;
  for (const Entry& entry : entries_) std::filesystem::remove(entry.task.output_path, ec);
  for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend(); ++it) ::rmdir(it->c_str());
}

std::filesystem::path BackgroundShells::DefaultOutputDir(const base::Env* env) {
  std::string tmp = env ? env->GetOr("TMPDIR", "") : "";
  std::error_code ec;
  if (tmp.empty() || !std::filesystem::is_directory(tmp, ec)) tmp = "/tmp";
  return std::filesystem::path(tmp) / ("claude-runner-" + std::to_string(::getpid())) / "bg";
}

base::Result<BackgroundTask> BackgroundShells::Start(exec::CommandSpec spec, std::string command) {
  std::lock_guard lock(mu_);
  TRY_VOID(EnsureOutputDirLocked());
  BackgroundTask task;
  task.id = "bash_" + std::to_string(entries_.size() + 1);
  task.command = std::move(command);
  task.output_path = output_dir_ / (task.id + ".out");
  ::unlink(task.output_path.c_str());  // a leftover of an earlier process with our pid
  spec.output_file = task.output_path;
  spec.stdin_data.clear();
  auto child = exec::ChildProcess::Spawn(spec);
  if (!child) {
    ::unlink(task.output_path.c_str());
    return Fail(child.error());
  }
  task.pid = child->pid();
  Clock::time_point deadline = Clock::time_point::max();
  if (spec.timeout_ms > 0) deadline = Clock::now() + std::chrono::milliseconds(spec.timeout_ms);
  entries_.push_back(Entry{task, std::move(*child), deadline});
  if (spec.timeout_ms > 0) {
    StartWatcherLocked();
    deadlines_changed_ = true;
    wake_.notify_all();
  }
  return task;
}

std::optional<BackgroundTask> BackgroundShells::Get(std::string_view id) {
  std::lock_guard lock(mu_);
  RefreshLocked();
  Entry* entry = FindLocked(id);
  if (entry == nullptr) return std::nullopt;
  return entry->task;
}

std::vector<BackgroundTask> BackgroundShells::List() {
  std::lock_guard lock(mu_);
  RefreshLocked();
  std::vector<BackgroundTask> tasks;
  for (const Entry& entry : entries_) tasks.push_back(entry.task);
  return tasks;
}

base::Result<BackgroundTask> BackgroundShells::Stop(std::string_view id) {
  std::lock_guard lock(mu_);
  RefreshLocked();
  Entry* entry = FindLocked(id);
  if (entry == nullptr) {
    return Fail(ErrorKind::kUsage, "No background task found with ID: " + std::string(id));
  }
  if (!entry->child) {
    return Fail(ErrorKind::kUsage, "Task " + entry->task.id + " is not running (status: " +
                                       std::string(BackgroundStatusName(entry->task.status)) + ")");
  }
  TerminateLocked({entry}, BackgroundStatus::kStopped);
  return entry->task;
}

base::Result<void> BackgroundShells::EnsureOutputDirLocked() {
  for (const std::filesystem::path& dir : {output_dir_.parent_path(), output_dir_}) {
    if (dir.empty()) continue;
    if (std::find(created_dirs_.begin(), created_dirs_.end(), dir) != created_dirs_.end()) continue;
    if (TRY(MakePrivateDir(dir))) created_dirs_.push_back(dir);
  }
  return {};
}

void BackgroundShells::StartWatcherLocked() {
  if (watcher_.joinable()) return;
  watcher_ = std::jthread([this](std::stop_token stop) { Watch(stop); });
}

void BackgroundShells::Watch(std::stop_token stop) {
  std::unique_lock lock(mu_);
  while (!stop.stop_requested()) {
    Clock::time_point next = Clock::now() + kIdleWatch;
    for (const Entry& entry : entries_) {
      if (entry.child) next = std::min(next, entry.deadline);
    }
    wake_.wait_until(lock, stop, next, [this] { return deadlines_changed_; });
    deadlines_changed_ = false;
    if (!stop.stop_requested()) RefreshLocked();
  }
}

void BackgroundShells::RefreshLocked() {
  Clock::time_point now = Clock::now();
  std::vector<Entry*> expired;
  for (Entry& entry : entries_) {
    if (!entry.child) continue;
    if (entry.child->LeaderExited()) {
      // Members the leader left behind go with it, as for a foreground command.
      RecordExit(entry.task, entry.child->ReapGroup(), std::nullopt);
      entry.child.reset();
    } else if (now >= entry.deadline) {
      expired.push_back(&entry);
    }
  }
  TerminateLocked(expired, BackgroundStatus::kTimedOut);
}

void BackgroundShells::TerminateLocked(const std::vector<Entry*>& entries,
                                       BackgroundStatus status) {
  for (Entry* entry : entries) {
    entry->child->SignalGroup(SIGTERM);
    entry->child->SignalGroup(SIGCONT);  // a stopped group would never act on SIGTERM
  }
  Clock::time_point give_up = Clock::now() + std::chrono::milliseconds(kill_grace_ms_);
  auto all_exited = [&] {
    for (Entry* entry : entries) {
      if (!entry->child->LeaderExited()) return false;
    }
    return true;
  };
  while (!all_exited() && Clock::now() < give_up) std::this_thread::sleep_for(kExitPollInterval);
  for (Entry* entry : entries) {
    RecordExit(entry->task, entry->child->ReapGroup(), status);
    entry->child.reset();
  }
}

BackgroundShells::Entry* BackgroundShells::FindLocked(std::string_view id) {
  for (Entry& entry : entries_) {
    if (entry.task.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace runner::tools
