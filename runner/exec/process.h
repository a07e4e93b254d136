#pragma once
/// The exec module owns child processes: a CommandSpec is launched in its own process group,
/// its output captured with limits, and it is killed (TERM, then KILL, on the whole group) on
/// timeout or cancellation and always reaped. The sandbox issue will wrap specs here.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/result.h"

namespace runner::exec {

struct CommandSpec {
  std::vector<std::string> argv;                ///< argv[0] is looked up in PATH
  std::filesystem::path cwd;                    ///< empty = inherit
  std::map<std::string, std::string> env;       ///< the child's whole environment
  std::string stdin_data;                       ///< written then closed; empty = /dev/null
  int64_t timeout_ms = 0;                       ///< 0 = none
  size_t max_output_bytes = 8 * 1024 * 1024;    ///< per stream; the rest is dropped (counted)
  int64_t kill_grace_ms = 2000;                 ///< between SIGTERM and SIGKILL
};

struct ProcessOutcome {
  int exit_code = -1;       ///< -1 when killed by a signal
  int term_signal = 0;
  std::string stdout_data;
  std::string stderr_data;
  size_t dropped_bytes = 0;
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
