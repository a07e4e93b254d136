#pragma once
/// Writes whole lines to a borrowed fd, one write(2) per line. After the first failure (e.g. the
/// reader closed the pipe) it logs once to stderr and drops the rest: output never ends a run.

#include <string>

namespace runner::output {

class LineWriter {
 public:
  explicit LineWriter(int fd) : fd_(fd) {}
  /// Writes `line` plus a newline.
  void WriteLine(std::string line);
  /// Writes `text` as is.
  void Write(std::string_view text);
  bool failed() const { return failed_; }

 private:
  int fd_;  // borrowed
  bool failed_ = false;
};

}  // namespace runner::output
