#pragma once
/// Incremental parser for server-sent events (text/event-stream), as the Messages API streams
/// them. Pure: feed it bytes in chunks of any size, it returns each complete frame once.

#include <string>
#include <string_view>
#include <vector>

namespace runner::providers {

/// One dispatched event: the `event:` name (empty when none) and the `data:` lines joined by
/// "\n".
struct SseFrame {
  std::string event;
  std::string data;
  bool operator==(const SseFrame&) const = default;
};

/// Follows the WHATWG event-stream rules: lines end in \n, \r\n or \r (even when a chunk
/// boundary falls between \r and \n); `:` lines are comments; a blank line dispatches the frame
/// if it has data; one space after the colon is dropped; `id:`/`retry:` and unknown fields are
/// ignored.
class SseParser {
 public:
  /// Consumes `chunk` and returns the frames it completed, in order.
  std::vector<SseFrame> Feed(std::string_view chunk);
  /// End of stream: a frame without its closing blank line is discarded (per the spec);
  /// returns true when such a partial frame or partial line was pending.
  bool Finish();

 private:
  void ProcessLine(std::string_view line, std::vector<SseFrame>& out);

  std::string line_;        // the current, unterminated line
  bool skip_lf_ = false;    // the previous chunk ended in \r
  bool first_line_ = true;  // strip a UTF-8 BOM from the very first line
  SseFrame pending_;
  bool has_data_ = false;
};

}  // namespace runner::providers
