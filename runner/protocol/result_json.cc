#include "runner/protocol/result_json.h"

#include "runner/base/uuid.h"

namespace runner::protocol {

using base::JsonArray;
using base::JsonObject;
namespace {

Json OneModelUsage(const std::string& model, const ModelUsage& m) {
  return JsonObject({
      {"inputTokens", m.input_tokens},
      {"outputTokens", m.output_tokens},
      {"cacheReadInputTokens", m.cache_read_input_tokens},
      {"cacheCreationInputTokens", m.cache_creation_input_tokens},
      {"webSearchRequests", m.web_search_requests},
      {"costUSD", m.cost_usd},
      {"contextWindow", m.context_window},
      {"maxOutputTokens", m.max_output_tokens},
      {"cacheCreationEphemeral5mInputTokens", m.cache_creation_5m},
      {"cacheCreationEphemeral1hInputTokens", m.cache_creation_1h},
      {"thinkingTokens", 0},
      {"canonicalModel", model},
      {"provider", "firstParty"},
      {"costBasis", "list"},
  });
}

Json StringArray(const std::vector<std::string>& items) {
  Json out = Json::MakeArray();
  for (const std::string& s : items) out.Push(s);
  return out;
}

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json() : Json(s); }

}  // namespace

Json ResultUsageJson(const Usage& usage) {
  return JsonObject({
      {"input_tokens", usage.input_tokens},
      {"cache_creation_input_tokens", usage.cache_creation_input_tokens},
      {"cache_read_input_tokens", usage.cache_read_input_tokens},
      {"output_tokens", usage.output_tokens},
      {"output_tokens_details", JsonObject({{"thinking_tokens", 0}})},
      {"server_tool_use",
       JsonObject({{"web_search_requests", usage.web_search_requests}, {"web_fetch_requests", 0}})},
      {"service_tier", "standard"},
      {"cache_creation", JsonObject({{"ephemeral_1h_input_tokens", usage.cache_creation_1h},
                                     {"ephemeral_5m_input_tokens", usage.cache_creation_5m}})},
      {"inference_geo", ""},
      {"iterations", Json::MakeArray()},
      {"speed", "standard"},
      {"fallback_credit", nullptr},
  });
}

Json ModelUsageJson(const std::vector<std::pair<std::string, ModelUsage>>& model_usage) {
  Json out = Json::MakeObject();
  for (const auto& [model, usage] : model_usage) out.Set(model, OneModelUsage(model, usage));
  return out;
}

Json ResultToJson(const RunResult& r) {
  const bool success = r.subtype == "success";
  Json j = JsonObject({
      {"type", "result"},
      {"subtype", r.subtype},
      {"is_error", r.is_error},
      {"duration_ms", r.duration_ms},
      {"duration_api_ms", r.duration_api_ms},
      {"num_turns", r.num_turns},
  });
  if (success) j.Set("result", r.result);
  j.Set("stop_reason", NullIfEmpty(r.stop_reason));
  j.Set("session_id", r.session_id);
  j.Set("total_cost_usd", r.total_cost_usd);
  j.Set("usage", ResultUsageJson(r.usage));
  j.Set("modelUsage", ModelUsageJson(r.model_usage));
  j.Set("permission_denials",
        r.permission_denials.is_array() ? r.permission_denials : Json::MakeArray());
  j.Set("terminal_reason", r.terminal_reason);
  if (!success) j.Set("errors", StringArray(r.errors));
  if (r.structured_output) j.Set("structured_output", *r.structured_output);
  // Claude Code prints `api_error_status: null` on success results and omits it on error ones.
  if (r.api_error_status) {
    j.Set("api_error_status", *r.api_error_status);
  } else if (success) {
    j.Set("api_error_status", nullptr);
  }
  j.Set("uuid", r.uuid.empty() ? base::NewUuid() : r.uuid);
  return j;
}

}  // namespace runner::protocol
