#include "runner/agent/hook_permission.h"

#include <gtest/gtest.h>

namespace runner::agent {
namespace {

using hooks::PermissionDecision;
using permissions::Behavior;
using permissions::Decision;
using permissions::PermissionMode;
using permissions::ReasonType;

constexpr PermissionMode kDefault = PermissionMode::kDefault;

const Decision kAllowedByRule{true, "", Behavior::kAllow, ReasonType::kRule, "Bash", "cliArg"};
const Decision kNeedsApproval{false,
                              "Claude requested permissions to use Bash, but you haven't granted "
                              "it yet.",
                              Behavior::kAsk, ReasonType::kDefault};
const Decision kOutsideWorkingDirs{false,
                                   "Claude requested permissions to read from /etc/x, but you "
                                   "haven't granted it yet.",
                                   Behavior::kAsk, ReasonType::kWorkingDir};
const Decision kDeniedByRule{false, "Permission to use Bash has been denied by the rule \"Bash\".",
                             Behavior::kDeny, ReasonType::kRule, "Bash", "cliArg"};
const Decision kAskRule{false, "needs approval by rule", Behavior::kAsk, ReasonType::kRule,
                        "Bash(git push:*)", "projectSettings"};
const Decision kPlanMode{false, "Plan mode is active: …", Behavior::kDeny, ReasonType::kMode};
const Decision kDontAskUndecided{false, kNeedsApproval.message, Behavior::kDeny,
                                 ReasonType::kDefault};

bool Same(const Decision& a, const Decision& b) {
  return a.allowed == b.allowed && a.message == b.message && a.behavior == b.behavior &&
         a.reason_type == b.reason_type && a.rule == b.rule && a.rule_source == b.rule_source;
}

Decision Join(const Decision& gate, PermissionDecision hook, PermissionMode mode = kDefault) {
  return JoinPreToolUseDecision(gate, hook, "", "Bash", mode);
}

TEST(JoinPreToolUseDecision, NoDecisionLeavesTheGate) {
  for (const Decision& d : {kAllowedByRule, kNeedsApproval, kDeniedByRule, kAskRule}) {
    EXPECT_TRUE(Same(Join(d, PermissionDecision::kNone), d)) << d.message;
  }
}

TEST(JoinPreToolUseDecision, AllowWaivesOnlyTheApprovalNobodyAskedFor) {
  Decision granted{true, "", Behavior::kAllow, ReasonType::kHook};
  EXPECT_TRUE(Same(Join(kNeedsApproval, PermissionDecision::kAllow), granted));
  EXPECT_TRUE(Same(Join(kOutsideWorkingDirs, PermissionDecision::kAllow), granted));
  EXPECT_TRUE(Same(Join(kDontAskUndecided, PermissionDecision::kAllow, PermissionMode::kDontAsk),
                   granted));
  // Rules and plan mode still apply.
  EXPECT_TRUE(Same(Join(kDeniedByRule, PermissionDecision::kAllow), kDeniedByRule));
  EXPECT_TRUE(Same(Join(kAskRule, PermissionDecision::kAllow), kAskRule));
  EXPECT_TRUE(Same(Join(kPlanMode, PermissionDecision::kAllow), kPlanMode));
  EXPECT_TRUE(Same(Join(kAllowedByRule, PermissionDecision::kAllow), kAllowedByRule));
}

TEST(JoinPreToolUseDecision, AskMakesAnAllowedCallNeedApproval) {
  Decision asked = JoinPreToolUseDecision(kAllowedByRule, PermissionDecision::kAsk,
                                          "pushes need a human", "Bash", kDefault);
  EXPECT_TRUE(Same(asked, Decision{false,
                                   "Claude requested permissions to use Bash, but a PreToolUse "
                                   "hook asked for approval (pushes need a human), and nobody can "
                                   "approve it in a non-interactive run.",
                                   Behavior::kAsk, ReasonType::kHook}));
  EXPECT_EQ(Join(kAllowedByRule, PermissionDecision::kAsk).message,
            "Claude requested permissions to use Bash, but a PreToolUse hook asked for approval, "
            "and nobody can approve it in a non-interactive run.");
  EXPECT_EQ(Join(kAllowedByRule, PermissionDecision::kAsk, PermissionMode::kDontAsk).behavior,
            Behavior::kDeny);
  // A call that already needs approval, or is denied, keeps the gate's words.
  EXPECT_TRUE(Same(Join(kNeedsApproval, PermissionDecision::kAsk), kNeedsApproval));
  EXPECT_TRUE(Same(Join(kDeniedByRule, PermissionDecision::kAsk), kDeniedByRule));
}

TEST(JoinPermissionRequestResult, NoDecisionKeepsTheRequest) {
  hooks::HookResult nothing;
  nothing.hooks_run = 1;
  nothing.additional_context = {"ignored here"};
  EXPECT_TRUE(Same(JoinPermissionRequestResult(kNeedsApproval, nothing, "Bash"), kNeedsApproval));
}

TEST(JoinPermissionRequestResult, AllowGrantsAndDenyDeniesWithTheHooksMessage) {
  hooks::HookResult allow;
  allow.decision = PermissionDecision::kAllow;
  EXPECT_TRUE(Same(JoinPermissionRequestResult(kNeedsApproval, allow, "Bash"),
                   Decision{true, "", Behavior::kAllow, ReasonType::kHook}));

  hooks::HookResult deny;
  deny.decision = PermissionDecision::kDeny;
  deny.blocked = true;
  deny.reason = "not on Fridays";
  EXPECT_TRUE(Same(JoinPermissionRequestResult(kAskRule, deny, "Bash"),
                   Decision{false, "not on Fridays", Behavior::kDeny, ReasonType::kHook}));
}

TEST(JoinPermissionRequestResult, ContinueFalseDenies) {
  hooks::HookResult stop;
  stop.stop = true;
  stop.decision = PermissionDecision::kAllow;  // outranked by the stop
  EXPECT_EQ(JoinPermissionRequestResult(kNeedsApproval, stop, "Bash").message,
            "A PermissionRequest hook stopped the run before Bash ran.");
  stop.stop_reason = "maintenance window";
  EXPECT_TRUE(Same(JoinPermissionRequestResult(kNeedsApproval, stop, "Bash"),
                   Decision{false, "maintenance window", Behavior::kDeny, ReasonType::kHook}));
}

}  // namespace
}  // namespace runner::agent
