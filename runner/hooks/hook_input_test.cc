#include "runner/hooks/hook_input.h"

#include <gtest/gtest.h>

namespace runner::hooks {
namespace {

using base::Json;

Json J(std::string_view text) {
  auto json = Json::Parse(text);
  EXPECT_TRUE(json.has_value()) << text;
  return json.value_or(Json());
}

HookEnv Env() {
  HookEnv env;
  env.session_id = "s-1";
  env.transcript_path = "/home/u/.claude/projects/-w/s-1.jsonl";
  env.cwd = "/w";
  env.permission_mode = "default";
  return env;
}

template <class EventInput>
Json Build(const EventInput& input, const HookEnv& env = Env()) {
  return BuildHookInput(EventInput::kEvent, env, input.Fields());
}

constexpr std::string_view kCommon =
    R"("session_id":"s-1","transcript_path":"/home/u/.claude/projects/-w/s-1.jsonl","cwd":"/w","permission_mode":"default")";

Json WithCommon(std::string_view rest) {
  return J("{" + std::string(kCommon) + "," + std::string(rest) + "}");
}

TEST(HookInput, PreToolUseInClaudeCodeOrder) {
  Json got = Build(
      PreToolUseInput{"Bash", J(R"({"command":"echo hi","description":"Print hi"})"), "toolu_1"});
  // Same field order as Claude Code's hook_callback input (stream-json samples).
  EXPECT_EQ(
      got.Dump(),
      "{" + std::string(kCommon) +
          R"(,"hook_event_name":"PreToolUse","tool_name":"Bash","tool_input":{"command":"echo hi","description":"Print hi"},"tool_use_id":"toolu_1"})");
}

TEST(HookInput, PostToolUse) {
  PostToolUseInput in{"Write", J(R"({"file_path":"/w/a.txt","content":"x"})"),
                      J(R"({"filePath":"/w/a.txt","success":true})"), "toolu_2", 12};
  EXPECT_EQ(Build(in), WithCommon(R"("hook_event_name":"PostToolUse","tool_name":"Write",
      "tool_input":{"file_path":"/w/a.txt","content":"x"},
      "tool_response":{"filePath":"/w/a.txt","success":true},"tool_use_id":"toolu_2",
      "duration_ms":12)"));
}

TEST(HookInput, PostToolUseFailure) {
  PostToolUseFailureInput in{
      "Bash", J(R"({"command":"false"})"), "toolu_3", "Exit code 1", false, std::nullopt};
  EXPECT_EQ(Build(in), WithCommon(R"("hook_event_name":"PostToolUseFailure","tool_name":"Bash",
      "tool_input":{"command":"false"},"tool_use_id":"toolu_3","error":"Exit code 1",
      "is_interrupt":false)"));
}

TEST(HookInput, PermissionRequestAndDenied) {
  EXPECT_EQ(Build(PermissionRequestInput{"Bash", J(R"({"command":"rm x"})"), Json()}),
            WithCommon(R"("hook_event_name":"PermissionRequest","tool_name":"Bash",
                "tool_input":{"command":"rm x"})"));
  EXPECT_EQ(Build(PermissionDeniedInput{"Bash", J(R"({"command":"rm x"})"), "toolu_4", "no"}),
            WithCommon(R"("hook_event_name":"PermissionDenied","tool_name":"Bash",
                "tool_input":{"command":"rm x"},"tool_use_id":"toolu_4","reason":"no")"));
}

TEST(HookInput, NotificationAndPrompt) {
  EXPECT_EQ(
      Build(NotificationInput{"Claude needs your permission to use Bash", "permission_prompt", ""}),
      WithCommon(R"("hook_event_name":"Notification",
                "message":"Claude needs your permission to use Bash",
                "notification_type":"permission_prompt")"));
  EXPECT_EQ(Build(UserPromptSubmitInput{"fix the bug"}),
            WithCommon(R"("hook_event_name":"UserPromptSubmit","prompt":"fix the bug")"));
}

TEST(HookInput, SessionStartAndEnd) {
  EXPECT_EQ(Build(SessionStartInput{"startup", "claude-sonnet-4-5"}),
            WithCommon(R"("hook_event_name":"SessionStart","source":"startup",
                "model":"claude-sonnet-4-5")"));
  EXPECT_EQ(Build(SessionEndInput{"other"}),
            WithCommon(R"("hook_event_name":"SessionEnd","reason":"other")"));
}

TEST(HookInput, StopAndStopFailure) {
  EXPECT_EQ(Build(StopInput{true, "Done."}),
            WithCommon(R"("hook_event_name":"Stop","stop_hook_active":true,
                "last_assistant_message":"Done.")"));
  EXPECT_EQ(Build(StopFailureInput{"rate_limit", std::nullopt, std::nullopt}),
            WithCommon(R"("hook_event_name":"StopFailure","error":"rate_limit")"));
}

TEST(HookInput, SubagentEventsOverrideCommonAgentFields) {
  HookEnv env = Env();
  env.agent_id = "parent";
  env.agent_type = "general-purpose";
  Json got = Build(SubagentStopInput{false, "a-7", "/t/a-7.jsonl", "Explore", std::nullopt}, env);
  EXPECT_EQ(got, WithCommon(R"("agent_id":"a-7","agent_type":"Explore",
      "hook_event_name":"SubagentStop","stop_hook_active":false,
      "agent_transcript_path":"/t/a-7.jsonl")"));
  EXPECT_EQ(Build(SubagentStartInput{"a-7", "Explore"}),
            WithCommon(R"("hook_event_name":"SubagentStart","agent_id":"a-7",
                "agent_type":"Explore")"));
}

TEST(HookInput, CompactEvents) {
  EXPECT_EQ(Build(PreCompactInput{"auto", std::nullopt}),
            WithCommon(R"("hook_event_name":"PreCompact","trigger":"auto",
                "custom_instructions":null)"));
  EXPECT_EQ(Build(PreCompactInput{"manual", ""}),
            WithCommon(R"("hook_event_name":"PreCompact","trigger":"manual",
                "custom_instructions":"")"));
  EXPECT_EQ(Build(PostCompactInput{"auto", "summary"}),
            WithCommon(R"("hook_event_name":"PostCompact","trigger":"auto",
                "compact_summary":"summary")"));
}

TEST(HookInput, EmptyPermissionModeIsOmitted) {
  HookEnv env = Env();
  env.permission_mode.clear();
  EXPECT_EQ(Build(UserPromptSubmitInput{"hi"}, env),
            J(R"({"session_id":"s-1","transcript_path":"/home/u/.claude/projects/-w/s-1.jsonl",
                  "cwd":"/w","hook_event_name":"UserPromptSubmit","prompt":"hi"})"));
}

TEST(HookInput, MatchValues) {
  EXPECT_EQ((PreToolUseInput{"Bash"}).MatchValue(), "Bash");
  EXPECT_EQ((SessionStartInput{"resume"}).MatchValue(), "resume");
  EXPECT_EQ((NotificationInput{"m", "idle_prompt"}).MatchValue(), "idle_prompt");
  EXPECT_EQ((PreCompactInput{"manual"}).MatchValue(), "manual");
  EXPECT_EQ((SubagentStopInput{false, "a", "t", "Explore"}).MatchValue(), "Explore");
}

}  // namespace
}  // namespace runner::hooks
