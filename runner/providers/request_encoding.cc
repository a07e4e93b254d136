#include "runner/providers/request_encoding.h"

#include <utility>

namespace runner::providers {

using base::Json;

namespace {

Json EphemeralCache() { return base::JsonObject({{"type", "ephemeral"}}); }

/// Marks `block` as a cache breakpoint when the API allows one there.
void MarkCacheable(Json& block) {
  if (!block.is_object()) return;
  const std::string& type = block["type"].AsString();
  if (type == "thinking" || type == "redacted_thinking") return;
  if (type == "text" && block["text"].AsString().empty()) return;
  block.Set("cache_control", EphemeralCache());
}

void MarkLastBlock(Json& blocks) {
  if (blocks.is_array() && !blocks.empty()) MarkCacheable(blocks.items().back());
}

Json EncodeMessages(const ModelRequest& request, PromptCaching caching) {
  Json messages = Json::MakeArray();
  for (const protocol::Message& message : request.messages) messages.Push(message.ToJson());
  if (caching == PromptCaching::kDisabled || messages.empty()) return messages;
  Json& content = messages.items().back().Slot("content");
  if (content.is_string()) {
    if (content.AsString().empty()) return messages;
    content = base::JsonArray({protocol::TextBlock(content.AsString())});
  }
  MarkLastBlock(content);
  return messages;
}

}  // namespace

Json EncodeRequestBody(const ModelRequest& request, const EncodeOptions& options) {
  Json body = Json::MakeObject();
  body.Set("model", request.model);
  body.Set("max_tokens", options.max_tokens_override.value_or(request.max_tokens));
  if (request.system.is_array() && !request.system.empty()) {
    Json system = request.system;
    if (options.caching == PromptCaching::kEnabled) MarkLastBlock(system);
    body.Set("system", std::move(system));
  } else if (request.system.is_string() && !request.system.AsString().empty()) {
    body.Set("system", request.system);
  }
  body.Set("messages", EncodeMessages(request, options.caching));
  if (request.tools.is_array() && !request.tools.empty()) body.Set("tools", request.tools);
  if (request.extra.is_object()) {
    for (const auto& [key, value] : request.extra.members()) body.Set(key, value);
  }
  body.Set("stream", true);
  return body;
}

}  // namespace runner::providers
