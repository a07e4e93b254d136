#pragma once
/// Turns one replay-script turn into the answer a real Messages API would give: the exact SSE
/// frames of a streamed reply, an HTTP error, or a stall. Pure and deterministic, so the
/// in-process ReplayProvider and the fake HTTP server (tests/fake_api) answer identically.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/providers/replay_script.h"

namespace runner::providers {

struct ReplayAnswer {
  int status = 200;
  base::Headers headers;            ///< extra response headers (`retry-after`)
  std::vector<std::string> frames;  ///< `event: …\ndata: …\n\n` frames of a 200 answer
  std::string body;                 ///< the JSON error body of a non-200 answer
  int64_t delay_ms = 0;             ///< wait this long before answering
  std::optional<int64_t> stall_ms;  ///< send the 200 head, then nothing for this long, then close
  bool operator==(const ReplayAnswer&) const = default;
};

/// The answer to the `request_number`-th request (1-based), which consumes
/// `script.turns[request_number - 1]`. Past the end of the script the answer is a 400
/// invalid_request_error "replay script exhausted after N turns"; a failed `expect` check is a
/// 400 invalid_request_error naming the turn and the expectation.
ReplayAnswer AnswerFor(const ReplayScript& script, size_t request_number,
                       const base::Json& request_body);

/// The SSE frames for a reply turn: message_start (with usage), ping, then per block
/// content_block_start / deltas / content_block_stop (text in a few text_delta pieces, tool
/// input in input_json_delta pieces, thinking in thinking_delta + signature_delta), then
/// message_delta (stop_reason, output usage) and message_stop. With a stream_error, the frames
/// stop after `after_blocks` blocks with an `error` event. `msg_index` numbers the message id.
std::vector<std::string> SseFramesFor(const ReplayTurn& turn, const base::Json& request,
                                      const std::string& model, size_t msg_index);

/// The usage a turn reports: the script's `usage` members over estimates (input_tokens =
/// request JSON bytes / 4, output_tokens = content JSON bytes / 4, at least 1; cache fields 0).
base::Json ReplayUsage(const ReplayTurn& turn, const base::Json& request);

/// `msg_replay_000001`, `req_replay_000001` for request number n.
std::string ReplayMessageId(size_t n);
std::string ReplayRequestId(size_t n);

/// The text of the last user message in a request body: its string content, or its text
/// blocks and tool_result contents joined by newlines.
std::string LastUserText(const base::Json& request_body);

}  // namespace runner::providers
