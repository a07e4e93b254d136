#include "runner/hooks/hook_event.h"

#include <algorithm>
#include <array>

namespace runner::hooks {
namespace {

using enum HookEvent;
using enum MatchField;
constexpr MatcherSeparators kAny = MatcherSeparators::kPipeOrComma;

constexpr std::array<HookEventInfo, kHookEventCount> kEvents = {{
    {kPreToolUse, "PreToolUse", kToolName, kAny},
    {kPostToolUse, "PostToolUse", kToolName, kAny},
    {kPostToolUseFailure, "PostToolUseFailure", kToolName, kAny},
    {kPermissionRequest, "PermissionRequest", kToolName, kAny},
    {kPermissionDenied, "PermissionDenied", kToolName, kAny},
    {kNotification, "Notification", kNotificationType, kAny},
    {kUserPromptSubmit, "UserPromptSubmit", kNone, kAny},
    {kSessionStart, "SessionStart", kSource, kAny},
    {kSessionEnd, "SessionEnd", kReason, kAny},
    {kStop, "Stop", kNone, kAny},
    {kStopFailure, "StopFailure", kError, MatcherSeparators::kPipeOnly},
    {kSubagentStart, "SubagentStart", kAgentType, kAny},
    {kSubagentStop, "SubagentStop", kAgentType, kAny},
    {kPreCompact, "PreCompact", kTrigger, kAny},
    {kPostCompact, "PostCompact", kTrigger, kAny},
}};

// Claude Code's HOOK_EVENTS (sdk-types/04-hooks.compact.d.ts, CLI 2.1.330).
constexpr std::array<std::string_view, 33> kClaudeCodeEvents = {
    "PreToolUse",          "PostToolUse",
    "PostToolUseFailure",  "PostToolBatch",
    "Notification",        "UserPromptSubmit",
    "UserPromptExpansion", "SessionStart",
    "SessionEnd",          "Stop",
    "StopFailure",         "SubagentStart",
    "SubagentStop",        "PreCompact",
    "PostCompact",         "PreModelSwitch",
    "PostModelSwitch",     "PermissionRequest",
    "PermissionDenied",    "Setup",
    "TeammateIdle",        "TaskCreated",
    "TaskCompleted",       "Elicitation",
    "ElicitationResult",   "ConfigChange",
    "WorktreeCreate",      "WorktreeRemove",
    "InstructionsLoaded",  "CwdChanged",
    "FileChanged",         "DirectoryAdded",
    "MessageDisplay",
};

}  // namespace

std::span<const HookEventInfo> AllHookEvents() { return kEvents; }

const HookEventInfo& InfoOf(HookEvent event) { return kEvents[static_cast<size_t>(event)]; }

std::string_view HookEventName(HookEvent event) { return InfoOf(event).name; }

std::optional<HookEvent> ParseHookEventName(std::string_view name) {
  for (const HookEventInfo& info : kEvents) {
    if (info.name == name) return info.event;
  }
  return std::nullopt;
}

bool IsKnownClaudeCodeEvent(std::string_view name) {
  return std::ranges::find(kClaudeCodeEvents, name) != kClaudeCodeEvents.end();
}

}  // namespace runner::hooks
