#include "runner/agent/hook_permission.h"

#include <string>

namespace runner::agent {
namespace {

using permissions::Behavior;
using permissions::Decision;
using permissions::ReasonType;

Decision HookAllows() { return {true, "", Behavior::kAllow, ReasonType::kHook}; }

Decision HookDenies(std::string message) {
  return {false, std::move(message), Behavior::kDeny, ReasonType::kHook};
}

/// A call only needed approval because nothing granted it (no rule and no mode decided).
bool OnlyNeedsApproval(const Decision& d) {
  bool undecided = d.reason_type == ReasonType::kDefault || d.reason_type == ReasonType::kWorkingDir;
  return d.behavior != Behavior::kAllow && undecided;
}

}  // namespace

Decision JoinPreToolUseDecision(const Decision& gate, hooks::PermissionDecision hook,
                                std::string_view hook_reason, std::string_view tool_name,
                                permissions::PermissionMode mode) {
  switch (hook) {
    case hooks::PermissionDecision::kAllow:
      return OnlyNeedsApproval(gate) ? HookAllows() : gate;
    case hooks::PermissionDecision::kAsk: {
      if (!gate.allowed) return gate;
      std::string why = hook_reason.empty() ? "" : " (" + std::string(hook_reason) + ")";
      Decision d{false,
                 "Claude requested permissions to use " + std::string(tool_name) +
                     ", but a PreToolUse hook asked for approval" + why +
                     ", and nobody can approve it in a non-interactive run.",
                 Behavior::kAsk, ReasonType::kHook};
      // dontAsk turns what would be asked into a denial.
      if (mode == permissions::PermissionMode::kDontAsk) d.behavior = Behavior::kDeny;
      return d;
    }
    case hooks::PermissionDecision::kNone:
    case hooks::PermissionDecision::kDeny:
      return gate;
  }
  return gate;
}

Decision JoinPermissionRequestResult(const Decision& asked, const hooks::HookResult& result,
                                     std::string_view tool_name) {
  if (result.blocked) return HookDenies(result.reason);
  if (result.stop) {
    return HookDenies(result.stop_reason.empty()
                          ? "A PermissionRequest hook stopped the run before " +
                                std::string(tool_name) + " ran."
                          : result.stop_reason);
  }
  if (result.decision == hooks::PermissionDecision::kAllow) return HookAllows();
  return asked;
}

}  // namespace runner::agent
