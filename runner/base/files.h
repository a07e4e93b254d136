#pragma once
/// File helpers: whole-file read, atomic write, durable line append, RAII fd.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "runner/base/result.h"

namespace runner::base {

/// An owned file descriptor, closed on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& o) noexcept : fd_(o.Release()) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int Release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }
  void Reset(int fd = -1);

 private:
  int fd_ = -1;
};

Result<std::string> ReadFile(const std::filesystem::path& path);
/// Writes via a temporary file in the same directory and rename(2), keeping `mode` if given.
Result<void> WriteFileAtomic(const std::filesystem::path& path, std::string_view data);
/// Writes all bytes to fd, retrying on EINTR and short writes.
Result<void> WriteAll(int fd, std::string_view data);

/// An append-only file of lines (transcripts, logs): each Append is one write(2) of the whole
/// line, so a killed process never leaves half a line from a finished Append.
class LineAppender {
 public:
  static Result<LineAppender> Open(const std::filesystem::path& path);
  Result<void> Append(std::string_view line);  ///< adds the newline itself
  const std::filesystem::path& path() const { return path_; }

 private:
  LineAppender(Fd fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}
  Fd fd_;
  std::filesystem::path path_;
};

/// write(2) that reports EPIPE (errno) instead of raising SIGPIPE in this process, for pipes
/// to children that may have exited. Thread-safe (the signal is blocked only in this thread).
ssize_t WriteNoSigpipe(int fd, const char* data, size_t size);

}  // namespace runner::base
