#pragma once
/// The hook events claude-runner fires, their Claude Code names, and what each one's matcher
/// is compared against. One table (hook_event.cc) holds every per-event fact.

#include <optional>
#include <span>
#include <string_view>

namespace runner::hooks {

/// Every event claude-runner can fire. Claude Code knows more (`HOOK_EVENTS` in sdk-types);
/// IsKnownClaudeCodeEvent() names those that are accepted in settings but never fired here.
enum class HookEvent {
  kPreToolUse,
  kPostToolUse,
  kPostToolUseFailure,
  kPermissionRequest,
  kPermissionDenied,
  kNotification,
  kUserPromptSubmit,
  kSessionStart,
  kSessionEnd,
  kStop,
  kStopFailure,
  kSubagentStart,
  kSubagentStop,
  kPreCompact,
  kPostCompact,
};

inline constexpr size_t kHookEventCount = 15;

/// How a matcher that is an exact list splits its items (Claude Code v2.1.191).
enum class MatcherSeparators {
  kPipeOrComma,  ///< `Edit|Write` and `Edit, Write`
  kPipeOnly,     ///< FileChanged and StopFailure: `,` is a literal character
};

/// What an event's matcher is compared with (for documentation and the agent's call sites).
enum class MatchField {
  kNone,              ///< the event has no matcher: every group runs, a matcher is ignored
  kToolName,          ///< PreToolUse, PostToolUse, PostToolUseFailure, PermissionRequest, …
  kSource,            ///< SessionStart: startup, resume, clear, compact
  kReason,            ///< SessionEnd: clear, logout, prompt_input_exit, other
  kNotificationType,  ///< Notification
  kAgentType,         ///< SubagentStart, SubagentStop
  kTrigger,           ///< PreCompact, PostCompact: manual, auto
  kError,             ///< StopFailure: the error type
};

struct HookEventInfo {
  HookEvent event;
  std::string_view name;  ///< Claude Code's spelling, e.g. "PreToolUse"
  MatchField match_field;
  MatcherSeparators separators;
};

/// The table, in enum order.
std::span<const HookEventInfo> AllHookEvents();
const HookEventInfo& InfoOf(HookEvent event);
std::string_view HookEventName(HookEvent event);
/// nullopt for names claude-runner does not fire (including unknown names).
std::optional<HookEvent> ParseHookEventName(std::string_view name);
/// True for every name in Claude Code's HOOK_EVENTS list (sdk-types/04-hooks), fired here or not.
bool IsKnownClaudeCodeEvent(std::string_view name);

}  // namespace runner::hooks
