#include "runner/cli/mcp_prompts.h"

#include <gtest/gtest.h>

#include "runner/testing/fake_mcp_transport.h"

namespace runner::cli {
namespace {

using base::Json;
using base::JsonArray;
using base::JsonObject;

McpPromptCommand Command(Json arguments) {
  McpPromptCommand c;
  c.name = "mcp__srv__weather";
  c.server = "srv";
  c.prompt.name = "weather";
  c.prompt.arguments = std::move(arguments);
  return c;
}

Json Arg(const std::string& name, bool required) {
  return JsonObject({{"name", name}, {"required", required}});
}

TEST(McpPromptArguments, ValuesFillTheDeclaredArgumentsInOrder) {
  McpPromptCommand c = Command(JsonArray({Arg("city", true), Arg("state", false)}));
  EXPECT_EQ(*MapPromptArguments(c, "Paris France"),
            JsonObject({{"city", "Paris"}, {"state", "France"}}));
  EXPECT_EQ(*MapPromptArguments(c, "\"New York\" 'NY'"),
            JsonObject({{"city", "New York"}, {"state", "NY"}}));
  // A missing optional argument is left out.
  EXPECT_EQ(*MapPromptArguments(c, "Paris"), JsonObject({{"city", "Paris"}}));
  // Values beyond the declared arguments are dropped.
  EXPECT_EQ(*MapPromptArguments(c, "a b c"), JsonObject({{"city", "a"}, {"state", "b"}}));
  EXPECT_EQ(*MapPromptArguments(Command(Json::MakeArray()), "x"), Json::MakeObject());
}

TEST(McpPromptArguments, AMissingRequiredArgumentIsAnErrorNamingIt) {
  McpPromptCommand c =
      Command(JsonArray({Arg("city", true), Arg("state", false), Arg("zip", true)}));
  auto none = MapPromptArguments(c, "");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().message,
            "Missing required argument \"city\" for /mcp__srv__weather. "
            "Usage: /mcp__srv__weather <city> [state] <zip>");
  auto two = MapPromptArguments(c, "Paris France");
  ASSERT_FALSE(two);
  EXPECT_NE(two.error().message.find("\"zip\""), std::string::npos);
}

TEST(McpPromptMessages, EveryMessageOfAnyRoleBecomesBlocks) {
  Json messages = JsonArray({
      JsonObject(
          {{"role", "user"}, {"content", JsonObject({{"type", "text"}, {"text", "Hello"}})}}),
      JsonObject({{"role", "assistant"},
                  {"content", JsonObject({{"type", "text"}, {"text", "Hi there"}})}}),
      JsonObject(
          {{"role", "user"},
           {"content",
            JsonObject({{"type", "image"}, {"mimeType", "image/png"}, {"data", "iVBORw0KGgo="}})}}),
      JsonObject({{"role", "user"},
                  {"content", JsonObject({{"type", "resource"},
                                          {"resource", JsonObject({{"uri", "demo://r/1"},
                                                                   {"mimeType", "text/plain"},
                                                                   {"text", "Resource one"}})}})}}),
  });
  Json blocks = PromptMessagesToBlocks(messages, "srv");
  ASSERT_GE(blocks.size(), 4u) << blocks.Dump();
  EXPECT_EQ(blocks.at(0), JsonObject({{"type", "text"}, {"text", "Hello"}}));
  EXPECT_EQ(blocks.at(1), JsonObject({{"type", "text"}, {"text", "Hi there"}}));
  EXPECT_EQ(blocks.at(2)["type"].AsString(), "image");
  EXPECT_EQ(blocks.at(2)["source"]["media_type"].AsString(), "image/png");
  std::string rest;
  for (size_t i = 3; i < blocks.size(); ++i) rest += blocks.at(i)["text"].AsString();
  EXPECT_NE(rest.find("[Resource from srv at demo://r/1]"), std::string::npos) << rest;
  EXPECT_NE(rest.find("Resource one"), std::string::npos) << rest;
}

class McpPromptRun : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::FakeMcpServer server;
    server.capabilities.Set("prompts", Json::MakeObject());
    server.prompt_results["weather"] = JsonObject(
        {{"messages",
          JsonArray({JsonObject(
              {{"role", "user"},
               {"content", JsonObject({{"type", "text"}, {"text", "Weather in Paris?"}})}})})}});
    server.prompt_results["broken"] =
        JsonObject({{"error", JsonObject({{"code", -32602}, {"message", "Invalid arguments"}})}});
    auto transport = std::make_unique<testing::FakeMcpTransport>(server);
    transport_ = transport.get();
    client_ = std::make_unique<mcp::Client>(std::move(transport), "test", "1");
    ASSERT_TRUE(client_->Initialize(1000, nullptr));
  }
  testing::FakeMcpTransport* transport_ = nullptr;
  std::unique_ptr<mcp::Client> client_;
};

TEST_F(McpPromptRun, TheTurnIsTheCommandTagsThenThePrompt) {
  McpPromptCommand c = Command(JsonArray({Arg("city", true)}));
  c.client = client_.get();
  Json preceding = JsonArray({JsonObject({{"type", "text"}, {"text", "before"}})});
  auto content = RunMcpPrompt(c, "Paris", preceding, 1000, nullptr);
  ASSERT_TRUE(content) << content.error().message;
  EXPECT_EQ(*content, JsonArray({
                          JsonObject({{"type", "text"},
                                      {"text",
                                       "<command-message>mcp__srv__weather</command-message>\n"
                                       "<command-name>/mcp__srv__weather</command-name>\n"
                                       "<command-args>Paris</command-args>"}}),
                          JsonObject({{"type", "text"}, {"text", "before"}}),
                          JsonObject({{"type", "text"}, {"text", "Weather in Paris?"}}),
                      }));
  // sent() returns a copy: keep it alive while `get` points into it.
  const std::vector<Json> sent = transport_->sent();
  const Json* get = nullptr;
  for (const Json& m : sent) {
    if (m["method"].AsString() == "prompts/get") get = &m;
  }
  ASSERT_NE(get, nullptr);
  EXPECT_EQ((*get)["params"],
            JsonObject({{"name", "weather"}, {"arguments", JsonObject({{"city", "Paris"}})}}));
}

TEST_F(McpPromptRun, AServerErrorNamesTheCommand) {
  McpPromptCommand c = Command(Json::MakeArray());
  c.prompt.name = "broken";
  c.client = client_.get();
  auto content = RunMcpPrompt(c, "", Json(), 1000, nullptr);
  ASSERT_FALSE(content);
  EXPECT_EQ(content.error().message,
            "Error running /mcp__srv__weather: MCP error -32602: Invalid arguments");
}

TEST_F(McpPromptRun, AMissingArgumentSendsNothing) {
  McpPromptCommand c = Command(JsonArray({Arg("city", true)}));
  c.client = client_.get();
  ASSERT_FALSE(RunMcpPrompt(c, "", Json(), 1000, nullptr));
  for (const Json& m : transport_->sent()) EXPECT_NE(m["method"].AsString(), "prompts/get");
}

}  // namespace
}  // namespace runner::cli
