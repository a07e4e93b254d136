// End-to-end: hooks from settings run around tool calls, prompts and the end of a turn.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

void WriteHooks(const fs::path& work, const std::string& hooks_json) {
  WriteText(work / ".claude" / "settings.json",
            R"({"permissions":{"allow":["Bash"]},"hooks":)" + hooks_json + "}");
}

constexpr const char kBash[] = R"({"turns":[
  {"content":[{"type":"tool_use","id":"toolu_h","name":"Bash","input":{"command":"echo ran > ran.txt"}}],"stop_reason":"tool_use"},
  {"content":[{"type":"text","text":"done"}],"stop_reason":"end_turn"}]})";

TEST_F(E2eTest, PreToolUseHookExitTwoBlocksTheCallWithClaudeCodesWording) {
  WriteHooks(work_.path(), R"({"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command",
      "command":"cat > hook_input.json; echo 'blocked by policy hook' >&2; exit 2"}]}]})");
  FakeApi api(kBash);
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--verbose",
                          "--include-hook-events"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(work_.path() / "ran.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  Json result = OfType(lines, "user").at(0)["message"]["content"].at(0);
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(result["content"].AsString(),
            "PreToolUse:Bash hook error: [cat > hook_input.json; echo 'blocked by policy hook' >&2; "
            "exit 2]: blocked by policy hook\n");
  ASSERT_EQ(OfType(lines, "system", "hook_started").size(), 1u);
  Json response = OfType(lines, "system", "hook_response").at(0);
  EXPECT_EQ(response["hook_name"].AsString(), "PreToolUse:Bash");
  EXPECT_EQ(response["exit_code"].AsInt(), 2);
  EXPECT_EQ(response["stderr"].AsString(), "blocked by policy hook\n");
  Json input = *Json::Parse(ReadText(work_.path() / "hook_input.json"));
  EXPECT_EQ(input["hook_event_name"].AsString(), "PreToolUse");
  EXPECT_EQ(input["tool_name"].AsString(), "Bash");
  EXPECT_EQ(input["tool_input"]["command"].AsString(), "echo ran > ran.txt");
  EXPECT_EQ(input["tool_use_id"].AsString(), "toolu_h");
  EXPECT_EQ(input["session_id"].AsString(), lines.back()["session_id"].AsString());
  EXPECT_EQ(input["cwd"].AsString(), work_.path().string());
}

TEST_F(E2eTest, HookEventsAreHiddenWithoutTheFlagAndPostToolUseSeesTheResult) {
  WriteHooks(work_.path(), R"({"PostToolUse":[{"matcher":"Bash","hooks":[{"type":"command",
      "command":"cat > post.json; echo '{\"hookSpecificOutput\":{\"hookEventName\":\"PostToolUse\",\"additionalContext\":\"CTX-FROM-HOOK\"}}'"}]}]})");
  FakeApi api(kBash);
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--verbose"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(work_.path() / "ran.txt"));
  EXPECT_TRUE(OfType(JsonLines(r.out), "system", "hook_started").empty());
  Json post = *Json::Parse(ReadText(work_.path() / "post.json"));
  EXPECT_EQ(post["hook_event_name"].AsString(), "PostToolUse");
  EXPECT_TRUE(post.Contains("tool_response"));
  EXPECT_NE(api.Requests().at(1)["body"]["messages"].Dump().find("CTX-FROM-HOOK"), std::string::npos);
}

TEST_F(E2eTest, UserPromptSubmitAddsContextOrBlocks) {
  WriteHooks(work_.path(), R"({"UserPromptSubmit":[{"hooks":[{"type":"command",
      "command":"grep -q forbidden && { echo 'no forbidden prompts' >&2; exit 2; }; echo 'PROMPT-CONTEXT'"}]}]})");
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput ok = Run(api, {"-p", "hello"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(api.Requests().at(0)["body"]["messages"].Dump().find("PROMPT-CONTEXT"), std::string::npos);
  RunOutput blocked = Run(api, {"-p", "a forbidden thing", "--output-format", "json"});
  EXPECT_EQ(blocked.exit_code, 9) << blocked.err;
  Json result = JsonLines(blocked.out).at(0);
  EXPECT_EQ(result["terminal_reason"].AsString(), "hook_stopped");
  EXPECT_NE(result["errors"].at(0).AsString().find("no forbidden prompts"), std::string::npos);
  EXPECT_EQ(api.Requests().size(), 1u);
}

TEST_F(E2eTest, StopHookCanKeepTheModelWorkingOnce) {
  WriteHooks(work_.path(), R"({"Stop":[{"hooks":[{"type":"command",
      "command":"grep -q '\"stop_hook_active\":true' && exit 0; echo 'run the tests first' >&2; exit 2"}]}]})");
  FakeApi api(R"({"turns":[{"content":[{"type":"text","text":"first"}],"stop_reason":"end_turn"},
                          {"content":[{"type":"text","text":"second"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "go", "--output-format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(JsonLines(r.out).at(0)["result"].AsString(), "second");
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_NE(reqs[1]["body"]["messages"].Dump().find("run the tests first"), std::string::npos);
}

TEST_F(E2eTest, DisableAllHooksTurnsThemOff) {
  WriteText(work_.path() / ".claude" / "settings.json",
            R"({"permissions":{"allow":["Bash"]},"disableAllHooks":true,"hooks":{"PreToolUse":[{"matcher":"*","hooks":[{"type":"command","command":"exit 2"}]}]}})");
  FakeApi api(kBash);
  ASSERT_EQ(Run(api, {"-p", "go"}).exit_code, 0);
  EXPECT_TRUE(fs::exists(work_.path() / "ran.txt"));
}

}  // namespace
}  // namespace runner::e2e
