#pragma once
/// The exec module owns child processes: a CommandSpec is launched in its own process group,
/// its output captured within a bound (head and tail kept, output_capture.h) or appended to a
/// file, and it is killed (TERM, then KILL, on the whole group) on timeout or cancellation and
/// always reaped. The sandbox issue will wrap specs here.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/result.h"
#include "runner/exec/output_capture.h"

namespace runner::exec {

struct CommandSpec {
  std::vector<std::string> argv;                ///< argv[0] is looked up in PATH
  std::filesystem::path cwd;                    ///< empty = inherit
  std::map<std::string, std::string> env;       ///< the child's whole environment
  std::string stdin_data;                       ///< written then closed; empty = /dev/null
  /// ChildProcess::Spawn only: stdin is a pipe the caller keeps writing to (pipes().in) and
  /// closes when done, for long-lived children that read requests (MCP servers).
  bool stdin_pipe = false;
  int64_t timeout_ms = 0;                       ///< 0 = none
  /// Per stream. Beyond it the first and last halves are kept and the middle is dropped
  /// (counted in ProcessOutcome's gaps), so capture memory stays bounded.
  size_t max_output_bytes = 8 * 1024 * 1024;
  int64_t kill_grace_ms = 2000;                 ///< between SIGTERM and SIGKILL
  /// Non-empty: stdout and stderr are appended to this file (created 0600 if missing, never
  /// through a symlink) instead of being captured.
  std::filesystem::path output_file;
};

struct ProcessOutcome {
  int exit_code = -1;       ///< -1 when killed by a signal
  int term_signal = 0;
  std::string stdout_data;  ///< the whole stream, or its head and tail (see stdout_gap)
  std::string stderr_data;
  OutputGap stdout_gap;      ///< what was dropped from the middle of stdout_data
  OutputGap stderr_gap;
  size_t dropped_bytes = 0;  ///< stdout_gap.bytes + stderr_gap.bytes
  bool timed_out = false;
  bool interrupted = false;  ///< the cancel token fired
  int64_t duration_ms = 0;
};

class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  /// Runs to completion (or timeout/cancel). Errors only when the process cannot be started.
  virtual base::Result<ProcessOutcome> Run(const CommandSpec& spec, base::CancelToken* cancel) = 0;
  /// Kills every process group still running (used on shutdown paths). Thread-safe.
  virtual void KillAll() = 0;
};

/// fork/exec (posix_spawn where possible), setpgid, poll-based capture, waitpid.
class PosixProcessRunner : public ProcessRunner {
 public:
  PosixProcessRunner();
  ~PosixProcessRunner() override;
  PosixProcessRunner(const PosixProcessRunner&) = delete;
  PosixProcessRunner& operator=(const PosixProcessRunner&) = delete;
  base::Result<ProcessOutcome> Run(const CommandSpec& spec, base::CancelToken* cancel) override;
  void KillAll() override;

 private:
  struct State;
  State* state_;  // owned; pimpl keeps <mutex>/<set> out of the header
};

}  // namespace runner::exec
