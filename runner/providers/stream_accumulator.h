#pragma once
/// Assembles Messages API stream events (message_start, content_block_start/delta/stop,
/// message_delta, message_stop, ping, error) into one protocol::AssistantReply. Pure.

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/protocol/messages.h"

namespace runner::providers {

/// What one event did to the reply.
struct AccumulatorStep {
  /// Set when the event completed a block: its index in `reply().content`.
  std::optional<size_t> completed_block;
  bool message_stopped = false;     ///< the event was message_stop
  std::optional<base::Json> error;  ///< the `error` object of an `error` event
};

class StreamAccumulator {
 public:
  /// Applies one parsed event. Unknown event and delta types are ignored (forward compatible).
  /// Errors: kParse when a tool_use block's concatenated partial_json is not valid JSON, or a
  /// delta/stop names a block that never started.
  base::Result<AccumulatorStep> Apply(const base::Json& event);

  /// The reply so far: `content` holds only completed blocks, in completion order.
  const protocol::AssistantReply& reply() const { return reply_; }
  protocol::AssistantReply& mutable_reply() { return reply_; }
  size_t completed_blocks() const { return reply_.content.size(); }
  bool message_started() const { return started_; }
  bool message_stopped() const { return stopped_; }

 private:
  /// A block between content_block_start and content_block_stop.
  struct OpenBlock {
    base::Json block;
    std::string partial_json;  // input_json_delta fragments, for tool_use-like blocks
  };

  void OnMessageStart(const base::Json& event);
  void OnMessageDelta(const base::Json& event);
  base::Result<void> OnBlockDelta(const base::Json& event);
  base::Result<size_t> OnBlockStop(const base::Json& event);

  protocol::AssistantReply reply_;
  std::map<int64_t, OpenBlock> open_;  // by the stream's block index
  bool started_ = false;
  bool stopped_ = false;
};

}  // namespace runner::providers
