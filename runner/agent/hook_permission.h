#pragma once
/// How the hooks' answers join the permission gate's decision for one tool call, as in Claude
/// Code (docs/hooks.md, "Wiring"). Pure: the dispatcher runs the hooks and the gate, and these
/// functions only combine what they said.

#include <string_view>

#include "runner/hooks/hook_output.h"
#include "runner/hooks/hook_result.h"
#include "runner/permissions/gate.h"

namespace runner::agent {

/// Joins a PreToolUse hook's `permissionDecision` to the gate's decision on the same input:
/// - allow waives the approval the call would need (the gate's kAsk, or dontAsk's denial of an
///   undecided call) but never a deny rule, an ask rule or plan mode;
/// - ask makes a call the gate allows need approval after all (kAsk; in dontAsk a denial);
///   `hook_reason` goes into the message;
/// - none (or defer) leaves the gate's decision. A deny never gets here: it blocks the call
///   before the gate is asked.
permissions::Decision JoinPreToolUseDecision(const permissions::Decision& gate,
                                             hooks::PermissionDecision hook,
                                             std::string_view hook_reason,
                                             std::string_view tool_name,
                                             permissions::PermissionMode mode);

/// The decision after the PermissionRequest hooks answered an approval request (`asked` is a
/// kAsk decision): allow grants it; deny, exit 2 or `continue: false` denies it with the hooks'
/// message; no decision leaves `asked` as it was.
permissions::Decision JoinPermissionRequestResult(const permissions::Decision& asked,
                                                  const hooks::HookResult& result,
                                                  std::string_view tool_name);

}  // namespace runner::agent
