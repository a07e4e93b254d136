#include "runner/hooks/hook_output.h"

#include <gtest/gtest.h>

namespace runner::hooks {
namespace {

using base::Json;

Json J(std::string_view text) {
  auto json = Json::Parse(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json.value_or(Json());
}

/// A hook that printed a JSON object with nothing else set.
HookOutput JsonOutput() {
  HookOutput out;
  out.is_json = true;
  return out;
}

TEST(HookOutput, ExitZeroWithoutOutputDoesNothing) {
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0, "", ""), HookOutput{});
}

TEST(HookOutput, PlainStdoutIsTextForTheUser) {
  HookOutput want;
  want.text = "formatted 3 files\n";
  EXPECT_EQ(ParseHookOutput(HookEvent::kPostToolUse, 0, "formatted 3 files\n", ""), want);
}

TEST(HookOutput, PlainStdoutIsContextForPromptAndSessionStart) {
  HookOutput want;
  want.text = "branch: main\n";
  want.additional_context = "branch: main";
  EXPECT_EQ(ParseHookOutput(HookEvent::kUserPromptSubmit, 0, "branch: main\n", ""), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kSessionStart, 0, "branch: main\n", ""), want);
}

TEST(HookOutput, GarbageThatLooksLikeJsonIsText) {
  HookOutput want;
  want.text = "{not json at all\x01";
  want.problems = {"stdout starts with `{` but is not a JSON object; read as text"};
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0, "{not json at all\x01", ""), want);
}

TEST(HookOutput, ExitTwoOnPreToolUseDeniesWithStderr) {
  HookOutput want;
  want.exit_kind = ExitKind::kBlockingError;
  want.block = true;
  want.permission = PermissionDecision::kDeny;
  want.reason = "blocked by policy hook\n";
  // stdout is ignored on exit 2, JSON or not.
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 2,
                            R"({"hookSpecificOutput":{"permissionDecision":"allow"}})",
                            "blocked by policy hook\n"),
            want);
}

TEST(HookOutput, ExitTwoWithoutStderrSaysSo) {
  HookOutput got = ParseHookOutput(HookEvent::kStop, 2, "", "");
  EXPECT_EQ(got.reason, "No stderr output");
  EXPECT_TRUE(got.block);
  EXPECT_EQ(got.permission, PermissionDecision::kNone);
}

TEST(HookOutput, ExitTwoOnNotificationBlocksNothing) {
  HookOutput want;
  want.exit_kind = ExitKind::kBlockingError;
  want.reason = "oops";
  EXPECT_EQ(ParseHookOutput(HookEvent::kNotification, 2, "", "oops"), want);
  EXPECT_FALSE(ExitTwoBlocks(HookEvent::kSessionStart));
  EXPECT_FALSE(ExitTwoBlocks(HookEvent::kPreCompact));
  EXPECT_TRUE(ExitTwoBlocks(HookEvent::kPostToolUse));
  EXPECT_TRUE(ExitTwoBlocks(HookEvent::kUserPromptSubmit));
}

TEST(HookOutput, OtherExitCodesAreNonBlocking) {
  HookOutput want;
  want.exit_kind = ExitKind::kNonBlockingError;
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 1, R"({"decision":"block"})", "err"), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 137, "", ""), want);
}

TEST(HookOutput, CommonFields) {
  HookOutput want = JsonOutput();
  want.continue_session = false;
  want.stop_reason = "budget exhausted";
  want.suppress_output = true;
  want.system_message = "careful";
  EXPECT_EQ(ParseHookOutput(HookEvent::kPostToolUse, 0,
                            R"(  {"continue":false,"stopReason":"budget exhausted",
                                  "suppressOutput":true,"systemMessage":"careful"}
)",
                            ""),
            want);
}

TEST(HookOutput, PreToolUseAllowWithUpdatedInputAndContext) {
  HookOutput want = JsonOutput();
  want.permission = PermissionDecision::kAllow;
  want.permission_reason = "safe";
  want.updated_input = J(R"({"command":"ls -la"})");
  want.additional_context = "cwd is /w";
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0, R"({"hookSpecificOutput":{
      "hookEventName":"PreToolUse","permissionDecision":"allow",
      "permissionDecisionReason":"safe","updatedInput":{"command":"ls -la"},
      "additionalContext":"cwd is /w"}})",
                            ""),
            want);
}

TEST(HookOutput, PreToolUseDenyAndAskAndDefer) {
  HookOutput deny = JsonOutput();
  deny.permission = PermissionDecision::kDeny;
  deny.block = true;
  deny.reason = "no rm";
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0,
                            R"({"hookSpecificOutput":{"hookEventName":"PreToolUse",
                                "permissionDecision":"deny","permissionDecisionReason":"no rm"}})",
                            ""),
            deny);
  HookOutput ask = JsonOutput();
  ask.permission = PermissionDecision::kAsk;
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0,
                            R"({"hookSpecificOutput":{"permissionDecision":"ask"}})", ""),
            ask);
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0,
                            R"({"hookSpecificOutput":{"permissionDecision":"defer"}})", ""),
            JsonOutput());
}

TEST(HookOutput, OlderDecisionFieldMapsToPermission) {
  HookOutput block = JsonOutput();
  block.permission = PermissionDecision::kDeny;
  block.block = true;
  block.reason = "use rg";
  EXPECT_EQ(
      ParseHookOutput(HookEvent::kPreToolUse, 0, R"({"decision":"block","reason":"use rg"})", ""),
      block);
  HookOutput approve = JsonOutput();
  approve.permission = PermissionDecision::kAllow;
  approve.permission_reason = "fine";
  EXPECT_EQ(
      ParseHookOutput(HookEvent::kPreToolUse, 0, R"({"decision":"approve","reason":"fine"})", ""),
      approve);
}

TEST(HookOutput, PermissionDecisionOverridesDecision) {
  HookOutput got = ParseHookOutput(HookEvent::kPreToolUse, 0, R"({"decision":"block",
      "reason":"old","hookSpecificOutput":{"permissionDecision":"allow"}})",
                                   "");
  EXPECT_EQ(got.permission, PermissionDecision::kAllow);
  EXPECT_FALSE(got.block);
  EXPECT_EQ(got.permission_reason, "old");
}

TEST(HookOutput, BlockDecisionOnStopAndPostToolUse) {
  HookOutput want = JsonOutput();
  want.block = true;
  want.reason = "run the tests first";
  std::string_view text = R"({"decision":"block","reason":"run the tests first"})";
  EXPECT_EQ(ParseHookOutput(HookEvent::kStop, 0, text, ""), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kSubagentStop, 0, text, ""), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kPostToolUse, 0, text, ""), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kUserPromptSubmit, 0, text, ""), want);
  EXPECT_EQ(ParseHookOutput(HookEvent::kNotification, 0, text, ""), JsonOutput());  // cannot block
}

TEST(HookOutput, PermissionRequestAllowAndDeny) {
  HookOutput allow = JsonOutput();
  allow.permission = PermissionDecision::kAllow;
  allow.updated_input = J(R"({"command":"ls"})");
  allow.updated_permissions = J(R"([{"type":"setMode","mode":"acceptEdits"}])");
  EXPECT_EQ(ParseHookOutput(HookEvent::kPermissionRequest, 0,
                            R"({"hookSpecificOutput":{"hookEventName":"PermissionRequest",
                                "decision":{"behavior":"allow","updatedInput":{"command":"ls"},
                                "updatedPermissions":[{"type":"setMode","mode":"acceptEdits"}]}}})",
                            ""),
            allow);
  HookOutput deny = JsonOutput();
  deny.permission = PermissionDecision::kDeny;
  deny.block = true;
  deny.reason = "not in CI";
  deny.interrupt = true;
  EXPECT_EQ(ParseHookOutput(HookEvent::kPermissionRequest, 0,
                            R"({"hookSpecificOutput":{"hookEventName":"PermissionRequest",
                                "decision":{"behavior":"deny","message":"not in CI",
                                "interrupt":true}}})",
                            ""),
            deny);
}

TEST(HookOutput, PostToolUseUpdatedOutputAndContext) {
  HookOutput want = JsonOutput();
  want.updated_tool_output = J(R"({"content":"redacted"})");
  want.additional_context = "lint: 0 warnings";
  EXPECT_EQ(ParseHookOutput(HookEvent::kPostToolUse, 0,
                            R"({"hookSpecificOutput":{"hookEventName":"PostToolUse",
                                "additionalContext":"lint: 0 warnings",
                                "updatedMCPToolOutput":{"content":"redacted"}}})",
                            ""),
            want);
}

TEST(HookOutput, WrongTypesAndForeignEventNamesAreIgnoredWithProblems) {
  HookOutput want = JsonOutput();
  want.system_message = "kept";
  want.problems = {"`continue` is not a boolean; ignored",
                   "`hookSpecificOutput` is for PostToolUse, not PreToolUse; ignored"};
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0, R"({"continue":"no","systemMessage":"kept",
      "hookSpecificOutput":{"hookEventName":"PostToolUse","permissionDecision":"allow"}})",
                            ""),
            want);
  HookOutput bad_decision = JsonOutput();
  bad_decision.problems = {
      "`permissionDecision` \"yes\" is not allow, deny, ask or defer; ignored"};
  EXPECT_EQ(ParseHookOutput(HookEvent::kPreToolUse, 0,
                            R"({"hookSpecificOutput":{"permissionDecision":"yes"}})", ""),
            bad_decision);
}

TEST(HookOutput, JsonArrayIsText) {
  HookOutput want;
  want.text = "[1,2]";
  EXPECT_EQ(ParseHookOutput(HookEvent::kStop, 0, "[1,2]", ""), want);
}

}  // namespace
}  // namespace runner::hooks
