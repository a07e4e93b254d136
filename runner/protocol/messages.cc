#include "runner/protocol/messages.h"

#include <utility>

namespace runner::protocol {

using base::JsonArray;
using base::JsonObject;
namespace {

/// Copies `key` from `from` into `*field` when it is present as a number.
void MergeInt(const Json& from, std::string_view key, int64_t* field) {
  const Json* v = from.Find(key);
  if (v != nullptr && v->is_number()) *field = v->AsInt();
}

}  // namespace

void Usage::Add(const Usage& other) {
  input_tokens += other.input_tokens;
  output_tokens += other.output_tokens;
  cache_creation_input_tokens += other.cache_creation_input_tokens;
  cache_read_input_tokens += other.cache_read_input_tokens;
  cache_creation_5m += other.cache_creation_5m;
  cache_creation_1h += other.cache_creation_1h;
  web_search_requests += other.web_search_requests;
}

void Usage::MergeFrom(const Json& api_usage) {
  if (!api_usage.is_object()) return;
  MergeInt(api_usage, "input_tokens", &input_tokens);
  MergeInt(api_usage, "output_tokens", &output_tokens);
  MergeInt(api_usage, "cache_creation_input_tokens", &cache_creation_input_tokens);
  MergeInt(api_usage, "cache_read_input_tokens", &cache_read_input_tokens);
  const Json& creation = api_usage["cache_creation"];
  MergeInt(creation, "ephemeral_5m_input_tokens", &cache_creation_5m);
  MergeInt(creation, "ephemeral_1h_input_tokens", &cache_creation_1h);
  MergeInt(api_usage["server_tool_use"], "web_search_requests", &web_search_requests);
}

Json Usage::ToMessageJson() const {
  return JsonObject({
      {"input_tokens", input_tokens},
      {"cache_creation_input_tokens", cache_creation_input_tokens},
      {"cache_read_input_tokens", cache_read_input_tokens},
      {"output_tokens", output_tokens},
      {"service_tier", "standard"},
  });
}

Json Message::ToJson() const { return JsonObject({{"role", role}, {"content", content}}); }

Message Message::FromJson(const Json& j) {
  return Message{.role = j["role"].AsString(), .content = j["content"]};
}

std::string AssistantReply::Text() const {
  std::string text;
  for (const Json& block : content.items()) {
    if (block["type"].AsString() == "text") text += block["text"].AsString();
  }
  return text;
}

std::vector<Json> AssistantReply::ToolUses() const {
  std::vector<Json> uses;
  for (const Json& block : content.items()) {
    if (block["type"].AsString() == "tool_use") uses.push_back(block);
  }
  return uses;
}

Json TextBlock(std::string text) {
  return JsonObject({{"type", "text"}, {"text", std::move(text)}});
}

Json ToolResultBlock(const std::string& tool_use_id, Json content, bool is_error) {
  return JsonObject({
      {"tool_use_id", tool_use_id},
      {"type", "tool_result"},
      {"content", std::move(content)},
      {"is_error", is_error},
  });
}

}  // namespace runner::protocol
