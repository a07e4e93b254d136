#pragma once
/// Turns a provider's streaming callbacks into run events: partial stream events, one assistant
/// event per completed content block, and retry notices.

#include <optional>
#include <string>

#include "runner/protocol/events.h"
#include "runner/providers/provider.h"

namespace runner::agent {

class StreamRelay : public providers::StreamObserver {
 public:
  /// `parent_tool_use_id` is empty for the main agent.
  explicit StreamRelay(protocol::EventSink& sink, std::string parent_tool_use_id = {})
      : sink_(sink), parent_(std::move(parent_tool_use_id)) {}

  void OnAttempt(int attempt) override;
  void OnStreamEvent(const base::Json& event, const std::string& message_id) override;
  void OnBlockComplete(const protocol::AssistantReply& reply, size_t index) override;
  void OnRetry(const protocol::RetryEvent& event) override;

 private:
  protocol::EventSink& sink_;
  std::string parent_;
  int64_t attempt_start_ms_ = 0;
  base::Json start_usage_;
};

}  // namespace runner::agent
