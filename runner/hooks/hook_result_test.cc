#include "runner/hooks/hook_result.h"

#include <gtest/gtest.h>

namespace runner::hooks {
namespace {

using base::Json;

Json J(std::string_view text) {
  auto json = Json::Parse(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json.value_or(Json());
}

HookRun Ran(HookEvent event, std::string command, int exit_code, std::string out,
            std::string err = "", std::string_view match_value = "Bash") {
  HookRun run;
  run.hook = {std::move(command), kDefaultHookTimeoutMs};
  run.hook_id = "id-" + run.hook.command;
  run.hook_name = HookName(event, match_value);
  run.exit_code = exit_code;
  run.stdout_data = std::move(out);
  run.stderr_data = std::move(err);
  run.output = ParseHookOutput(event, exit_code, run.stdout_data, run.stderr_data);
  return run;
}

TEST(HookName, AddsTheMatchValueForMatcherEvents) {
  EXPECT_EQ(HookName(HookEvent::kPreToolUse, "Bash"), "PreToolUse:Bash");
  EXPECT_EQ(HookName(HookEvent::kSessionStart, "startup"), "SessionStart:startup");
  EXPECT_EQ(HookName(HookEvent::kStop, "ignored"), "Stop");
  EXPECT_EQ(HookName(HookEvent::kNotification, ""), "Notification");
}

TEST(AggregateHookRuns, NoRunsIsNothingToDo) {
  EXPECT_EQ(AggregateHookRuns(HookEvent::kPreToolUse, {}), HookResult{});
}

TEST(AggregateHookRuns, ExitTwoOnPreToolUseUsesClaudeCodeWording) {
  const std::string command =
      "cat > research/run/hook_input.json; echo 'blocked by policy hook' >&2; exit 2";
  HookResult want;
  want.hooks_run = 1;
  want.blocked = true;
  want.decision = PermissionDecision::kDeny;
  // Exactly the tool_result text of Claude Code's 15_hook_block sample.
  want.reason = "PreToolUse:Bash hook error: [" + command + "]: blocked by policy hook\n";
  EXPECT_EQ(AggregateHookRuns(HookEvent::kPreToolUse, {Ran(HookEvent::kPreToolUse, command, 2, "",
                                                           "blocked by policy hook\n")}),
            want);
}

TEST(AggregateHookRuns, PermissionRequestExitTwoDeniesAndJsonAllowCarriesItsUpdates) {
  HookResult denied;
  denied.hooks_run = 1;
  denied.blocked = true;
  denied.decision = PermissionDecision::kDeny;
  denied.reason = "PermissionRequest:Bash hook error: [exit 2]: no\n";
  EXPECT_EQ(AggregateHookRuns(HookEvent::kPermissionRequest,
                              {Ran(HookEvent::kPermissionRequest, "exit 2", 2, "", "no\n")}),
            denied);

  std::string allow = R"({"hookSpecificOutput":{"hookEventName":"PermissionRequest",
      "decision":{"behavior":"allow","updatedInput":{"command":"ls -a"}}}})";
  HookResult allowed;
  allowed.hooks_run = 2;
  allowed.decision = PermissionDecision::kAllow;
  allowed.updated_input = J(R"({"command":"ls -a"})");
  EXPECT_EQ(AggregateHookRuns(HookEvent::kPermissionRequest,
                              {Ran(HookEvent::kPermissionRequest, "true", 0, ""),
                               Ran(HookEvent::kPermissionRequest, "allow", 0, allow)}),
            allowed);
}

TEST(AggregateHookRuns, SubagentStopFeedbackNamesItsEvent) {
  HookResult want;
  want.hooks_run = 2;
  want.blocked = true;
  want.reason = "SubagentStop hook feedback:\n[check.sh]: tests fail\nsummarize first";
  EXPECT_EQ(AggregateHookRuns(
                HookEvent::kSubagentStop,
                {Ran(HookEvent::kSubagentStop, "check.sh", 2, "", "tests fail\n", "Explore"),
                 Ran(HookEvent::kSubagentStop, "json", 0,
                     R"({"decision":"block","reason":"summarize first"})", "", "Explore")}),
            want);
}

TEST(AggregateHookRuns, DenyBeatsAskBeatsAllow) {
  std::string allow = R"({"hookSpecificOutput":{"permissionDecision":"allow",
      "updatedInput":{"command":"ls -a"}}})";
  std::string ask = R"({"hookSpecificOutput":{"permissionDecision":"ask",
      "permissionDecisionReason":"looks risky","updatedInput":{"command":"ls -b"}}})";
  std::string deny = R"({"hookSpecificOutput":{"permissionDecision":"deny"}})";
  auto run = [](std::string cmd, std::string out) {
    return Ran(HookEvent::kPreToolUse, std::move(cmd), 0, std::move(out));
  };

  HookResult asked = AggregateHookRuns(HookEvent::kPreToolUse, {run("a", allow), run("b", ask)});
  HookResult want_ask;
  want_ask.hooks_run = 2;
  want_ask.decision = PermissionDecision::kAsk;
  want_ask.decision_reason = "looks risky";
  want_ask.updated_input = J(R"({"command":"ls -b"})");
  EXPECT_EQ(asked, want_ask);

  HookResult denied =
      AggregateHookRuns(HookEvent::kPreToolUse, {run("a", allow), run("b", ask), run("c", deny)});
  HookResult want_deny;
  want_deny.hooks_run = 3;
  want_deny.decision = PermissionDecision::kDeny;
  want_deny.blocked = true;
  want_deny.reason = "Hook PreToolUse:Bash denied this tool";  // no reason given
  EXPECT_EQ(denied, want_deny);

  HookResult allowed = AggregateHookRuns(HookEvent::kPreToolUse, {run("a", allow), run("b", "")});
  EXPECT_EQ(allowed.decision, PermissionDecision::kAllow);
  EXPECT_EQ(allowed.updated_input, J(R"({"command":"ls -a"})"));
}

TEST(AggregateHookRuns, StopFeedbackJoinsEveryBlockingHook) {
  HookResult got = AggregateHookRuns(
      HookEvent::kStop,
      {Ran(HookEvent::kStop, "check.sh", 2, "", "There are untracked files.\n", ""),
       Ran(HookEvent::kStop, "ok.sh", 0, ""),
       Ran(HookEvent::kStop, "tests.sh", 0, R"({"decision":"block","reason":"Run the tests."})", "",
           "")});
  HookResult want;
  want.hooks_run = 3;
  want.blocked = true;
  want.reason = "Stop hook feedback:\n[check.sh]: There are untracked files.\nRun the tests.";
  EXPECT_EQ(got, want);
}

TEST(AggregateHookRuns, ContinueFalseStopsAndKeepsTheFirstReason) {
  HookResult got = AggregateHookRuns(
      HookEvent::kPostToolUse,
      {Ran(HookEvent::kPostToolUse, "a", 0, R"({"continue":false,"stopReason":"quota"})"),
       Ran(HookEvent::kPostToolUse, "b", 0, R"({"continue":false,"stopReason":"later"})"),
       Ran(HookEvent::kPostToolUse, "c", 0, R"({"systemMessage":"note",
           "hookSpecificOutput":{"additionalContext":"ctx"}})")});
  HookResult want;
  want.hooks_run = 3;
  want.stop = true;
  want.stop_reason = "quota";
  want.system_messages = {"note"};
  want.additional_context = {"ctx"};
  EXPECT_EQ(got, want);
}

TEST(AggregateHookRuns, FailuresAreForTheUserOnly) {
  HookRun timed_out = Ran(HookEvent::kPreToolUse, "sleep 100", -1, "", "");
  timed_out.status = HookRunStatus::kTimedOut;
  timed_out.output = HookOutput{};
  timed_out.hook.timeout_ms = 1000;
  HookRun failed = Ran(HookEvent::kPreToolUse, "x", -1, "", "");
  failed.status = HookRunStatus::kFailedToStart;
  failed.stderr_data = "bash: not found";
  failed.output = HookOutput{};
  HookResult got = AggregateHookRuns(
      HookEvent::kPreToolUse, {Ran(HookEvent::kPreToolUse, "exit 1", 1, "", "boom\n"), timed_out,
                               failed, Ran(HookEvent::kPreToolUse, "garbage", 0, "{nope")});
  HookResult want;
  want.hooks_run = 4;
  want.user_messages = {
      "PreToolUse:Bash hook error: [exit 1]: Failed with non-blocking status code: boom\n",
      "PreToolUse:Bash hook error: [sleep 100]: timed out after 1000 ms",
      "PreToolUse:Bash hook error: [x]: failed to start: bash: not found",
      "PreToolUse:Bash hook error: [garbage]: stdout starts with `{` but is not a JSON object; "
      "read as text"};
  EXPECT_EQ(got, want);
}

TEST(AggregateHookRuns, ExitTwoOnNonBlockingEventShowsStderrToTheUser) {
  HookResult got =
      AggregateHookRuns(HookEvent::kSessionStart,
                        {Ran(HookEvent::kSessionStart, "s", 2, "", "no network\n", "startup")});
  HookResult want;
  want.hooks_run = 1;
  want.user_messages = {"SessionStart:startup hook error: [s]: no network\n"};
  EXPECT_EQ(got, want);
}

TEST(AggregateHookRuns, PromptContextFromPlainStdout) {
  HookResult got =
      AggregateHookRuns(HookEvent::kUserPromptSubmit,
                        {Ran(HookEvent::kUserPromptSubmit, "a", 0, "Today is Monday.\n", "", ""),
                         Ran(HookEvent::kUserPromptSubmit, "b", 0,
                             R"({"hookSpecificOutput":{"hookEventName":"UserPromptSubmit",
               "additionalContext":"On call: ana"}})",
                             "", "")});
  EXPECT_EQ(got.additional_context, (std::vector<std::string>{"Today is Monday.", "On call: ana"}));
  EXPECT_FALSE(got.blocked);
}

TEST(HookReport, StartedAndResponseFields) {
  HookRun run = Ran(HookEvent::kPreToolUse, "deny.sh", 2, "", "blocked by policy hook\n");
  HookReport started;
  started.hook_id = "id-deny.sh";
  started.hook_name = "PreToolUse:Bash";
  started.hook_event = "PreToolUse";
  EXPECT_EQ(StartedReport(HookEvent::kPreToolUse, run), started);

  HookReport response = started;
  response.kind = HookReport::Kind::kResponse;
  response.output = "blocked by policy hook\n";
  response.stderr_data = "blocked by policy hook\n";
  response.exit_code = 2;
  response.outcome = "error";
  EXPECT_EQ(ResponseReport(HookEvent::kPreToolUse, run), response);

  run.status = HookRunStatus::kTimedOut;
  HookReport cancelled = ResponseReport(HookEvent::kPreToolUse, run);
  EXPECT_EQ(cancelled.outcome, "cancelled");
  EXPECT_EQ(cancelled.exit_code, std::nullopt);
  EXPECT_EQ(
      ResponseReport(HookEvent::kPreToolUse, Ran(HookEvent::kPreToolUse, "ok", 0, "hi")).outcome,
      "success");
}

}  // namespace
}  // namespace runner::hooks
