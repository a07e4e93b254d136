#pragma once
/// The execution file (`execution_file` output): a JSON array of every stream-json message, the
/// format claude-code-action writes. Each message is written as it happens and the file is a
/// complete JSON array after every write, so a cancelled or killed job still leaves a readable
/// file. Thread-safe.

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace integrations::github {

class ExecutionLog {
 public:
  /// Creates (or truncates) `path` with an empty array.
  static runner::base::Result<std::unique_ptr<ExecutionLog>> Create(const std::filesystem::path& path);
  ~ExecutionLog();
  void Append(const runner::base::Json& message);
  const std::filesystem::path& path() const { return path_; }
  /// Copies of every message so far (for the job summary and the final comment).
  std::vector<runner::base::Json> messages() const;
  /// The last `result` message, or null.
  runner::base::Json last_result() const;

 private:
  ExecutionLog(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
  std::filesystem::path path_;
  int fd_;
  off_t end_ = 1;  ///< where the closing bracket starts
  mutable std::mutex mu_;
  std::vector<runner::base::Json> messages_;
};

}  // namespace integrations::github
