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
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"t_echo","name":"mcp__ev__echo","input":{"message":"over the wire"}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"Done."}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api, {"-p", "go", "--output-format", "stream-json", "--verbose",
                          "--allowedTools", "mcp__ev", "--mcp-config", config.Dump()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Json> lines = JsonLines(r.out);
  Json init = OfType(lines, "system", "init").at(0);
  EXPECT_EQ(init["mcp_servers"],
            base::JsonArray({base::JsonObject({{"name", "ev"}, {"status", "connected"}})}));
  std::vector<Json> requests = api.Requests();
  ASSERT_EQ(requests.size(), 2u);
  std::string second = requests[1]["body"]["messages"].Dump();
  EXPECT_NE(second.find("Echo: over the wire"), std::string::npos) << second;
}

INSTANTIATE_TEST_SUITE_P(Transports, McpHttpE2eTest,
                         ::testing::Values("streamableHttp", "sse"));

}  // namespace
}  // namespace runner::e2e
