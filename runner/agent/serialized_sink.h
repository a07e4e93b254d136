#pragma once
/// Event sinks used by the agent for subagents: one that serialises emission from several
/// threads, and one that marks a subagent's messages with the parent's tool_use id.

#include <mutex>
#include <string>

#include "runner/protocol/events.h"

namespace runner::agent {

/// Forwards to `inner` under a mutex (subagents emit from their own threads).
class SerializedSink : public protocol::EventSink {
 public:
  explicit SerializedSink(protocol::EventSink& inner) : inner_(inner) {}
  void Emit(const protocol::Event& event) override {
    std::lock_guard<std::mutex> lock(mu_);
    inner_.Emit(event);
  }

 private:
  protocol::EventSink& inner_;
  std::mutex mu_;
};

/// A subagent's view of the stream: its messages carry `parent_tool_use_id`, its prompt is
/// shown as a normal user message, and its own init/result stay private to the parent.
class SubagentSink : public protocol::EventSink {
 public:
  SubagentSink(protocol::EventSink& parent, std::string parent_tool_use_id)
      : parent_(parent), id_(std::move(parent_tool_use_id)) {}
  void Emit(const protocol::Event& event) override;

 private:
  protocol::EventSink& parent_;
  std::string id_;
};

}  // namespace runner::agent
