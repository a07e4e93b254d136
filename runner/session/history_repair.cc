#include "runner/session/history_repair.h"

#include <set>
#include <string>
#include <utility>

namespace runner::session {
namespace {

using protocol::Json;
using protocol::Message;

/// Content as an array of blocks (a string becomes one text block; an empty string none).
Json AsBlocks(const Json& content) {
  if (content.is_array()) return content;
  Json blocks = Json::MakeArray();
  if (content.is_string() && !content.AsString().empty()) {
    blocks.Push(protocol::TextBlock(content.AsString()));
  }
  return blocks;
}

bool IsEmpty(const Message& m) {
  return m.content.is_null() || (m.content.is_string() && m.content.AsString().empty()) ||
         (m.content.is_array() && m.content.empty());
}

std::vector<Message> MergeAdjacent(std::vector<Message> in) {
  std::vector<Message> out;
  for (Message& m : in) {
    if (IsEmpty(m)) continue;
    if (out.empty() || out.back().role != m.role) {
      out.push_back(std::move(m));
      continue;
    }
    Json merged = AsBlocks(out.back().content);
    Json more = AsBlocks(m.content);
    for (Json& block : more.items()) merged.Push(std::move(block));
    out.back().content = std::move(merged);
  }
  return out;
}

std::set<std::string> ToolUseIds(const Message& m) {
  std::set<std::string> ids;
  if (m.role != "assistant") return ids;
  for (const Json& b : m.content.items()) {
    if (b["type"].AsString() == "tool_use") ids.insert(b["id"].AsString());
  }
  return ids;
}

bool IsToolResult(const Json& block) { return block["type"].AsString() == "tool_result"; }

void DropOrphanToolResults(std::vector<Message>& messages) {
  for (size_t i = 0; i < messages.size(); ++i) {
    Message& m = messages[i];
    if (m.role != "user" || !m.content.is_array()) continue;
    std::set<std::string> asked = i > 0 ? ToolUseIds(messages[i - 1]) : std::set<std::string>{};
    Json kept = Json::MakeArray();
    for (const Json& b : m.content.items()) {
      if (!IsToolResult(b) || asked.contains(b["tool_use_id"].AsString())) kept.Push(b);
    }
    m.content = std::move(kept);
  }
}

/// Error results for the tool uses of `assistant` that `next` (may be null) does not answer.
Json MissingResults(const Message& assistant, const Message* next) {
  std::set<std::string> answered;
  if (next != nullptr) {
    for (const Json& b : next->content.items()) {
      if (IsToolResult(b)) answered.insert(b["tool_use_id"].AsString());
    }
  }
  Json missing = Json::MakeArray();
  for (const Json& b : assistant.content.items()) {
    if (b["type"].AsString() != "tool_use" || answered.contains(b["id"].AsString())) continue;
    missing.Push(protocol::ToolResultBlock(b["id"].AsString(), kInterruptedToolResult, true));
  }
  return missing;
}

void CloseDanglingToolUses(std::vector<Message>& messages) {
  for (size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].role != "assistant") continue;
    Message* next = i + 1 < messages.size() ? &messages[i + 1] : nullptr;
    Json missing = MissingResults(messages[i], next);
    if (missing.empty()) continue;
    if (next == nullptr) {
      messages.push_back(Message{.role = "user", .content = std::move(missing)});
      return;
    }
    // tool_result blocks must open the user message.
    Json rest = AsBlocks(next->content);
    for (Json& b : rest.items()) missing.Push(std::move(b));
    next->content = std::move(missing);
  }
}

}  // namespace

std::vector<Message> RepairHistory(std::vector<Message> messages) {
  messages = MergeAdjacent(std::move(messages));
  DropOrphanToolResults(messages);
  messages = MergeAdjacent(std::move(messages));
  CloseDanglingToolUses(messages);
  return messages;
}

}  // namespace runner::session
