// End-to-end: MCP servers over streamable HTTP and legacy SSE, configured with --mcp-config,
// are tools like stdio ones. The real server-everything from npm (tests/mcp-http, installed by
// `./build.sh test`) runs in its streamableHttp and sse modes.
#include "e2e_fixture.h"
#include "tests/mcp-http/everything_server.h"

namespace runner::e2e {
namespace {

using base::Json;

class McpHttpE2eTest : public E2eTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(McpHttpE2eTest, EverythingServerToolsWorkOverTheNetworkTransports) {
  const std::string mode = GetParam();
  const std::string type = mode == "sse" ? "sse" : "http";
  auto server = mcp_http_test::EverythingServer::Start(mode);
  ASSERT_TRUE(server) << server.error().message;
  Json config = base::JsonObject(
      {{"mcpServers",
        base::JsonObject({{"ev", base::JsonObject({{"type", type},
                                                   {"url", (*server)->url(mode == "sse" ? "/sse" : "/mcp")},
                                                   {"headers", base::JsonObject({{"X-Team", "ci"}})}})}})}});
  // Text, image and resource results, a long-running tool with progress, and a resource read.
  FakeApi api(R"({"turns":[
    {"content":[
      {"type":"tool_use","id":"t_echo","name":"mcp__ev__echo","input":{"message":"over the wire"}},
      {"type":"tool_use","id":"t_image","name":"mcp__ev__get-tiny-image","input":{}},
      {"type":"tool_use","id":"t_ref","name":"mcp__ev__get-resource-reference","input":{"resourceType":"Text","resourceId":1}},
      {"type":"tool_use","id":"t_long","name":"mcp__ev__trigger-long-running-operation","input":{"duration":1,"steps":2}},
      {"type":"tool_use","id":"t_read","name":"ReadMcpResourceTool","input":{"server":"ev","uri":"demo://resource/static/document/architecture.md"}}
    ],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"Done."}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--verbose", "--debug",
                          "--allowedTools", "mcp__ev,ReadMcpResourceTool", "--mcp-config",
                          config.Dump()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  Json init = OfType(lines, "system", "init").at(0);
  EXPECT_EQ(init["mcp_servers"],
            base::JsonArray({base::JsonObject({{"name", "ev"}, {"status", "connected"}})}));
  std::vector<Json> requests = api.Requests();
  ASSERT_EQ(requests.size(), 2u);
  std::string second = requests[1]["body"]["messages"].Dump();
  EXPECT_NE(second.find("Echo: over the wire"), std::string::npos) << second;
  EXPECT_NE(second.find(R"("media_type":"image/png")"), std::string::npos);
  EXPECT_NE(second.find("[Resource from ev at demo://resource/dynamic/text/1]"), std::string::npos);
  EXPECT_NE(second.find("Long running operation completed"), std::string::npos);
  EXPECT_NE(second.find("Everything Server"), std::string::npos);  // the resource's text
  EXPECT_EQ(second.find("\"is_error\":true"), std::string::npos) << second;
  EXPECT_NE(r.err.find("trigger-long-running-operation: progress 2/2"), std::string::npos) << r.err;
  // The results are in the stream-json output too.
  int results = 0;
  for (const Json& u : OfType(lines, "user")) {
    for (const Json& b : u["message"]["content"].items()) results += b["type"].AsString() == "tool_result";
  }
  EXPECT_EQ(results, 5);
}

INSTANTIATE_TEST_SUITE_P(Transports, McpHttpE2eTest,
                         ::testing::Values("streamableHttp", "sse"));

}  // namespace
}  // namespace runner::e2e
