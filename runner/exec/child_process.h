#pragma once
/// One launched child process: the leader of its own process group, with the parent's ends of
/// its stdio pipes. Owning a ChildProcess means owning the whole group: destroying one that was
/// not reaped kills the group (SIGKILL) and reaps the leader.

#include <sys/types.h>

#include "runner/base/files.h"
#include "runner/base/result.h"
#include "runner/exec/process.h"

namespace runner::exec {

/// The parent's ends of the child's stdio; all O_CLOEXEC and O_NONBLOCK. `in` is invalid when
/// the child reads /dev/null; `out` and `err` are invalid when it writes to spec.output_file.
struct ChildPipes {
  base::Fd in;
  base::Fd out;
  base::Fd err;
};

class ChildProcess {
 public:
  /// Starts spec.argv (argv[0] looked up in spec.env's PATH) with exactly spec.env, in
  /// spec.cwd, as the leader of a new process group, with signal mask and dispositions reset
  /// and every other fd closed. Fails (kIo) when the command is missing or cannot be executed,
  /// or when spec.output_file cannot be opened.
  static base::Result<ChildProcess> Spawn(const CommandSpec& spec);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  ChildPipes& pipes() { return pipes_; }
  /// A pidfd that polls readable once the leader exits; invalid if the kernel has none.
  const base::Fd& pidfd() const { return pidfd_; }

  /// Sends `sig` to every member of the group (the leader stays a zombie until reaped, so the
  /// group id cannot be reused in between).
  void SignalGroup(int sig) const;
  /// Non-blocking: true once the leader has exited. Does not reap it.
  bool LeaderExited() const;
  /// Kills whatever is left of the group (SIGKILL), reaps the leader and returns its wait
  /// status. Call once.
  int ReapGroup();

 private:
  ChildProcess(pid_t pid, ChildPipes pipes, base::Fd pidfd)
      : pid_(pid), pipes_(std::move(pipes)), pidfd_(std::move(pidfd)) {}

  pid_t pid_ = -1;  ///< -1 once reaped or moved from
  ChildPipes pipes_;
  base::Fd pidfd_;
};

}  // namespace runner::exec
