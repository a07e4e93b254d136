#pragma once
/// Reading the prompt and stream-json turns from stdin without ever hanging the run.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "runner/base/cancel.h"

namespace runner::cli {

/// Reads piped stdin text (not a TTY). Waits at most `first_byte_wait_ms` for the first byte
/// (-1 = until the cancel token fires), then reads until EOF, until no byte arrives for
/// `idle_ms`, or until `max_bytes`. Returns nullopt when stdin is a TTY or gave nothing.
std::optional<std::string> ReadPipedStdin(int fd, int64_t first_byte_wait_ms, int64_t idle_ms,
                                          size_t max_bytes, base::CancelToken& cancel);

/// Lines from stdin, read on a background thread (stream-json input).
class LineQueue {
 public:
  /// Starts the reader thread on `fd`; it runs until EOF (the thread is detached).
  void Start(int fd);
  /// Next line; nullopt at EOF or when the cancel token fires.
  std::optional<std::string> Next(base::CancelToken& cancel);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::string> lines_;
  bool eof_ = false;
};

}  // namespace runner::cli
