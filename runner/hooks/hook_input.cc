#include "runner/hooks/hook_input.h"

namespace runner::hooks {
namespace {

using base::Json;
using base::JsonObject;

void SetIfNotEmpty(Json& out, std::string_view key, const std::string& value) {
  if (!value.empty()) out.Set(key, value);
}

template <class T>
void SetIfPresent(Json& out, std::string_view key, const std::optional<T>& value) {
  if (value) out.Set(key, *value);
}

}  // namespace

Json BuildHookInput(HookEvent event, const HookEnv& env, const Json& event_fields) {
  Json out = JsonObject(
      {{"session_id", env.session_id}, {"transcript_path", env.transcript_path}, {"cwd", env.cwd}});
  SetIfNotEmpty(out, "permission_mode", env.permission_mode);
  SetIfNotEmpty(out, "agent_id", env.agent_id);
  SetIfNotEmpty(out, "agent_type", env.agent_type);
  out.Set("hook_event_name", HookEventName(event));
  if (event_fields.is_object()) {
    for (const auto& [key, value] : event_fields.members()) out.Set(key, value);
  }
  return out;
}

Json PreToolUseInput::Fields() const {
  return JsonObject(
      {{"tool_name", tool_name}, {"tool_input", tool_input}, {"tool_use_id", tool_use_id}});
}

Json PostToolUseInput::Fields() const {
  Json out = JsonObject({{"tool_name", tool_name},
                         {"tool_input", tool_input},
                         {"tool_response", tool_response},
                         {"tool_use_id", tool_use_id}});
  SetIfPresent(out, "duration_ms", duration_ms);
  return out;
}

Json PostToolUseFailureInput::Fields() const {
  Json out = JsonObject({{"tool_name", tool_name},
                         {"tool_input", tool_input},
                         {"tool_use_id", tool_use_id},
                         {"error", error}});
  SetIfPresent(out, "is_interrupt", is_interrupt);
  SetIfPresent(out, "duration_ms", duration_ms);
  return out;
}

Json PermissionRequestInput::Fields() const {
  Json out = JsonObject({{"tool_name", tool_name}, {"tool_input", tool_input}});
  if (!permission_suggestions.is_null()) out.Set("permission_suggestions", permission_suggestions);
  return out;
}

Json PermissionDeniedInput::Fields() const {
  return JsonObject({{"tool_name", tool_name},
                     {"tool_input", tool_input},
                     {"tool_use_id", tool_use_id},
                     {"reason", reason}});
}

Json NotificationInput::Fields() const {
  Json out = JsonObject({{"message", message}});
  SetIfNotEmpty(out, "title", title);
  out.Set("notification_type", notification_type);
  return out;
}

Json UserPromptSubmitInput::Fields() const { return JsonObject({{"prompt", prompt}}); }

Json SessionStartInput::Fields() const {
  Json out = JsonObject({{"source", source}});
  SetIfNotEmpty(out, "model", model);
  return out;
}

Json SessionEndInput::Fields() const { return JsonObject({{"reason", reason}}); }

Json StopInput::Fields() const {
  Json out = JsonObject({{"stop_hook_active", stop_hook_active}});
  SetIfPresent(out, "last_assistant_message", last_assistant_message);
  return out;
}

Json StopFailureInput::Fields() const {
  Json out = JsonObject({{"error", error}});
  SetIfPresent(out, "error_details", error_details);
  SetIfPresent(out, "last_assistant_message", last_assistant_message);
  return out;
}

Json SubagentStartInput::Fields() const {
  return JsonObject({{"agent_id", agent_id}, {"agent_type", agent_type}});
}

Json SubagentStopInput::Fields() const {
  Json out = JsonObject({{"stop_hook_active", stop_hook_active},
                         {"agent_id", agent_id},
                         {"agent_transcript_path", agent_transcript_path},
                         {"agent_type", agent_type}});
  SetIfPresent(out, "last_assistant_message", last_assistant_message);
  return out;
}

Json PreCompactInput::Fields() const {
  return JsonObject(
      {{"trigger", trigger},
       {"custom_instructions", custom_instructions ? Json(*custom_instructions) : Json(nullptr)}});
}

Json PostCompactInput::Fields() const {
  return JsonObject({{"trigger", trigger}, {"compact_summary", compact_summary}});
}

}  // namespace runner::hooks
