#pragma once
/// Folding the runs of one event's hooks into one HookResult the agent acts on, and the
/// per-hook reports behind `system:hook_started` / `system:hook_response`. Pure.
///
/// Precedence when hooks disagree: `continue: false` (stop) outranks everything; then any deny
/// or block wins, then ask, then allow. Texts for the model keep config order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/hooks/hook_config.h"
#include "runner/hooks/hook_event.h"
#include "runner/hooks/hook_output.h"

namespace runner::hooks {

enum class HookRunStatus {
  kExited,         ///< ran to its end; `exit_code` and `output` are set
  kTimedOut,       ///< killed at its timeout (a non-blocking error)
  kCancelled,      ///< killed because the run was cancelled
  kFailedToStart,  ///< could not be launched; `stderr_data` says why
};

/// One hook command's execution for one event occurrence.
struct HookRun {
  HookCommand hook;
  std::string hook_id;    ///< fresh per execution (a UUID)
  std::string hook_name;  ///< HookName(): "PreToolUse:Bash", "Stop"
  HookRunStatus status = HookRunStatus::kExited;
  int exit_code = -1;
  std::string stdout_data;
  std::string stderr_data;
  int64_t duration_ms = 0;
  HookOutput output;  ///< ParseHookOutput() for kExited; default otherwise
};

/// "<Event>:<value>" for an event with a matcher and a non-empty value, else "<Event>".
std::string HookName(HookEvent event, std::string_view match_value);

/// What the agent does after an event's hooks ran. Default = nothing to do.
struct HookResult {
  int hooks_run = 0;
  /// Some hook said `continue: false`: end the run after this event, with `stop_reason`
  /// shown to the user. Outranks `blocked`.
  bool stop = false;
  std::string stop_reason;
  /// Some hook blocked what the event can block (see hook_output.h); `reason` says why.
  bool blocked = false;
  /// For the model: the PreToolUse/PermissionRequest denial text (exit 2 reads
  /// `PreToolUse:Bash hook error: [<command>]: <stderr>`), PostToolUse feedback, or for
  /// Stop/SubagentStop the `Stop hook feedback:\n…` message that continues the conversation.
  std::string reason;
  /// PreToolUse and PermissionRequest: deny > ask > allow > none (deny implies `blocked`).
  PermissionDecision decision = PermissionDecision::kNone;
  std::string decision_reason;  ///< the reason given with the winning allow or ask
  /// From the first hook (config order) whose decision is the winning one; never with deny.
  std::optional<base::Json> updated_input;
  std::optional<base::Json> updated_permissions;  ///< PermissionRequest allow
  bool interrupt = false;                         ///< PermissionRequest deny with interrupt
  std::optional<base::Json> updated_tool_output;  ///< PostToolUse, first hook that gave one
  std::vector<std::string> additional_context;    ///< for the model, config order
  std::vector<std::string> system_messages;       ///< `systemMessage`s, for the user
  /// Non-blocking errors, timeouts, exit 2 of events that cannot block, ignored JSON fields:
  /// for the user (stderr / verbose), never the model.
  std::vector<std::string> user_messages;

  bool operator==(const HookResult&) const = default;
};

/// Folds runs (in config order) of one occurrence of `event`.
HookResult AggregateHookRuns(HookEvent event, const std::vector<HookRun>& runs);

/// A `system:hook_started` (kStarted) or `system:hook_response` (kResponse) message's fields;
/// the output module adds type, subtype, uuid and session_id.
struct HookReport {
  enum class Kind { kStarted, kResponse };
  Kind kind = Kind::kStarted;
  std::string hook_id;
  std::string hook_name;
  std::string hook_event;
  // kResponse only:
  std::string output;  ///< stdout then stderr
  std::string stdout_data;
  std::string stderr_data;
  std::optional<int> exit_code;  ///< absent when the hook was killed or never started
  std::string outcome;           ///< "success" (exit 0), "error", "cancelled" (timeout/cancel)

  bool operator==(const HookReport&) const = default;
};

HookReport StartedReport(HookEvent event, const HookRun& run);
HookReport ResponseReport(HookEvent event, const HookRun& run);

}  // namespace runner::hooks
