#pragma once
/// A providers::StreamObserver for tests that keeps everything it was told.

#include <string>
#include <vector>

#include "runner/providers/provider.h"

namespace runner::testing {

class RecordingObserver : public providers::StreamObserver {
 public:
  void OnAttempt(int attempt) override { attempts.push_back(attempt); }
  void OnStreamEvent(const base::Json& event, const std::string& message_id) override {
    event_types.push_back(event["type"].AsString());
    message_ids.push_back(message_id);
  }
  void OnBlockComplete(const protocol::AssistantReply& reply, size_t index) override {
    completed_blocks.push_back(reply.content.at(index));
  }
  void OnRetry(const protocol::RetryEvent& event) override { retries.push_back(event); }

  std::vector<int> attempts;
  std::vector<std::string> event_types;
  std::vector<std::string> message_ids;
  std::vector<base::Json> completed_blocks;
  std::vector<protocol::RetryEvent> retries;
};

}  // namespace runner::testing
