#include "runner/hooks/hook_output.h"

#include "runner/base/strings.h"

namespace runner::hooks {
namespace {

using base::Json;

constexpr std::string_view kNoStderr = "No stderr output";

std::optional<std::string> StringField(const Json& obj, std::string_view key, HookOutput& out) {
  const Json* value = obj.Find(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_string()) return value->AsString();
  out.problems.push_back("`" + std::string(key) + "` is not a string; ignored");
  return std::nullopt;
}

std::optional<bool> BoolField(const Json& obj, std::string_view key, HookOutput& out) {
  const Json* value = obj.Find(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_bool()) return value->AsBool();
  out.problems.push_back("`" + std::string(key) + "` is not a boolean; ignored");
  return std::nullopt;
}

std::optional<Json> ObjectField(const Json& obj, std::string_view key, HookOutput& out) {
  const Json* value = obj.Find(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_object()) return *value;
  out.problems.push_back("`" + std::string(key) + "` is not an object; ignored");
  return std::nullopt;
}

void ApplyCommon(const Json& json, HookOutput& out) {
  if (auto v = BoolField(json, "continue", out)) out.continue_session = *v;
  if (auto v = StringField(json, "stopReason", out)) out.stop_reason = *v;
  if (auto v = BoolField(json, "suppressOutput", out)) out.suppress_output = *v;
  if (auto v = StringField(json, "systemMessage", out)) out.system_message = *v;
}

/// Events whose top-level `decision: "block"` blocks (PreToolUse maps it to a deny).
bool TakesBlockDecision(HookEvent event) {
  switch (event) {
    case HookEvent::kPostToolUse:
    case HookEvent::kPostToolUseFailure:
    case HookEvent::kUserPromptSubmit:
    case HookEvent::kStop:
    case HookEvent::kSubagentStop:
      return true;
    default:
      return false;
  }
}

void SetDeny(std::string reason, HookOutput& out) {
  out.permission = PermissionDecision::kDeny;
  out.block = true;
  out.reason = std::move(reason);
}

void SetPermission(PermissionDecision decision, std::string reason, HookOutput& out) {
  if (decision == PermissionDecision::kDeny) return SetDeny(std::move(reason), out);
  out.permission = decision;
  out.block = false;
  out.reason.clear();
  out.permission_reason = std::move(reason);
}

/// The top-level `decision` and `reason` (the older PreToolUse form is approve/block).
void ApplyDecision(HookEvent event, const Json& json, HookOutput& out) {
  std::string reason = StringField(json, "reason", out).value_or("");
  std::optional<std::string> decision = StringField(json, "decision", out);
  if (!decision) return;
  if (*decision != "approve" && *decision != "block") {
    out.problems.push_back("`decision` \"" + *decision + "\" is not approve or block; ignored");
  } else if (event == HookEvent::kPreToolUse) {
    SetPermission(*decision == "approve" ? PermissionDecision::kAllow : PermissionDecision::kDeny,
                  reason, out);
  } else if (*decision == "block" && TakesBlockDecision(event)) {
    out.block = true;
    out.reason = reason;
  }
}

/// `permissionDecision` overrides the top-level `decision`; its reason falls back to `reason`.
void ApplyPreToolUse(const Json& json, const Json& hso, HookOutput& out) {
  std::string reason =
      StringField(hso, "permissionDecisionReason", out).value_or(json["reason"].StringOr(""));
  if (auto decision = StringField(hso, "permissionDecision", out)) {
    if (*decision == "allow") {
      SetPermission(PermissionDecision::kAllow, reason, out);
    } else if (*decision == "ask") {
      SetPermission(PermissionDecision::kAsk, reason, out);
    } else if (*decision == "deny") {
      SetPermission(PermissionDecision::kDeny, reason, out);
    } else if (*decision == "defer") {
      SetPermission(PermissionDecision::kNone, "", out);
    } else {
      out.problems.push_back("`permissionDecision` \"" + *decision +
                             "\" is not allow, deny, ask or defer; ignored");
    }
  }
  out.updated_input = ObjectField(hso, "updatedInput", out);
}

void ApplyPermissionRequest(const Json& hso, HookOutput& out) {
  std::optional<Json> decision = ObjectField(hso, "decision", out);
  if (!decision) return;
  std::string behavior = StringField(*decision, "behavior", out).value_or("");
  if (behavior == "allow") {
    SetPermission(PermissionDecision::kAllow, "", out);
    out.updated_input = ObjectField(*decision, "updatedInput", out);
    const Json* permissions = decision->Find("updatedPermissions");
    if (permissions != nullptr && permissions->is_array()) out.updated_permissions = *permissions;
  } else if (behavior == "deny") {
    SetDeny(StringField(*decision, "message", out).value_or(""), out);
    out.interrupt = BoolField(*decision, "interrupt", out).value_or(false);
  } else {
    out.problems.push_back("`decision.behavior` is not allow or deny; ignored");
  }
}

void ApplySpecific(HookEvent event, const Json& json, HookOutput& out) {
  std::optional<Json> hso = ObjectField(json, "hookSpecificOutput", out);
  if (!hso) return;
  std::string name = StringField(*hso, "hookEventName", out).value_or("");
  if (!name.empty() && name != HookEventName(event)) {
    out.problems.push_back("`hookSpecificOutput` is for " + name + ", not " +
                           std::string(HookEventName(event)) + "; ignored");
    return;
  }
  if (event == HookEvent::kPreToolUse) ApplyPreToolUse(json, *hso, out);
  if (event == HookEvent::kPermissionRequest) ApplyPermissionRequest(*hso, out);
  if (event == HookEvent::kPostToolUse) {
    for (const char* key : {"updatedToolOutput", "updatedMCPToolOutput"}) {
      const Json* value = hso->Find(key);
      if (value != nullptr && !value->is_null()) out.updated_tool_output = *value;
    }
  }
  if (auto context = StringField(*hso, "additionalContext", out)) out.additional_context = *context;
}

/// Exit 0: stdout is the JSON output or plain text.
void ReadStdout(HookEvent event, std::string_view stdout_text, HookOutput& out) {
  std::string_view trimmed = base::Trim(stdout_text);
  if (trimmed.starts_with('{')) {
    auto json = Json::Parse(trimmed);
    if (json && json->is_object()) {
      out.is_json = true;
      ApplyCommon(*json, out);
      ApplyDecision(event, *json, out);
      ApplySpecific(event, *json, out);
      return;
    }
    out.problems.push_back("stdout starts with `{` but is not a JSON object; read as text");
  }
  out.text = std::string(stdout_text);
  bool stdout_is_context =
      event == HookEvent::kUserPromptSubmit || event == HookEvent::kSessionStart;
  if (stdout_is_context) out.additional_context = std::string(trimmed);
}

}  // namespace

std::string_view PermissionDecisionName(PermissionDecision decision) {
  switch (decision) {
    case PermissionDecision::kNone:
      return "none";
    case PermissionDecision::kAllow:
      return "allow";
    case PermissionDecision::kAsk:
      return "ask";
    case PermissionDecision::kDeny:
      return "deny";
  }
  return "none";
}

bool ExitTwoBlocks(HookEvent event) {
  return event == HookEvent::kPreToolUse || event == HookEvent::kPermissionRequest ||
         TakesBlockDecision(event);
}

HookOutput ParseHookOutput(HookEvent event, int exit_code, std::string_view stdout_text,
                           std::string_view stderr_text) {
  HookOutput out;
  if (exit_code == 0) {
    ReadStdout(event, stdout_text, out);
  } else if (exit_code == 2) {
    out.exit_kind = ExitKind::kBlockingError;
    out.block = ExitTwoBlocks(event);
    out.reason = stderr_text.empty() ? std::string(kNoStderr) : std::string(stderr_text);
    bool is_permission = event == HookEvent::kPreToolUse || event == HookEvent::kPermissionRequest;
    if (is_permission) out.permission = PermissionDecision::kDeny;
  } else {
    out.exit_kind = ExitKind::kNonBlockingError;
  }
  return out;
}

}  // namespace runner::hooks
