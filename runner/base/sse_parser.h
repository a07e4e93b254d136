#pragma once
/// Incremental parser for server-sent events (text/event-stream): the Messages API's streams
/// and MCP's HTTP transports. Pure: feed it bytes in chunks of any size, it returns each
/// complete frame once.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace runner::base {

/// One dispatched event: the `event:` name (empty when none), the `data:` lines joined by
/// "\n", and the stream's last event ID when it was dispatched (empty when none was set).
struct SseFrame {
  std::string event;
  std::string data;
  std::string id;
  bool operator==(const SseFrame&) const = default;
};

/// Follows the WHATWG event-stream rules: lines end in \n, \r\n or \r (even when a chunk
/// boundary falls between \r and \n); `:` lines are comments; a blank line dispatches the frame
/// if it has a `data:` line (an empty one counts); one space after the colon is dropped;
/// `id:` sets the last event ID (kept across frames; a value containing NUL is ignored);
/// `retry:` with only digits sets the reconnection time; unknown fields are ignored.
class SseParser {
 public:
  /// Consumes `chunk` and returns the frames it completed, in order.
  std::vector<SseFrame> Feed(std::string_view chunk);
  /// End of stream: a frame without its closing blank line is discarded (per the spec);
  /// returns true when such a partial frame or partial line was pending.
  bool Finish();

  /// The last event ID seen so far (set by `id:` lines, even in frames without data), for a
  /// reconnection's Last-Event-ID header.
  const std::string& last_event_id() const { return last_event_id_; }
  /// The reconnection time the stream asked for with `retry:`, if it did.
  std::optional<int64_t> retry_ms() const { return retry_ms_; }

 private:
  void ProcessLine(std::string_view line, std::vector<SseFrame>& out);
  void ProcessField(std::string_view field, std::string_view value);

  std::string line_;        // the current, unterminated line
  bool skip_lf_ = false;    // the previous chunk ended in \r
  bool first_line_ = true;  // strip a UTF-8 BOM from the very first line
  SseFrame pending_;
  bool has_data_ = false;
  std::string last_event_id_;
  std::optional<int64_t> retry_ms_;
};

}  // namespace runner::base
