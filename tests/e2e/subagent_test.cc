// End-to-end: the Task tool runs a subagent through the same API; its messages carry
// parent_tool_use_id and its requests the agent-id headers.
#include "e2e_fixture.h"

namespace runner::e2e {
namespace {

using base::Json;

TEST_F(E2eTest, TaskRunsASubagentWhoseAnswerReachesTheParent) {
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_task","name":"Task","input":{"description":"Say hi","prompt":"Run echo and report"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"tool_use","id":"toolu_sub_bash","name":"Bash","input":{"command":"echo from-sub"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"sub answer: from-sub"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"parent done"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "delegate", "--output-format", "stream-json", "--verbose",
                          "--allowedTools", "Bash"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  EXPECT_EQ(lines.back()["result"].AsString(), "parent done");

  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 4u);
  EXPECT_FALSE(reqs[0]["headers"].Contains("x-claude-code-agent-id"));
  std::string agent_id = reqs[1]["headers"]["x-claude-code-agent-id"].AsString();
  EXPECT_FALSE(agent_id.empty());
  EXPECT_EQ(reqs[2]["headers"]["x-claude-code-agent-id"].AsString(), agent_id);
  EXPECT_FALSE(reqs[3]["headers"].Contains("x-claude-code-agent-id"));
  EXPECT_EQ(reqs[1]["headers"]["x-claude-code-session-id"], reqs[0]["headers"]["x-claude-code-session-id"]);
  // The subagent starts from its prompt alone and is not offered Task.
  EXPECT_EQ(reqs[1]["body"]["messages"].size(), 1u);
  EXPECT_NE(reqs[1]["body"]["messages"].Dump().find("Run echo and report"), std::string::npos);
  EXPECT_EQ(reqs[1]["body"]["tools"].Dump().find("\"Task\""), std::string::npos);
  // The parent's next request carries the subagent's answer as the Task result.
  std::string parent_view = reqs[3]["body"]["messages"].Dump();
  EXPECT_NE(parent_view.find("sub answer: from-sub"), std::string::npos) << parent_view;

  int stamped = 0;
  for (const Json& l : lines) {
    if (l["parent_tool_use_id"].AsString() == "toolu_task") ++stamped;
  }
  EXPECT_GE(stamped, 4);  // prompt, Bash call, its result, final answer
  Json task_result;
  for (const Json& l : OfType(lines, "user")) {
    if (l["message"]["content"].at(0)["tool_use_id"].AsString() == "toolu_task") task_result = l;
  }
  EXPECT_TRUE(task_result["parent_tool_use_id"].is_null());
  EXPECT_EQ(task_result["tool_use_result"]["status"].AsString(), "completed");
  EXPECT_EQ(task_result["tool_use_result"]["agentId"].AsString(), agent_id);
  EXPECT_EQ(task_result["tool_use_result"]["totalToolUseCount"].AsInt(), 1);
  // Cost includes the subagent's calls.
  EXPECT_EQ(lines.back()["num_turns"].AsInt(), 2);
}

TEST_F(E2eTest, CustomAgentDefinitionLimitsToolsAndSetsItsPrompt) {
  WriteText(work_.path() / ".claude" / "agents" / "reviewer.md",
            "---\nname: reviewer\ndescription: Reviews code\ntools: Read\nmodel: haiku\n---\n"
            "You are a meticulous reviewer. REVIEWER-MARKER\n");
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_t","name":"Task","input":{"description":"Review","prompt":"review it","subagent_type":"reviewer"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"looks fine"}],"stop_reason":"end_turn"},
    {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "review"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> reqs = api.Requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_NE(reqs[0]["body"]["tools"].Dump().find("reviewer: Reviews code"), std::string::npos);
  const Json& sub_tools = reqs[1]["body"]["tools"];
  ASSERT_EQ(sub_tools.size(), 1u);
  EXPECT_EQ(sub_tools.at(0)["name"].AsString(), "Read");
  EXPECT_NE(reqs[1]["body"]["system"].Dump().find("REVIEWER-MARKER"), std::string::npos);
  EXPECT_EQ(reqs[1]["body"]["model"].AsString(), "claude-haiku-5-5");
}

TEST_F(E2eTest, UnknownSubagentTypeIsAnErrorForTheModel) {
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"toolu_t","name":"Task","input":{"description":"x","prompt":"y","subagent_type":"nope"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json user = OfType(JsonLines(r.out), "user").at(0);
  EXPECT_TRUE(user["message"]["content"].at(0)["is_error"].AsBool());
  EXPECT_NE(user["message"]["content"].at(0)["content"].AsString().find("Agent type 'nope' not found"),
            std::string::npos);
}

}  // namespace
}  // namespace runner::e2e
