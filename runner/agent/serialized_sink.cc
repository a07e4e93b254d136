#include "runner/agent/serialized_sink.h"

namespace runner::agent {

void SubagentSink::Emit(const protocol::Event& event) {
  if (std::holds_alternative<protocol::InitEvent>(event) ||
      std::holds_alternative<protocol::ResultEvent>(event)) {
    return;
  }
  protocol::Event copy = event;
  if (auto* a = std::get_if<protocol::AssistantEvent>(&copy)) a->parent_tool_use_id = id_;
  if (auto* u = std::get_if<protocol::UserEvent>(&copy)) {
    u->parent_tool_use_id = id_;
    u->is_prompt = false;  // Claude Code shows the subagent's prompt in the stream
  }
  if (auto* p = std::get_if<protocol::PartialEvent>(&copy)) p->parent_tool_use_id = id_;
  parent_.Emit(copy);
}

}  // namespace runner::agent
