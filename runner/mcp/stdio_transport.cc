#include "runner/mcp/stdio_transport.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runner/base/files.h"
#include "runner/base/clock.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"

namespace runner::mcp {
namespace {

using base::ErrorKind;
using base::Fail;

constexpr size_t kChunk = 64 * 1024;
constexpr size_t kMaxStderrLogLine = 4000;
constexpr size_t kReasonTailBytes = 600;

/// Reads what is available; returns false at end of file or on an error other than EAGAIN.
bool ReadSome(int fd, std::string& out) {
  char buf[kChunk];
  ssize_t n = ::read(fd, buf, sizeof buf);
  if (n > 0) {
    out.assign(buf, static_cast<size_t>(n));
    return true;
  }
  out.clear();
  return n < 0 && (errno == EAGAIN || errno == EINTR);
}

std::string DescribeStatus(const siginfo_t& info) {
  if (info.si_code == CLD_EXITED) return "exited with code " + std::to_string(info.si_status);
  return std::string("was killed by signal ") + strsignal(info.si_status);
}

}  // namespace

StdioTransport::StdioTransport(StdioOptions options) : options_(std::move(options)) {}

StdioTransport::~StdioTransport() { Close(); }

base::Result<void> StdioTransport::Start(OnMessage on_message, OnClose on_close) {
  if (child_) return Fail(ErrorKind::kInternal, "stdio transport started twice");
  on_message_ = std::move(on_message);
  on_close_ = std::move(on_close);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Fail(ErrorKind::kIo, std::string("pipe2 failed: ") + std::strerror(errno));
  }
  wake_read_.Reset(fds[0]);
  wake_write_.Reset(fds[1]);
  exec::CommandSpec spec = options_.spec;
  spec.stdin_pipe = true;
  spec.stdin_data.clear();
  spec.output_file.clear();
  auto child = exec::ChildProcess::Spawn(spec);
  if (!child) {
    return Fail(ErrorKind::kIo, "MCP server " + options_.server_name + ": " + child.error().message);
  }
  child_.emplace(std::move(*child));
  base::log::Debug("MCP server {}: started {} (pid {})", options_.server_name,
                   base::Join(spec.argv, " "), child_->pid());
  reader_ = std::thread([this] { ReadLoop(); });
  return {};
}

base::Result<void> StdioTransport::Send(const base::Json& message) {
  std::string line = message.Dump();
  line += '\n';
  std::lock_guard lock(write_mu_);
  if (!child_ || closing_ || !child_->pipes().in.valid()) {
    return Fail(ErrorKind::kNetwork, "MCP server " + options_.server_name + " is not running");
  }
  int fd = child_->pipes().in.get();
  int64_t deadline = base::MonotonicMs() + options_.send_timeout_ms;
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = base::WriteNoSigpipe(fd, line.data() + done, line.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) {
      int64_t left = deadline - base::MonotonicMs();
      if (left <= 0 || closing_) {
        return Fail(ErrorKind::kNetwork,
                    "MCP server " + options_.server_name + " stopped reading its input");
      }
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 100)));
      continue;
    }
    return Fail(ErrorKind::kNetwork, "MCP server " + options_.server_name +
                                         ": cannot write to its input: " + std::strerror(errno));
  }
  return {};
}

void StdioTransport::ReadLoop() {
  int out = child_->pipes().out.get();
  int err = child_->pipes().err.get();
  bool out_open = true, err_open = true;
  std::string chunk;
  while (out_open && !closing_) {
    pollfd fds[3] = {{out, POLLIN, 0}, {err_open ? err : -1, POLLIN, 0}, {wake_read_.get(), POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0 && errno != EINTR) break;
    if (fds[2].revents) break;  // Close() woke us
    if (fds[1].revents) {
      err_open = ReadSome(err, chunk);
      OnStderr(chunk);
    }
    if (fds[0].revents) {
      out_open = ReadSome(out, chunk);
      OnStdout(chunk);
    }
  }
  if (closing_) return;
  // The server closed its stdout: the connection is over. Pick up its last words first.
  while (err_open && ReadSome(err, chunk) && !chunk.empty()) OnStderr(chunk);
  std::string why = EndReason();
  if (on_close_ && !closing_) on_close_(why);
}

void StdioTransport::OnStdout(std::string_view chunk) {
  size_t start = 0;
  while (start < chunk.size()) {
    size_t nl = chunk.find('\n', start);
    std::string_view piece = chunk.substr(start, nl == std::string_view::npos ? chunk.size() - start : nl - start);
    if (!skipping_line_) {
      if (out_buf_.size() + piece.size() > options_.max_line_bytes) {
        base::log::Debug("MCP server {}: dropping an output line longer than {} bytes",
                         options_.server_name, options_.max_line_bytes);
        out_buf_.clear();
        skipping_line_ = true;
      } else {
        out_buf_.append(piece);
      }
    }
    if (nl == std::string_view::npos) return;
    if (!skipping_line_) HandleLine(out_buf_);
    out_buf_.clear();
    skipping_line_ = false;
    start = nl + 1;
  }
}

void StdioTransport::HandleLine(std::string_view line) {
  std::string_view text = base::Trim(line);
  if (text.empty()) return;
  auto message = base::Json::Parse(text);
  if (!message || !message->is_object()) {
    base::log::Debug("MCP server {}: skipping a stdout line that is not a JSON-RPC message: {}",
                     options_.server_name, base::TruncateMiddle(text, 300));
    return;
  }
  if (on_message_) on_message_(std::move(*message));
}

void StdioTransport::OnStderr(std::string_view chunk) {
  std::lock_guard lock(err_mu_);
  stderr_tail_.append(chunk);
  if (stderr_tail_.size() > options_.stderr_tail_bytes) {
    stderr_tail_.erase(0, stderr_tail_.size() - options_.stderr_tail_bytes);
  }
  err_buf_.append(chunk);
  size_t nl;
  while ((nl = err_buf_.find('\n')) != std::string::npos) {
    std::string line = err_buf_.substr(0, nl);
    err_buf_.erase(0, nl + 1);
    if (!base::Trim(line).empty()) {
      base::log::Debug("MCP server {} stderr: {}", options_.server_name,
                       base::TruncateMiddle(line, kMaxStderrLogLine));
    }
  }
  if (err_buf_.size() > kMaxStderrLogLine) {  // a line without end: log what we have
    base::log::Debug("MCP server {} stderr: {}", options_.server_name,
                     base::TruncateMiddle(err_buf_, kMaxStderrLogLine));
    err_buf_.clear();
  }
}

std::string StdioTransport::stderr_tail() const {
  std::lock_guard lock(err_mu_);
  return stderr_tail_;
}

pid_t StdioTransport::pid() const {
  std::lock_guard lock(write_mu_);
  return child_ && !close_done_ ? child_->pid() : -1;
}

std::string StdioTransport::EndReason() {
  std::string why = "the server closed its output";
  if (WaitForExit(200)) {
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(child_->pid()), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == child_->pid()) {
      why = "the server " + DescribeStatus(info);
    }
  }
  std::string tail = std::string(base::Trim(stderr_tail()));
  if (!tail.empty()) {
    if (tail.size() > kReasonTailBytes) tail = "…" + tail.substr(tail.size() - kReasonTailBytes);
    why += "; its stderr ends: " + tail;
  }
  return why;
}

bool StdioTransport::WaitForExit(int64_t timeout_ms) {
  int64_t deadline = base::MonotonicMs() + timeout_ms;
  while (!child_->LeaderExited()) {
    int64_t left = deadline - base::MonotonicMs();
    if (left <= 0) return false;
    if (child_->pidfd().valid()) {
      pollfd p{child_->pidfd().get(), POLLIN, 0};
      ::poll(&p, 1, static_cast<int>(left));
    } else {
      ::usleep(5000);
    }
  }
  return true;
}

void StdioTransport::Close() {
  {
    std::lock_guard lock(write_mu_);
    if (close_done_) return;
    close_done_ = true;
    closing_ = true;
    if (child_) child_->pipes().in.Reset();  // EOF on the server's stdin: the polite request
  }
  if (!child_) return;
  if (!WaitForExit(options_.close_grace_ms)) {
    base::log::Debug("MCP server {}: still running after its input closed; sending SIGTERM",
                     options_.server_name);
    child_->SignalGroup(SIGTERM);
    WaitForExit(options_.close_grace_ms);
  }
  if (wake_write_.valid()) {
    char byte = 1;
    (void)!::write(wake_write_.get(), &byte, 1);
  }
  if (reader_.joinable()) reader_.join();
  int status = child_->ReapGroup();  // SIGKILL to what is left of the group, then waitpid
  base::log::Debug("MCP server {}: stopped (wait status {})", options_.server_name, status);
  child_.reset();
}

}  // namespace runner::mcp
