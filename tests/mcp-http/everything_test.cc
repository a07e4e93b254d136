// The HTTP transports against the real @modelcontextprotocol/server-everything, in its
// streamableHttp and sse modes: initialize, tools/list, tools/call (echo, and a long-running
// tool that reports progress), session expiry and DELETE, with hand-built JSON-RPC; and the
// runner's own mcp::Client recovering from an expired session.

#include <gtest/gtest.h>

#include "runner/base/http.h"
#include "runner/mcp/client.h"
#include "runner/mcp/http_transport.h"
#include "runner/mcp/sse_transport.h"
#include "tests/mcp-http/everything_server.h"
#include "tests/mcp-http/rpc_session.h"

namespace mcp_http_test {
namespace {

using runner::base::JsonObject;

std::unique_ptr<EverythingServer> StartServer(const std::string& mode) {
  auto server = EverythingServer::Start(mode);
  EXPECT_TRUE(server) << server.error().message;
  return server ? std::move(*server) : nullptr;
}

bool HasTool(const Json& list, const std::string& name) {
  for (const Json& tool : list["tools"].items()) {
    if (tool["name"].AsString() == name) return true;
  }
  return false;
}

/// The conversation both transports must carry: handshake, list, echo, and a tool that sends
/// progress notifications before its result.
void SpeakToEverything(RpcSession& session, const std::string& version) {
  auto init = session.Initialize(version);
  ASSERT_TRUE(init) << init.error().message;
  EXPECT_EQ((*init)["serverInfo"]["name"], Json("mcp-servers/everything"));
  EXPECT_EQ((*init)["protocolVersion"], Json(version));

  auto tools = session.Call("tools/list", Json::MakeObject());
  ASSERT_TRUE(tools) << tools.error().message;
  EXPECT_TRUE(HasTool(*tools, "echo")) << tools->Dump();
  EXPECT_TRUE(HasTool(*tools, "trigger-long-running-operation")) << tools->Dump();

  auto echo = session.Call(
      "tools/call",
      JsonObject({{"name", "echo"}, {"arguments", JsonObject({{"message", "hello"}})}}));
  ASSERT_TRUE(echo) << echo.error().message;
  EXPECT_EQ((*echo)["content"], *Json::Parse(R"([{"type":"text","text":"Echo: hello"}])"));

  auto long_run = session.Call(
      "tools/call", JsonObject({{"name", "trigger-long-running-operation"},
                                {"arguments", JsonObject({{"duration", 0.3}, {"steps", 3}})},
                                {"_meta", JsonObject({{"progressToken", "p-1"}})}}));
  ASSERT_TRUE(long_run) << long_run.error().message;
  EXPECT_NE(
      (*long_run)["content"].at(0)["text"].AsString().find("Long running operation completed"),
      std::string::npos);
  std::vector<Json> progress;
  for (const Json& n : session.notifications()) {
    if (n["method"].AsString() == "notifications/progress") progress.push_back(n["params"]);
  }
  EXPECT_EQ(progress, (std::vector<Json>{
                          JsonObject({{"progress", 1}, {"total", 3}, {"progressToken", "p-1"}}),
                          JsonObject({{"progress", 2}, {"total", 3}, {"progressToken", "p-1"}}),
                          JsonObject({{"progress", 3}, {"total", 3}, {"progressToken", "p-1"}})}));
}

TEST(EverythingOverStreamableHttp, ListsAndCallsTools) {
  auto server = StartServer("streamableHttp");
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  runner::mcp::StreamableHttpTransport transport(http, {.url = server->url("/mcp")});
  RpcSession session(transport);
  ASSERT_TRUE(session.Start());
  SpeakToEverything(session, "2025-06-18");
  EXPECT_FALSE(transport.session_id().empty());
}

TEST(EverythingOverStreamableHttp, CloseDeletesTheSession) {
  auto server = StartServer("streamableHttp");
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  runner::mcp::StreamableHttpTransport transport(http, {.url = server->url("/mcp")});
  RpcSession session(transport);
  ASSERT_TRUE(session.Start());
  ASSERT_TRUE(session.Initialize("2025-06-18"));
  std::string id = transport.session_id();
  session.Close();

  // The server no longer knows the session.
  runner::base::HttpRequest probe{.url = server->url("/mcp"),
                                  .headers = {{"Content-Type", "application/json"},
                                              {"Accept", "application/json, text/event-stream"},
                                              {"Mcp-Session-Id", id}},
                                  .body = R"({"jsonrpc":"2.0","id":1,"method":"ping"})"};
  auto answer = http.Send(probe, {}, nullptr);
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_TRUE(answer->head.status == 400 || answer->head.status == 404) << answer->head.status;
  EXPECT_NE(server->log().find("Received session termination request for session " + id),
            std::string::npos)
      << server->log();
}

TEST(EverythingOverStreamableHttp, AnEndedSessionIsReportedAndANewOneWorks) {
  auto server = StartServer("streamableHttp");
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  runner::mcp::StreamableHttpTransport transport(http, {.url = server->url("/mcp")});
  RpcSession session(transport);
  ASSERT_TRUE(session.Start());
  ASSERT_TRUE(session.Initialize("2025-06-18"));
  std::string first = transport.session_id();

  // Given the server ended the session behind the client's back
  auto ended = http.Send(
      {.method = "DELETE", .url = server->url("/mcp"), .headers = {{"Mcp-Session-Id", first}}}, {},
      nullptr);
  ASSERT_TRUE(ended && ended->head.status == 200);

  // When the client calls a tool, the answer says the session expired
  auto call = session.Call("tools/list", Json::MakeObject());
  ASSERT_FALSE(call);
  EXPECT_EQ(session.last_error()["data"]["sessionExpired"], Json(true))
      << session.last_error().Dump();
  EXPECT_NE(call.error().message.find("session " + first + " expired"), std::string::npos)
      << call.error().message;

  // And initializing again gives a new session that works
  ASSERT_TRUE(session.Initialize("2025-06-18"));
  EXPECT_NE(transport.session_id(), first);
  EXPECT_TRUE(session.Call("tools/list", Json::MakeObject()));
}

TEST(EverythingOverStreamableHttp, TheClientRecoversFromASessionEndedBehindItsBack) {
  auto server = StartServer("streamableHttp");
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  auto owned = std::make_unique<runner::mcp::StreamableHttpTransport>(
      http, runner::mcp::HttpTransportOptions{.url = server->url("/mcp")});
  runner::mcp::StreamableHttpTransport& transport = *owned;
  runner::mcp::Client client(std::move(owned), "claude-runner", "test", "everything");
  auto init = client.Initialize(15000, nullptr);
  ASSERT_TRUE(init) << init.error().message;
  std::string first = transport.session_id();

  // Given the server ended the session behind the client's back
  auto ended = http.Send(
      {.method = "DELETE", .url = server->url("/mcp"), .headers = {{"Mcp-Session-Id", first}}}, {},
      nullptr);
  ASSERT_TRUE(ended && ended->head.status == 200);

  // When the client calls a tool, it initializes a new session and the call succeeds
  auto echo = client.CallTool("echo", JsonObject({{"message", "again"}}), 15000, nullptr);
  ASSERT_TRUE(echo) << echo.error().message;
  EXPECT_EQ((*echo)["content"], *Json::Parse(R"([{"type":"text","text":"Echo: again"}])"));
  EXPECT_EQ(client.reinitializations(), 1);
  EXPECT_FALSE(transport.session_id().empty());
  EXPECT_NE(transport.session_id(), first);
  client.Close();
}

TEST(EverythingOverSse, ListsAndCallsTools) {
  auto server = StartServer("sse");
  ASSERT_TRUE(server);
  runner::base::CurlHttpClient http({});
  runner::mcp::SseTransport transport(http, {.url = server->url("/sse")});
  RpcSession session(transport);
  ASSERT_TRUE(session.Start());
  EXPECT_TRUE(transport.endpoint().starts_with(server->url("/message?sessionId=")))
      << transport.endpoint();
  SpeakToEverything(session, "2025-06-18");
}

}  // namespace
}  // namespace mcp_http_test
