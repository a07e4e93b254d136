#include "runner/agent/stream_relay.h"

#include "runner/base/clock.h"
#include "runner/base/uuid.h"

namespace runner::agent {

using base::Json;

void StreamRelay::OnAttempt(int) { attempt_start_ms_ = base::MonotonicMs(); }

void StreamRelay::OnStreamEvent(const Json& event, const std::string& message_id) {
  protocol::PartialEvent ev;
  ev.event = event;
  ev.message_id = message_id;
  ev.parent_tool_use_id = parent_;
  if (event["type"].AsString() == "message_start") {
    ev.ttft_ms = base::MonotonicMs() - attempt_start_ms_;
    start_usage_ = event["message"]["usage"];
  }
  ev.uuid = base::NewUuid();
  sink_.Emit(ev);
}

void StreamRelay::OnBlockComplete(const protocol::AssistantReply& reply, size_t index) {
  protocol::AssistantEvent ev;
  Json usage = start_usage_.is_object() ? start_usage_ : reply.usage.ToMessageJson();
  ev.message = base::JsonObject({{"id", reply.id},
                                 {"type", "message"},
                                 {"role", "assistant"},
                                 {"model", reply.model},
                                 {"content", base::JsonArray({reply.content.at(index)})},
                                 {"stop_reason", nullptr},
                                 {"stop_sequence", nullptr},
                                 {"usage", usage},
                                 {"context_management", nullptr}});
  ev.parent_tool_use_id = parent_;
  ev.request_id = reply.request_id;
  ev.uuid = base::NewUuid();
  ev.timestamp = base::IsoTimestamp();
  sink_.Emit(ev);
}

void StreamRelay::OnRetry(const protocol::RetryEvent& event) {
  protocol::RetryEvent ev = event;
  if (ev.uuid.empty()) ev.uuid = base::NewUuid();
  sink_.Emit(ev);
}

}  // namespace runner::agent
