// End-to-end: every hook event claude-runner fires, with real hook scripts in the project's
// .claude/hooks, checked against what reached the model (the fake API's request log), the
// stream-json output, and what the hooks read on stdin.
#include <sys/stat.h>

#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;
using base::JsonArray;
using base::JsonObject;

/// One hook entry of the settings: `command` runs for `event` when `matcher` matches.
struct HookSpec {
  std::string event;
  std::string matcher;
  std::string command;
  double timeout_s = 0;  ///< 0 = the default
};

class HookEventsTest : public E2eTest {
 protected:
  void TearDown() override {
    // Every hook ended or was killed with its process group: none outlives the run.
    EXPECT_EQ(CountProcesses(".claude/hooks/", work_.path()), 0);
  }

  /// Writes an executable bash script to .claude/hooks/<name>; returns the command running it.
  std::string Script(const std::string& name, const std::string& body) {
    fs::path path = work_.path() / ".claude" / "hooks" / name;
    WriteText(path, "#!/bin/bash\n" + body);
    ::chmod(path.c_str(), 0755);
    return "\"$CLAUDE_PROJECT_DIR\"/.claude/hooks/" + name;
  }

  /// The project's settings: `permissions` and the hooks.
  void WriteSettings(const std::vector<HookSpec>& specs, Json permissions = Json::MakeObject()) {
    Json hooks = Json::MakeObject();
    for (const HookSpec& s : specs) {
      Json hook = JsonObject({{"type", "command"}, {"command", s.command}});
      if (s.timeout_s > 0) hook.Set("timeout", s.timeout_s);
      Json group = JsonObject({{"hooks", JsonArray({hook})}});
      if (!s.matcher.empty()) group.Set("matcher", s.matcher);
      hooks.Slot(s.event).Push(group);
    }
    Json settings = JsonObject({{"permissions", std::move(permissions)}, {"hooks", hooks}});
    WriteText(work_.path() / ".claude" / "settings.json", settings.Dump());
  }

  bool Exists(const std::string& name) { return fs::exists(work_.path() / name); }
  Json ReadJson(const std::string& name) {
    auto json = Json::Parse(ReadText(work_.path() / name));
    EXPECT_TRUE(json.has_value()) << name;
    return json.value_or(Json());
  }

  /// The tool_result block answering `tool_use_id` in the stream.
  static Json ToolResult(const std::vector<Json>& lines, const std::string& tool_use_id) {
    for (const Json& line : OfType(lines, "user")) {
      for (const Json& block : line["message"]["content"].items()) {
        if (block["tool_use_id"].AsString() == tool_use_id) return block;
      }
    }
    ADD_FAILURE() << "no tool_result for " << tool_use_id;
    return Json();
  }

  /// The texts of a request message's content blocks.
  static std::vector<std::string> Texts(const Json& message) {
    std::vector<std::string> texts;
    for (const Json& block : message["content"].items()) texts.push_back(block["text"].AsString());
    return texts;
  }

  /// The tool_use ids listed in the result's permission_denials.
  static std::vector<std::string> DeniedIds(const Json& result) {
    std::vector<std::string> ids;
    for (const Json& d : result["permission_denials"].items()) {
      ids.push_back(d["tool_use_id"].AsString());
    }
    return ids;
  }

  RunOutput RunStream(const FakeApi& api, std::vector<std::string> extra = {},
                      std::map<std::string, std::string> env = {}) {
    std::vector<std::string> args = {"-p", "go", "--output-format", "stream-json", "--verbose"};
    args.insert(args.end(), extra.begin(), extra.end());
    return Run(api, args, "", std::move(env));
  }
};

/// A model that makes the given Bash calls (ids toolu_1, toolu_2, …) in one message, then ends.
std::string BashTurns(const std::vector<std::string>& commands) {
  Json uses = Json::MakeArray();
  for (size_t i = 0; i < commands.size(); ++i) {
    uses.Push(JsonObject({{"type", "tool_use"},
                          {"id", "toolu_" + std::to_string(i + 1)},
                          {"name", "Bash"},
                          {"input", JsonObject({{"command", commands[i]}})}}));
  }
  Json turns = JsonArray(
      {JsonObject({{"content", uses}, {"stop_reason", "tool_use"}}),
       JsonObject({{"content", JsonArray({JsonObject({{"type", "text"}, {"text", "done"}})})},
                   {"stop_reason", "end_turn"}})});
  return JsonObject({{"turns", turns}}).Dump();
}

const Json kAllowBash = JsonObject({{"allow", JsonArray({"Bash"})}});

TEST_F(HookEventsTest, PreToolUseJsonDenyBlocksTheCallWithItsReason) {
  std::string deny = Script("deny.sh", R"(cat > pre_input.json
echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"deny","permissionDecisionReason":"touching files is not allowed here"}}'
)");
  WriteSettings({{"PreToolUse", "Bash", deny}}, kAllowBash);
  FakeApi api(BashTurns({"touch ran.txt"}));
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(Exists("ran.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  Json result = ToolResult(lines, "toolu_1");
  EXPECT_TRUE(result["is_error"].AsBool());
  EXPECT_EQ(result["content"].AsString(), "touching files is not allowed here");
  EXPECT_EQ(DeniedIds(lines.back()), std::vector<std::string>{"toolu_1"});
  EXPECT_EQ(ReadJson("pre_input.json")["tool_input"], JsonObject({{"command", "touch ran.txt"}}));
}

TEST_F(HookEventsTest, PreToolUseAllowSkipsTheApprovalButNotDenyOrAskRules) {
  std::string allow = Script("allow.sh", R"(cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","permissionDecisionReason":"trusted"}}'
)");
  // No rule allows Bash: without the hook every call would need approval.
  WriteSettings({{"PreToolUse", "Bash", allow}},
                JsonObject({{"ask", JsonArray({"Bash(git push:*)"})}}));
  FakeApi api(BashTurns({"touch ran.txt", "git push origin main", "rm keep.txt"}));
  WriteText(work_.path() / "keep.txt", "keep");
  RunOutput r = RunStream(api, {"--disallowedTools", "Bash(rm:*)"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("ran.txt"));
  EXPECT_TRUE(Exists("keep.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_FALSE(ToolResult(lines, "toolu_1")["is_error"].AsBool());
  EXPECT_EQ(ToolResult(lines, "toolu_2")["content"].AsString(),
            "Claude requested permissions to use Bash, but the rule \"Bash(git push:*)\" requires "
            "approval, and nobody can approve it in a non-interactive run.");
  EXPECT_EQ(ToolResult(lines, "toolu_3")["content"].AsString(),
            "Permission to use Bash has been denied by the rule \"Bash(rm:*)\".");
  EXPECT_EQ(DeniedIds(lines.back()), (std::vector<std::string>{"toolu_2", "toolu_3"}));
}

TEST_F(HookEventsTest, PreToolUseAskNeedsApprovalThatOnlyAPermissionRequestHookCanGive) {
  std::string ask = Script("ask.sh", R"(cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"ask","permissionDecisionReason":"a human should look"}}'
)");
  // Approves only the call whose command names "yes.txt".
  std::string approve = Script("approve.sh", R"(grep -q yes.txt || exit 0
echo '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"}}}'
)");
  WriteSettings({{"PreToolUse", "Bash", ask}, {"PermissionRequest", "Bash", approve}}, kAllowBash);
  FakeApi api(BashTurns({"touch yes.txt", "touch no.txt"}));
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("yes.txt"));
  EXPECT_FALSE(Exists("no.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(ToolResult(lines, "toolu_2")["content"].AsString(),
            "Claude requested permissions to use Bash, but a PreToolUse hook asked for approval (a "
            "human should look), and nobody can approve it in a non-interactive run.");
  EXPECT_EQ(DeniedIds(lines.back()), std::vector<std::string>{"toolu_2"});
}

TEST_F(HookEventsTest, PreToolUseUpdatedInputRewritesTheBashCommand) {
  std::string rewrite = Script("rewrite.sh", R"(cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","permissionDecision":"allow","updatedInput":{"command":"touch rewritten.txt"}}}'
)");
  WriteSettings({{"PreToolUse", "Bash", rewrite}});
  FakeApi api(BashTurns({"touch original.txt"}));
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("rewritten.txt"));
  EXPECT_FALSE(Exists("original.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_FALSE(ToolResult(lines, "toolu_1")["is_error"].AsBool());
  EXPECT_TRUE(lines.back()["permission_denials"].empty());
}

TEST_F(HookEventsTest, PreToolUseAdditionalContextReachesTheModel) {
  std::string context = Script("context.sh", R"(cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"PreToolUse","additionalContext":"PRE-CONTEXT: the tree is frozen"}}'
)");
  WriteSettings({{"PreToolUse", "Bash", context}}, kAllowBash);
  FakeApi api(BashTurns({"echo hello"}));
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 2u);
  const Json& messages = reqs[1]["body"]["messages"];
  Json tool_result = messages.at(messages.size() - 1)["content"].at(0);
  EXPECT_EQ(tool_result["tool_use_id"].AsString(), "toolu_1");
  EXPECT_EQ(tool_result["content"].Dump(), Json("hello\n\nPRE-CONTEXT: the tree is frozen").Dump());
}

TEST_F(HookEventsTest, HookPastItsTimeoutIsKilledAndTheCallProceeds) {
  std::string slow = Script("slow.sh", "sleep 37\n");
  WriteSettings({{"PreToolUse", "Bash", slow, 1}}, kAllowBash);
  FakeApi api(BashTurns({"touch ran.txt"}));
  RunOutput r = RunStream(api, {"--include-hook-events"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_LT(r.wall_ms, 20000);
  EXPECT_TRUE(Exists("ran.txt"));
  EXPECT_NE(r.err.find("PreToolUse:Bash hook error: [" + slow + "]: timed out after 1000 ms"),
            std::string::npos)
      << r.err;
  Json response = OfType(JsonLines(r.out), "system", "hook_response").at(0);
  EXPECT_EQ(response["outcome"].AsString(), "cancelled") << response.Dump();
  EXPECT_FALSE(response.Contains("exit_code"));
  EXPECT_EQ(CountProcesses("sleep 37", work_.path()), 0);
}

TEST_F(HookEventsTest, HookPrintingInvalidJsonIsPlainOutput) {
  std::string garbage = Script("garbage.sh", "cat > /dev/null\necho '{not json'\n");
  WriteSettings({{"PreToolUse", "Bash", garbage}}, kAllowBash);
  FakeApi api(BashTurns({"touch ran.txt"}));
  RunOutput r = RunStream(api, {"--include-hook-events"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("ran.txt"));
  EXPECT_NE(r.err.find("PreToolUse:Bash hook error: [" + garbage +
                       "]: stdout starts with `{` but is not a JSON object; read as text"),
            std::string::npos)
      << r.err;
  Json response = OfType(JsonLines(r.out), "system", "hook_response").at(0);
  EXPECT_EQ(response["stdout"].AsString(), "{not json\n");
  EXPECT_EQ(response["exit_code"].AsInt(), 0);
  EXPECT_EQ(response["outcome"].AsString(), "success");
}

TEST_F(HookEventsTest, PermissionRequestHookAllowsWithNewInputOrDeniesWithItsMessage) {
  std::string decide = Script("decide.sh", R"(input=$(cat)
echo "$input" >> permission_inputs.jsonl
if grep -q 'touch please.txt' <<<"$input"; then
  echo '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow","updatedInput":{"command":"touch granted.txt"}}}}'
else
  echo '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"deny","message":"denied by the approval hook"}}}'
fi
)");
  WriteSettings({{"PermissionRequest", "Bash", decide}});  // no rule allows Bash
  FakeApi api(BashTurns({"touch please.txt", "touch refused.txt"}));
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Exists("granted.txt"));
  EXPECT_FALSE(Exists("please.txt"));
  EXPECT_FALSE(Exists("refused.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_FALSE(ToolResult(lines, "toolu_1")["is_error"].AsBool());
  Json refused = ToolResult(lines, "toolu_2");
  EXPECT_TRUE(refused["is_error"].AsBool());
  EXPECT_EQ(refused["content"].AsString(), "denied by the approval hook");
  EXPECT_EQ(DeniedIds(lines.back()), std::vector<std::string>{"toolu_2"});

  std::vector<Json> inputs = JsonLines(ReadText(work_.path() / "permission_inputs.jsonl"));
  ASSERT_EQ(inputs.size(), 2u);
  Json expected = JsonObject({{"session_id", lines.back()["session_id"]},
                              {"transcript_path", inputs[0]["transcript_path"]},
                              {"cwd", work_.path().string()},
                              {"permission_mode", "default"},
                              {"hook_event_name", "PermissionRequest"},
                              {"tool_name", "Bash"},
                              {"tool_input", JsonObject({{"command", "touch please.txt"}})}});
  EXPECT_EQ(inputs[0], expected);
  EXPECT_TRUE(inputs[0]["transcript_path"].AsString().ends_with(".jsonl"));
}

TEST_F(HookEventsTest, PermissionRequestDenyWithInterruptEndsTheRun) {
  std::string stop = Script("stop.sh", R"(cat > /dev/null
echo '{"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"deny","message":"stop everything","interrupt":true}}}'
)");
  WriteSettings({{"PermissionRequest", "", stop}});
  FakeApi api(BashTurns({"touch ran.txt"}));
  RunOutput r = RunStream(api);
  EXPECT_EQ(r.exit_code, 9) << r.err;
  EXPECT_FALSE(Exists("ran.txt"));
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(ToolResult(lines, "toolu_1")["content"].AsString(), "stop everything");
  Json result = lines.back();
  EXPECT_EQ(result["terminal_reason"].AsString(), "hook_stopped");
  EXPECT_EQ(result["errors"], JsonArray({"stop everything"}));
  EXPECT_EQ(DeniedIds(result), std::vector<std::string>{"toolu_1"});
  EXPECT_EQ(api.Requests().size(), 1u);
}

TEST_F(HookEventsTest, SubagentStartAddsContextAndSubagentStopKeepsTheSubagentWorking) {
  std::string start = Script("start.sh", R"(cat > subagent_start.json
echo '{"hookSpecificOutput":{"hookEventName":"SubagentStart","additionalContext":"SUBAGENT-CONTEXT: use the staging database"}}'
)");
  std::string stop = Script("stop.sh", R"(input=$(cat)
echo "$input" >> subagent_stop.jsonl
grep -q '"stop_hook_active":true' <<<"$input" && exit 0
echo 'check your work' >&2
exit 2
)");
  std::string pre = Script("pre.sh", "cat >> pre_inputs.jsonl; echo >> pre_inputs.jsonl\n");
  WriteSettings({{"SubagentStart", "general-purpose", start},
                 {"SubagentStop", "general-purpose", stop},
                 {"PreToolUse", "Bash", pre}},
                kAllowBash);
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_task","name":"Task","input":{"description":"Check","prompt":"Check the thing"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"tool_use","id":"toolu_sub","name":"Bash","input":{"command":"touch sub.txt"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"sub first"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"sub second"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"parent done"}],"stop_reason":"end_turn"}]})");
  RunOutput r = RunStream(api);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(lines.back()["result"].AsString(), "parent done");
  EXPECT_TRUE(Exists("sub.txt"));

  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 5u);
  std::string agent_id = reqs[1]["headers"]["x-claude-code-agent-id"].AsString();
  ASSERT_FALSE(agent_id.empty());
  // The subagent's first request carries its prompt and the SubagentStart context.
  EXPECT_EQ(Texts(reqs[1]["body"]["messages"].at(0)),
            (std::vector<std::string>{"Check the thing",
                                      "SUBAGENT-CONTEXT: use the staging database"}));
  // The blocked stop sends the feedback to the subagent, not to the parent.
  const Json& sub_messages = reqs[3]["body"]["messages"];
  EXPECT_EQ(Texts(sub_messages.at(sub_messages.size() - 1)),
            std::vector<std::string>{"SubagentStop hook feedback:\n[" + stop +
                                     "]: check your work\n"});
  EXPECT_EQ(reqs[4]["body"]["messages"].Dump().find("check your work"), std::string::npos);
  EXPECT_NE(reqs[4]["body"]["messages"].Dump().find("sub second"), std::string::npos);

  Json start_input = ReadJson("subagent_start.json");
  EXPECT_EQ(start_input["hook_event_name"].AsString(), "SubagentStart");
  EXPECT_EQ(start_input["agent_id"].AsString(), agent_id);
  EXPECT_EQ(start_input["agent_type"].AsString(), "general-purpose");

  std::vector<Json> stops = JsonLines(ReadText(work_.path() / "subagent_stop.jsonl"));
  ASSERT_EQ(stops.size(), 2u);
  std::string transcript = stops[0]["transcript_path"].AsString();
  EXPECT_TRUE(fs::exists(transcript)) << transcript;
  for (size_t i = 0; i < 2; ++i) {
    Json expected = JsonObject({{"session_id", lines.back()["session_id"]},
                                {"transcript_path", transcript},
                                {"cwd", work_.path().string()},
                                {"permission_mode", "default"},
                                {"agent_id", agent_id},
                                {"agent_type", "general-purpose"},
                                {"hook_event_name", "SubagentStop"},
                                {"stop_hook_active", i == 1},
                                {"agent_transcript_path", transcript},
                                {"last_assistant_message", i == 0 ? "sub first" : "sub second"}});
    EXPECT_EQ(stops[i], expected) << i;
  }
  // The subagent's own tool hooks name it in the common fields.
  std::vector<Json> pres = JsonLines(ReadText(work_.path() / "pre_inputs.jsonl"));
  ASSERT_EQ(pres.size(), 1u);
  EXPECT_EQ(pres[0]["agent_id"].AsString(), agent_id);
  EXPECT_EQ(pres[0]["agent_type"].AsString(), "general-purpose");
  EXPECT_EQ(pres[0]["tool_use_id"].AsString(), "toolu_sub");
}

TEST_F(HookEventsTest, StopFailureFiresOnAnApiErrorWithTheErrorTypeAsMatcher) {
  std::string failure = Script("failure.sh", R"(cat > stop_failure.json
echo '{"decision":"block","reason":"ignored","continue":false}'
)");
  std::string other = Script("other.sh", "cat > /dev/null; touch wrong_matcher.txt\n");
  std::string stop = Script("stop.sh", "cat > /dev/null; touch stop_ran.txt\n");
  WriteSettings({{"StopFailure", "rate_limit", failure},
                 {"StopFailure", "server_error", other},
                 {"Stop", "", stop}});
  FakeApi api(R"({"turns":[{"error":{"status":429,"type":"rate_limit_error","message":"slow down"}}]})");
  RunOutput r = RunStream(api, {}, {{"CLAUDE_CODE_MAX_RETRIES", "0"}});
  EXPECT_EQ(r.exit_code, 7) << r.err;
  EXPECT_FALSE(Exists("wrong_matcher.txt"));
  EXPECT_FALSE(Exists("stop_ran.txt"));
  Json result = JsonLines(r.out).back();
  EXPECT_EQ(result["terminal_reason"].AsString(), "api_error");
  Json input = ReadJson("stop_failure.json");
  Json expected = JsonObject({{"session_id", result["session_id"]},
                              {"transcript_path", input["transcript_path"]},
                              {"cwd", work_.path().string()},
                              {"permission_mode", "default"},
                              {"hook_event_name", "StopFailure"},
                              {"error", "rate_limit"},
                              {"error_details", result["result"]}});
  EXPECT_EQ(input, expected);
  EXPECT_NE(result["result"].AsString().find("slow down"), std::string::npos);
}

}  // namespace
}  // namespace runner::e2e
