#pragma once
/// The stdio transport: the server is a child process (the leader of its own process group)
/// that reads JSON-RPC messages on stdin and writes them on stdout, one per line. Its stderr
/// goes to the debug log; the last part of it is kept for error messages.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "runner/base/files.h"
#include "runner/exec/child_process.h"
#include "runner/exec/process.h"
#include "runner/mcp/transport.h"

namespace runner::mcp {

struct StdioOptions {
  std::string server_name;  ///< for log lines and errors
  /// argv, the child's whole environment and working directory; stdin_pipe is set by Start.
  exec::CommandSpec spec;
  /// Close(): after closing stdin, how long the server may take to exit before SIGTERM, and
  /// after SIGTERM before SIGKILL.
  int64_t close_grace_ms = 1000;
  size_t stderr_tail_bytes = 8 * 1024;       ///< stderr kept for error messages
  size_t max_line_bytes = 64 * 1024 * 1024;  ///< longer stdout lines are dropped (logged)
  int64_t send_timeout_ms = 30000;           ///< a server that stops reading stdin fails sends
};

class StdioTransport : public Transport {
 public:
  explicit StdioTransport(StdioOptions options);
  ~StdioTransport() override;  ///< Close()s
  StdioTransport(const StdioTransport&) = delete;
  StdioTransport& operator=(const StdioTransport&) = delete;

  /// Spawns the server. Fails (kIo) when the command cannot be started, naming it.
  base::Result<void> Start(OnMessage on_message, OnClose on_close) override;
  /// Writes one line to the server's stdin (kNetwork when it is gone or stopped reading).
  base::Result<void> Send(const base::Json& message) override;
  /// Closes stdin, waits close_grace_ms for the server to exit, then SIGTERM and, after the
  /// same grace, SIGKILL to the whole process group, and reaps it. Idempotent.
  void Close() override;
  std::string kind() const override { return "stdio"; }

  /// The last stderr bytes (at most stderr_tail_bytes).
  std::string stderr_tail() const;
  /// The server's pid (= its process group id) once started; -1 before Start and after Close.
  pid_t pid() const;

 private:
  void ReadLoop();
  void OnStdout(std::string_view chunk);
  void OnStderr(std::string_view chunk);
  void HandleLine(std::string_view line);
  /// Why the connection ended, for OnClose: the exit status when the server is gone, and the
  /// end of its stderr.
  std::string EndReason();
  bool WaitForExit(int64_t timeout_ms);

  StdioOptions options_;
  OnMessage on_message_;
  OnClose on_close_;
  std::optional<exec::ChildProcess> child_;
  base::Fd wake_read_, wake_write_;  ///< wakes the reader thread for Close
  std::thread reader_;
  mutable std::mutex write_mu_;  ///< one Send at a time; guards the stdin fd and close_done_
  mutable std::mutex err_mu_;
  std::string stderr_tail_;
  std::string out_buf_, err_buf_;
  bool skipping_line_ = false;  ///< inside a stdout line longer than max_line_bytes
  std::atomic<bool> closing_{false};
  bool close_done_ = false;
};

}  // namespace runner::mcp
