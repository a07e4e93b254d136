#include "runner/tools/mcp_tool.h"

#include <gtest/gtest.h>

#include "runner/base/strings.h"

#include "runner/base/files.h"

#include "runner/testing/fake_mcp_transport.h"
#include "runner/tools/mcp_resource_tools.h"
#include "runner/tools/registry.h"

namespace runner::tools {
namespace {

using base::Json;
using base::JsonObject;
using testing::FakeMcpServer;
using testing::FakeMcpTransport;

Json Parse(const char* text) { return *Json::Parse(text); }

FakeMcpServer Server() {
  FakeMcpServer s;
  s.capabilities = Parse(R"({"tools":{},"resources":{}})");
  s.tools = {Parse(R"({"name":"get.thing","description":"Gets a thing","annotations":{"readOnlyHint":true},
                       "inputSchema":{"type":"object","properties":{"id":{"type":"string"}}}})"),
             Parse(R"({"name":"write_thing","description":"Writes"})")};
  s.results["get.thing"] = Parse(R"({"content":[{"type":"text","text":"the thing"}]})");
  s.results["write_thing"] = Parse(R"({"content":[{"type":"text","text":"disk full"}],"isError":true})");
  s.results["big"] = JsonObject({{"content", base::JsonArray({JsonObject({{"type", "text"}, {"text", std::string(1000, 'x')}})})}});
  s.results["broken"] = Parse(R"({"error":{"code":-32603,"message":"database down"}})");
  s.resources = {Parse(R"({"uri":"demo://text","name":"text","mimeType":"text/plain","description":"Some text"})"),
                 Parse(R"({"uri":"demo://blob/b.bin","name":"blob"})")};
  s.contents["demo://text"] = Parse(R"([{"uri":"demo://text","mimeType":"text/plain","text":"hello"}])");
  s.contents["demo://blob/b.bin"] = Parse(R"([{"uri":"demo://blob/b.bin","mimeType":"application/octet-stream","blob":"aGk="}])");
  return s;
}

class McpToolTest : public ::testing::Test {
 protected:
  McpToolTest() {
    mcp::ServerConfig config;
    config.name = "my srv";
    servers_ = std::make_unique<mcp::Servers>(
        std::vector<mcp::ServerConfig>{config}, mcp::ServersOptions{},
        [](const mcp::ServerConfig&) -> base::Result<std::unique_ptr<mcp::Transport>> {
          return std::make_unique<FakeMcpTransport>(Server());
        });
    servers_->StartAll(nullptr);
    ctx_.cancel = &cancel_;
    ctx_.tool_use_id = "toolu_1";
  }
  mcp::Client& client() { return *servers_->all()[0]->client; }
  McpTool Tool(const std::string& name, McpCallLimits limits = {}) {
    mcp::ToolInfo info;
    info.name = name;
    for (const mcp::ToolInfo& t : servers_->all()[0]->tools) {
      if (t.name == name) info = t;
    }
    return McpTool(client(), "my srv", info, limits);
  }
  std::unique_ptr<mcp::Servers> servers_;
  base::CancelToken cancel_;
  ToolContext ctx_;
};

TEST_F(McpToolTest, LooksLikeTheServersTool) {
  McpTool get = Tool("get.thing");
  EXPECT_EQ(get.name(), "mcp__my_srv__get_thing");
  EXPECT_EQ(get.description(), "Gets a thing");
  EXPECT_EQ(get.input_schema(), Parse(R"({"type":"object","properties":{"id":{"type":"string"}}})"));
  EXPECT_TRUE(get.IsReadOnly(Json()));
  McpTool write = Tool("write_thing");
  EXPECT_FALSE(write.IsReadOnly(Json()));
  EXPECT_EQ(write.input_schema(), Parse(R"({"type":"object"})"));
}

TEST_F(McpToolTest, LongDescriptionsAreCut) {
  mcp::ToolInfo info;
  info.name = "x";
  info.description = std::string(3000, 'd');
  McpTool tool(client(), "s", info, {});
  EXPECT_EQ(tool.description().substr(0, 2048), std::string(2048, 'd'));
  EXPECT_EQ(tool.description().substr(2048), "… [description truncated]");
}

TEST_F(McpToolTest, ResultsAndErrorsReachTheModel) {
  McpTool get = Tool("get.thing");
  ToolResult ok = get.Run(JsonObject({{"id", "1"}}), ctx_);
  EXPECT_FALSE(ok.is_error);
  EXPECT_EQ(ok.content, Parse(R"([{"type":"text","text":"the thing"}])"));
  ToolResult flagged = Tool("write_thing").Run(Json::MakeObject(), ctx_);
  EXPECT_TRUE(flagged.is_error);
  EXPECT_EQ(flagged.content, Parse(R"([{"type":"text","text":"disk full"}])"));
  ToolResult broken = Tool("broken").Run(Json::MakeObject(), ctx_);
  EXPECT_TRUE(broken.is_error);
  EXPECT_EQ(broken.content.AsString(),
            "<tool_use_error>Error calling MCP tool mcp__my_srv__broken: MCP error -32603: database "
            "down</tool_use_error>");
}

TEST_F(McpToolTest, OutputIsCutToTheLimit) {
  McpCallLimits limits;
  limits.max_output_tokens = 100;
  ToolResult r = Tool("big", limits).Run(Json::MakeObject(), ctx_);
  ASSERT_EQ(r.content.size(), 2u);
  EXPECT_EQ(r.content.at(0)["text"].AsString(), std::string(400, 'x'));
  EXPECT_NE(r.content.at(1)["text"].AsString().find("Output truncated"), std::string::npos);
}

TEST_F(McpToolTest, LimitsComeFromTheEnvironment) {
  base::Env env(std::map<std::string, std::string>{{"MCP_TOOL_TIMEOUT", "1500"}, {"MAX_MCP_OUTPUT_TOKENS", "x"}});
  McpCallLimits limits = McpCallLimits::FromEnv(env);
  EXPECT_EQ(limits.timeout_ms, 1500);
  EXPECT_EQ(limits.max_output_tokens, 25000);
}

TEST_F(McpToolTest, RegistryBuildsToolsAndResourceTools) {
  auto tools = BuildMcpTools(*servers_, {}, "/tmp/unused");
  std::vector<std::string> names;
  for (const auto& t : tools) names.emplace_back(t->name());
  EXPECT_EQ(names, (std::vector<std::string>{"mcp__my_srv__get_thing", "mcp__my_srv__write_thing",
                                             "ListMcpResourcesTool", "ReadMcpResourceTool"}));
}

TEST_F(McpToolTest, ListAndReadResources) {
  ListMcpResourcesTool list(*servers_, {});
  ToolResult all = list.Run(Json::MakeObject(), ctx_);
  ASSERT_FALSE(all.is_error) << all.content.Dump();
  EXPECT_EQ(all.structured, Parse(R"([
      {"uri":"demo://text","name":"text","mimeType":"text/plain","description":"Some text","server":"my srv"},
      {"uri":"demo://blob/b.bin","name":"blob","server":"my srv"}])"));
  EXPECT_EQ(*Json::Parse(all.content.AsString()), all.structured);
  ToolResult unknown = list.Run(JsonObject({{"server", "nope"}}), ctx_);
  EXPECT_TRUE(unknown.is_error);
  EXPECT_NE(unknown.content.AsString().find("Available servers: my srv"), std::string::npos);

  char tmpl[] = "/tmp/mcp_blobs.XXXXXX";
  std::filesystem::path dir = std::filesystem::path(::mkdtemp(tmpl)) / "blobs";
  {
    ReadMcpResourceTool read(*servers_, {}, dir);
    ToolResult text = read.Run(JsonObject({{"server", "my srv"}, {"uri", "demo://text"}}), ctx_);
    EXPECT_EQ(text.structured, Parse(R"({"contents":[{"uri":"demo://text","mimeType":"text/plain","text":"hello"}]})"));
    ToolResult blob = read.Run(JsonObject({{"server", "my srv"}, {"uri", "demo://blob/b.bin"}}), ctx_);
    std::string saved = blob.structured["contents"].at(0)["blobSavedTo"].AsString();
    ASSERT_FALSE(saved.empty()) << blob.structured.Dump();
    EXPECT_EQ(*base::ReadFile(saved), "hi");
    ToolResult missing = read.Run(JsonObject({{"server", "my srv"}, {"uri", "demo://none"}}), ctx_);
    EXPECT_TRUE(missing.is_error);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));  // removed with the tool
  std::filesystem::remove_all(dir.parent_path());
}

TEST(Base64, Decodes) {
  EXPECT_EQ(*base::Base64Decode("aGVsbG8gd29ybGQ="), "hello world");
  EXPECT_EQ(*base::Base64Decode("aGk"), "hi");
  EXPECT_FALSE(base::Base64Decode("a$b"));
}

}  // namespace
}  // namespace runner::tools
