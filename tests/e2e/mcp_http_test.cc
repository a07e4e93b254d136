// End-to-end: MCP servers over streamable HTTP and legacy SSE, configured with --mcp-config,
// are tools like stdio ones. The real server-everything from npm (tests/mcp-http, installed by
// `./build.sh test`) runs in its streamableHttp and sse modes. A small in-process server that
// wants a bearer token shows headersHelper and the needs-auth status.
#include "e2e_fixture.h"
#include "runner/testing/http_test_server.h"
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
        base::JsonObject(
            {{"ev", base::JsonObject({{"type", type},
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

/// A streamable-HTTP MCP server with one tool, `whoami`, answering only `Bearer <token>`.
std::unique_ptr<testing::HttpTestServer> ServeWithToken(const std::string& token) {
  auto server = testing::HttpTestServer::Start([token](const testing::HttpTestRequest& r,
                                                       testing::HttpTestResponse& w) {
    if (r.header("authorization") != "Bearer " + token) {
      return w.Send(401, {{"www-authenticate", "Bearer"}}, "unauthorized");
    }
    if (r.method != "POST") return w.Send(405, {}, "");
    auto m = Json::Parse(r.body);
    if (!m || !m->Contains("id")) return w.Send(202, {}, "");
    const std::string& method = (*m)["method"].AsString();
    Json result = Json::MakeObject();
    if (method == "initialize") {
      result = *Json::Parse(R"({"protocolVersion":"2025-06-18","capabilities":{"tools":{}},
                                   "serverInfo":{"name":"locked","version":"1"}})");
    } else if (method == "tools/list") {
      result = *Json::Parse(R"({"tools":[{"name":"whoami","inputSchema":{"type":"object"}}]})");
    } else if (method == "tools/call") {
      result = base::JsonObject(
          {{"content", base::JsonArray({base::JsonObject(
                           {{"type", "text"}, {"text", "you are " + r.header("x-caller")}})})}});
    }
    w.Send(200, {{"content-type", "application/json"}},
           base::JsonObject({{"jsonrpc", "2.0"}, {"id", (*m)["id"]}, {"result", result}}).Dump());
  });
  EXPECT_TRUE(server) << server.error().message;
  return server ? std::move(*server) : nullptr;
}

TEST_F(E2eTest, HeadersHelperSuppliesTheTokenAndA401NeedsAuth) {
  auto server = ServeWithToken("s3cret");
  ASSERT_TRUE(server);
  auto remote = [&](const char* helper) {
    Json c = base::JsonObject({{"type", "http"},
                               {"url", server->url("/mcp")},
                               {"headers", base::JsonObject({{"X-Caller", "static"}})}});
    if (helper) c.Set("headersHelper", helper);
    return c;
  };
  Json config = base::JsonObject(
      {{"mcpServers",
        base::JsonObject(
            {{"helped", remote(R"(printf '{"Authorization":"Bearer %s","X-Caller":"%s"}' )"
                               R"("$E2E_MCP_TOKEN" "$CLAUDE_CODE_MCP_SERVER_NAME")")},
             {"broken", remote("echo 'vault is sealed' >&2; exit 7")},
             {"locked", remote(nullptr)}})}});
  FakeApi api(R"({"turns":[
    {"content":[{"type":"tool_use","id":"t_1","name":"mcp__helped__whoami","input":{}}],"stop_reason":"tool_use"},
    {"content":[{"type":"text","text":"Done."}],"stop_reason":"end_turn"}]})");
  RunOutput r = Run(api,
                    {"-p", "go", "--output-format", "stream-json", "--verbose", "--allowedTools",
                     "mcp__helped", "--mcp-config", config.Dump()},
                    "", {{"E2E_MCP_TOKEN", "s3cret"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Json init = OfType(JsonLines(r.out), "system", "init").at(0);
  EXPECT_EQ(init["mcp_servers"],
            base::JsonArray({base::JsonObject({{"name", "helped"}, {"status", "connected"}}),
                             base::JsonObject({{"name", "broken"}, {"status", "failed"}}),
                             base::JsonObject({{"name", "locked"}, {"status", "needs-auth"}})}))
      << init["mcp_servers"].Dump() << "\n"
      << r.err;
  EXPECT_NE(r.err.find("headersHelper of MCP server broken exited with status 7: vault is sealed"),
            std::string::npos)
      << r.err;
  std::string second = api.Requests().at(1)["body"]["messages"].Dump();
  EXPECT_NE(second.find("you are helped"), std::string::npos) << second;
}

INSTANTIATE_TEST_SUITE_P(Transports, McpHttpE2eTest, ::testing::Values("streamableHttp", "sse"));

}  // namespace
}  // namespace runner::e2e
