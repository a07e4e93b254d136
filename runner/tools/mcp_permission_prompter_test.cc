#include "runner/tools/mcp_permission_prompter.h"

#include <gtest/gtest.h>

#include "runner/testing/fake_mcp_transport.h"

namespace runner::tools {
namespace {

using base::Json;

Json ResultWithText(const std::string& text) {
  return base::JsonObject({{"content", base::JsonArray({base::JsonObject({{"type", "text"}, {"text", text}})})}});
}

TEST(McpPermissionTool, AllowWithChangedInput) {
  auto a = ParsePermissionToolResult(ResultWithText(R"({"behavior":"allow","updatedInput":{"command":"ls -a"}})"));
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_TRUE(a->allow);
  EXPECT_EQ(a->updated_input, base::JsonObject({{"command", "ls -a"}}));
}

TEST(McpPermissionTool, AllowWithoutInputKeepsTheInputAsAsked) {
  for (const char* text : {R"({"behavior":"allow"})", R"({"behavior":"allow","updatedInput":{}})"}) {
    auto a = ParsePermissionToolResult(ResultWithText(text));
    ASSERT_TRUE(a) << text;
    EXPECT_TRUE(a->allow);
    EXPECT_TRUE(a->updated_input.is_null());
  }
}

TEST(McpPermissionTool, DenyWithMessage) {
  auto d = ParsePermissionToolResult(ResultWithText(R"({"behavior":"deny","message":"not on Fridays"})"));
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->allow);
  EXPECT_EQ(d->message, "not on Fridays");
  EXPECT_FALSE(d->interrupt);
}

TEST(McpPermissionTool, AnythingElseFails) {
  EXPECT_FALSE(ParsePermissionToolResult(ResultWithText("yes please")));
  EXPECT_FALSE(ParsePermissionToolResult(ResultWithText(R"({"behavior":"deny"})")));
  EXPECT_FALSE(ParsePermissionToolResult(ResultWithText(R"({"behavior":"maybe"})")));
  EXPECT_FALSE(ParsePermissionToolResult(ResultWithText(R"({"behavior":"allow","updatedInput":"x"})")));
  auto image = ParsePermissionToolResult(*Json::Parse(R"({"content":[{"type":"image","data":"x","mimeType":"image/png"}]})"));
  ASSERT_FALSE(image);
  EXPECT_NE(image.error().message.find("Expected a single text block"), std::string::npos);
  Json failed = ResultWithText("server broke");
  failed.Set("isError", true);
  EXPECT_FALSE(ParsePermissionToolResult(failed));
}

TEST(McpPermissionTool, AsksTheToolWithClaudeCodesArguments) {
  testing::FakeMcpServer server;
  server.results["approve"] = ResultWithText(R"({"behavior":"deny","message":"no"})");
  auto transport = std::make_unique<testing::FakeMcpTransport>(server);
  testing::FakeMcpTransport* t = transport.get();
  mcp::Client client(std::move(transport), "test", "1", "perm");
  ASSERT_TRUE(client.Initialize(5000, nullptr));
  McpTool tool(client, "perm", mcp::ToolInfo{"approve"}, McpCallLimits{});
  McpPermissionPrompter prompter(tool);
  permissions::PromptRequest request;
  request.tool_name = "Bash";
  request.input = base::JsonObject({{"command", "rm -rf build"}});
  request.tool_use_id = "toolu_9";
  auto answer = prompter.Ask(request, nullptr);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->message, "no");
  Json call = t->sent().back();
  for (const Json& m : t->sent()) {
    if (m["method"].AsString() == "tools/call") call = m;
  }
  EXPECT_EQ(call["params"]["name"].AsString(), "approve");
  EXPECT_EQ(call["params"]["arguments"],
            base::JsonObject({{"tool_name", "Bash"}, {"input", base::JsonObject({{"command", "rm -rf build"}})},
                              {"tool_use_id", "toolu_9"}}));
  EXPECT_EQ(call["params"]["_meta"]["claudecode/toolUseId"].AsString(), "toolu_9");
}

}  // namespace
}  // namespace runner::tools
