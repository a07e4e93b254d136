#pragma once
/// A Provider that answers with scripted replies and remembers every request (unit tests only).

#include <deque>
#include <vector>

#include "runner/providers/provider.h"

namespace runner::testing {

class FakeProvider : public providers::Provider {
 public:
  void Add(protocol::AssistantReply reply) { replies_.push_back(std::move(reply)); }
  base::Result<protocol::AssistantReply> Send(const providers::ModelRequest& request,
                                              providers::StreamObserver& observer,
                                              base::CancelToken&) override {
    requests_.push_back(request);
    if (replies_.empty()) return base::Fail(base::ErrorKind::kApi, "no scripted reply left");
    protocol::AssistantReply r = std::move(replies_.front());
    replies_.pop_front();
    for (size_t i = 0; i < r.content.size(); ++i) observer.OnBlockComplete(r, i);
    return r;
  }
  const std::vector<providers::ModelRequest>& requests() const { return requests_; }

 private:
  std::deque<protocol::AssistantReply> replies_;
  std::vector<providers::ModelRequest> requests_;
};

/// Collects every event.
class CollectingSink : public protocol::EventSink {
 public:
  void Emit(const protocol::Event& e) override { events.push_back(e); }
  std::vector<protocol::Event> events;
};

}  // namespace runner::testing
