#include "runner/protocol/sdk_json.h"

#include "runner/base/clock.h"
#include "runner/base/uuid.h"
#include "runner/base/version.h"
#include "runner/protocol/api_message.h"

namespace runner::protocol {

using base::JsonArray;
using base::JsonObject;
namespace {

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json() : Json(s); }
std::string UuidOrNew(const std::string& uuid) { return uuid.empty() ? base::NewUuid() : uuid; }
std::string TimestampOrNow(const std::string& ts) { return ts.empty() ? base::IsoTimestamp() : ts; }
const std::string& Prefer(const std::string& own, const std::string& fallback) {
  return own.empty() ? fallback : own;
}

Json StringArray(const std::vector<std::string>& items) {
  Json out = Json::MakeArray();
  for (const std::string& s : items) out.Push(s);
  return out;
}

}  // namespace

Json InitToJson(const InitEvent& e, const std::string& session_id) {
  return JsonObject({
      {"type", "system"},
      {"subtype", "init"},
      {"cwd", e.cwd},
      {"session_id", Prefer(e.session_id, session_id)},
      {"tools", StringArray(e.tools)},
      {"mcp_servers", e.mcp_servers.is_array() ? e.mcp_servers : Json::MakeArray()},
      {"model", e.model},
      {"permissionMode", e.permission_mode},
      {"slash_commands", StringArray(e.slash_commands)},
      {"apiKeySource", e.api_key_source},
      {"claude_code_version", base::kVersion},
      {"output_style", "default"},
      {"agents", StringArray(e.agents)},
      {"skills", Json::MakeArray()},
      {"plugins", Json::MakeArray()},
      {"uuid", UuidOrNew(e.uuid)},
      {"additional_directories", StringArray(e.additional_directories)},
  });
}

Json StatusToJson(const StatusEvent& e, const std::string& session_id) {
  return JsonObject({
      {"type", "system"},
      {"subtype", "status"},
      {"status", NullIfEmpty(e.status)},
      {"session_id", session_id},
      {"uuid", UuidOrNew(e.uuid)},
  });
}

Json PartialToJson(const PartialEvent& e, const std::string& session_id) {
  Json j = JsonObject({
      {"type", "stream_event"},
      {"event", e.event},
      {"session_id", session_id},
      {"parent_tool_use_id", NullIfEmpty(e.parent_tool_use_id)},
      {"uuid", UuidOrNew(e.uuid)},
  });
  if (e.ttft_ms) j.Set("ttft_ms", *e.ttft_ms);
  if (!e.message_id.empty()) j.Set("api_message_id", e.message_id);
  return j;
}

Json AssistantToJson(const AssistantEvent& e, const std::string& session_id) {
  Json j = JsonObject({
      {"type", "assistant"},
      {"message", e.message},
      {"parent_tool_use_id", NullIfEmpty(e.parent_tool_use_id)},
      {"session_id", session_id},
      {"uuid", UuidOrNew(e.uuid)},
      {"timestamp", TimestampOrNow(e.timestamp)},
  });
  if (!e.error.empty()) j.Set("error", e.error);
  if (!e.request_id.empty()) j.Set("request_id", e.request_id);
  if (IsApiErrorEvent(e)) {
    j.Set("is_api_error_message", true);
    j.Set("api_error_status", e.api_error_status ? Json(*e.api_error_status) : Json());
    if (!e.api_error_type.empty()) j.Set("api_error_type", e.api_error_type);
  }
  return j;
}

Json UserToJson(const UserEvent& e, const std::string& session_id) {
  Json j = JsonObject({
      {"type", "user"},
      {"message", e.message},
      {"parent_tool_use_id", NullIfEmpty(e.parent_tool_use_id)},
      {"session_id", session_id},
      {"uuid", UuidOrNew(e.uuid)},
      {"timestamp", TimestampOrNow(e.timestamp)},
  });
  if (!e.tool_use_result.is_null()) j.Set("tool_use_result", e.tool_use_result);
  if (e.is_replay) j.Set("isReplay", true);
  if (e.is_synthetic) j.Set("isSynthetic", true);
  return j;
}

Json RetryToJson(const RetryEvent& e, const std::string& session_id) {
  return JsonObject({
      {"type", "system"},
      {"subtype", "api_retry"},
      {"attempt", e.attempt},
      {"max_retries", e.max_retries},
      {"retry_delay_ms", e.retry_delay_ms},
      {"error_status", e.error_status ? Json(*e.error_status) : Json()},
      {"error", e.error},
      {"session_id", session_id},
      {"uuid", UuidOrNew(e.uuid)},
  });
}

Json PermissionDeniedToJson(const PermissionDeniedEvent& e, const std::string& session_id) {
  return JsonObject({
      {"type", "system"},
      {"subtype", "permission_denied"},
      {"tool_name", e.tool_name},
      {"tool_use_id", e.tool_use_id},
      {"message", e.message},
      {"uuid", UuidOrNew(e.uuid)},
      {"session_id", session_id},
  });
}

Json HookToJson(const HookEvent& e, const std::string& session_id) {
  Json j = JsonObject({{"type", "system"},
                       {"subtype", e.started ? "hook_started" : "hook_response"},
                       {"hook_id", e.hook_id},
                       {"hook_name", e.hook_name},
                       {"hook_event", e.hook_event}});
  if (!e.started) {
    j.Set("output", e.output);
    j.Set("stdout", e.stdout_data);
    j.Set("stderr", e.stderr_data);
    if (e.exit_code) j.Set("exit_code", *e.exit_code);  // absent when the hook was killed
    j.Set("outcome", e.outcome);
  }
  j.Set("uuid", UuidOrNew(e.uuid));
  j.Set("session_id", session_id);
  return j;
}

namespace {

/// One overload per event type, so a new Event alternative fails to compile until handled.
struct LineBuilder {
  const std::string& session_id;
  Json operator()(const InitEvent& e) const { return InitToJson(e, session_id); }
  Json operator()(const StatusEvent& e) const { return StatusToJson(e, session_id); }
  Json operator()(const PartialEvent& e) const { return PartialToJson(e, session_id); }
  Json operator()(const AssistantEvent& e) const { return AssistantToJson(e, session_id); }
  Json operator()(const UserEvent& e) const { return UserToJson(e, session_id); }
  Json operator()(const RetryEvent& e) const { return RetryToJson(e, session_id); }
  Json operator()(const PermissionDeniedEvent& e) const {
    return PermissionDeniedToJson(e, session_id);
  }
  Json operator()(const HookEvent& e) const { return HookToJson(e, session_id); }
  Json operator()(const ControlEvent& e) const { return e.message; }
  Json operator()(const ResultEvent& e) const {
    if (!e.result.session_id.empty()) return ResultToJson(e.result);
    RunResult r = e.result;
    r.session_id = session_id;
    return ResultToJson(r);
  }
};

}  // namespace

Json ToStreamJson(const Event& event, const std::string& session_id) {
  return std::visit(LineBuilder{session_id}, event);
}

}  // namespace runner::protocol
