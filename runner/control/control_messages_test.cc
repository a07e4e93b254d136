#include "runner/control/control_messages.h"

#include <gtest/gtest.h>

namespace runner::control {
namespace {

using base::Json;

Json Parse(const std::string& text) { return *Json::Parse(text); }

TEST(ControlMessages, ResponsesHaveTheSdkShape) {
  EXPECT_EQ(SuccessResponse("r1", Parse(R"({"a":1})")).Dump(),
            R"({"type":"control_response","response":{"subtype":"success","request_id":"r1","response":{"a":1}}})");
  EXPECT_EQ(SuccessResponse("r1", Json()).Dump(),
            R"({"type":"control_response","response":{"subtype":"success","request_id":"r1"}})");
  EXPECT_EQ(ErrorResponse("r2", "nope").Dump(),
            R"({"type":"control_response","response":{"subtype":"error","request_id":"r2","error":"nope"}})");
  EXPECT_EQ(CancelRequest("r3").Dump(), R"({"type":"control_cancel_request","request_id":"r3"})");
}

TEST(ControlMessages, CanUseToolForAnEditSuggestsAcceptEdits) {
  permissions::PromptRequest req;
  req.tool_name = "Write";
  req.input = Parse(R"({"file_path":"/w/p/notes.txt","content":"x"})");
  req.tool_use_id = "toolu_2";
  Json r = CanUseToolRequest(req);
  EXPECT_EQ(r["subtype"].AsString(), "can_use_tool");
  EXPECT_EQ(r["tool_name"].AsString(), "Write");
  EXPECT_EQ(r["display_name"].AsString(), "Write");
  EXPECT_EQ(r["description"].AsString(), "notes.txt");
  EXPECT_EQ(r["input"]["content"].AsString(), "x");
  EXPECT_EQ(r["permission_suggestions"].Dump(),
            R"([{"type":"setMode","mode":"acceptEdits","destination":"session"}])");
  EXPECT_EQ(r["tool_use_id"].AsString(), "toolu_2");
  EXPECT_TRUE(r["agent_id"].is_null());
  EXPECT_TRUE(r["matched_ask_rule"].is_null());
}

TEST(ControlMessages, CanUseToolNamesTheAskRuleThatMatched) {
  permissions::PromptRequest req;
  req.tool_name = "Bash";
  req.input = Parse(R"({"command":"git push origin main"})");
  req.tool_use_id = "toolu_3";
  req.agent_id = "agent-1";
  req.decision.behavior = permissions::Behavior::kAsk;
  req.decision.reason_type = permissions::ReasonType::kRule;
  req.decision.rule = "Bash(git push:*)";
  req.decision.rule_source = "projectSettings";
  req.decision.message = "needs approval";
  Json r = CanUseToolRequest(req);
  EXPECT_EQ(r["description"].AsString(), "git push origin main");
  EXPECT_EQ(r["decision_reason_type"].AsString(), "rule");
  EXPECT_EQ(r["decision_reason"].AsString(), "needs approval");
  EXPECT_EQ(r["matched_ask_rule"].Dump(),
            R"({"source":"projectSettings","tool_name":"Bash","rule_content":"git push:*"})");
  EXPECT_EQ(r["agent_id"].AsString(), "agent-1");
  EXPECT_EQ(r["permission_suggestions"].at(0)["rules"].at(0)["ruleContent"].AsString(),
            "git push origin main");
}

TEST(ControlMessages, PermissionAnswers) {
  auto allow = ParsePermissionAnswer(Parse(R"({"behavior":"allow"})"));
  ASSERT_TRUE(allow);
  EXPECT_TRUE(allow->allow);
  EXPECT_TRUE(allow->updated_input.is_null());
  auto deny = ParsePermissionAnswer(Parse(R"({"behavior":"deny"})"));
  ASSERT_TRUE(deny);
  EXPECT_FALSE(deny->allow);
  EXPECT_EQ(deny->message, "Permission denied by the SDK host");
  EXPECT_FALSE(ParsePermissionAnswer(Parse(R"({"behavior":"allow","updatedInput":"x"})")));
  EXPECT_FALSE(ParsePermissionAnswer(Json()));
}

TEST(ControlMessages, InitializeResponseListsWhatTheSdkReads) {
  InitializeInfo info;
  info.commands = {"review-pr"};
  info.agents = {{"general-purpose", "General agent", ""}};
  info.models = {"sonnet", "opus"};
  info.api_key_source = "ANTHROPIC_API_KEY";
  info.version = "9.9.9";
  info.permission_mode = "default";
  Json r = InitializeResponse(info);
  for (const char* key : {"commands", "agents", "output_style", "available_output_styles",
                          "models", "account"}) {
    EXPECT_FALSE(r[key].is_null()) << key;
  }
  EXPECT_EQ(r["commands"].at(0)["name"].AsString(), "review-pr");
  EXPECT_EQ(r["agents"].at(0)["name"].AsString(), "general-purpose");
  EXPECT_EQ(r["models"].at(1)["value"].AsString(), "opus");
  EXPECT_EQ(r["account"]["apiKeySource"].AsString(), "ANTHROPIC_API_KEY");
  EXPECT_EQ(r["claude_code_version"].AsString(), "9.9.9");
}

}  // namespace
}  // namespace runner::control
