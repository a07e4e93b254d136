#pragma once
/// What one hook said, read from its exit code, stdout and stderr (spec-print-mode §6.4–6.5,
/// sdk-types/04-hooks SyncHookJSONOutput). Pure: tested on literal text.
///
/// Exit 0: stdout that is a JSON object (first non-space character `{`) is the JSON output;
///   any other stdout is plain text, which UserPromptSubmit and SessionStart add as context
///   for the model and other events only show to the user.
/// Exit 2: a blocking error; stderr is the reason and stdout (JSON or not) is ignored. What it
///   blocks depends on the event: the tool call (PreToolUse), the permission (PermissionRequest),
///   the prompt (UserPromptSubmit), the stop (Stop, SubagentStop); after a tool (PostToolUse,
///   PostToolUseFailure) it is feedback for the model; other events only show stderr to the user.
/// Any other exit code: a non-blocking error; stderr is shown to the user, the run goes on.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/hooks/hook_event.h"

namespace runner::hooks {

enum class ExitKind { kSuccess, kBlockingError, kNonBlockingError };

/// In precedence order: when hooks disagree the highest wins (deny > ask > allow > none).
enum class PermissionDecision { kNone, kAllow, kAsk, kDeny };

std::string_view PermissionDecisionName(PermissionDecision decision);

struct HookOutput {
  ExitKind exit_kind = ExitKind::kSuccess;
  bool is_json = false;  ///< stdout was read as the JSON output

  // Common JSON fields.
  bool continue_session = true;  ///< `continue`; false stops the run after the hooks
  std::string stop_reason;       ///< `stopReason`, for the user
  bool suppress_output = false;  ///< `suppressOutput`
  std::string system_message;    ///< `systemMessage`, for the user

  /// The hook blocks what its event can block (exit 2, `decision: "block"`, a deny).
  bool block = false;
  /// PreToolUse (`permissionDecision`, or the older `decision` approve/block) and
  /// PermissionRequest (`decision.behavior`). `defer` reads as kNone.
  PermissionDecision permission = PermissionDecision::kNone;
  /// For the model when blocking: stderr for exit 2, else `permissionDecisionReason`,
  /// `decision.message` or `reason`.
  std::string reason;
  /// The reason given with allow or ask (shown to the user, not the model).
  std::string permission_reason;
  std::optional<base::Json> updated_input;        ///< PreToolUse, PermissionRequest allow
  std::optional<base::Json> updated_permissions;  ///< PermissionRequest allow
  bool interrupt = false;                         ///< PermissionRequest deny with interrupt
  std::optional<base::Json> updated_tool_output;  ///< PostToolUse updatedToolOutput/…MCPToolOutput
  std::string additional_context;                 ///< for the model
  std::string text;  ///< stdout when it is not the JSON output (exit 0 only)
  /// JSON fields that were ignored (wrong type, hookSpecificOutput for another event), for the
  /// user; the rest of the output still counts.
  std::vector<std::string> problems;

  bool operator==(const HookOutput&) const = default;
};

/// True when exit code 2 blocks something for `event` (see the table above).
bool ExitTwoBlocks(HookEvent event);

/// Reads one finished hook. `exit_code` is the process's exit status (0, 2, or other).
HookOutput ParseHookOutput(HookEvent event, int exit_code, std::string_view stdout_text,
                           std::string_view stderr_text);

}  // namespace runner::hooks
