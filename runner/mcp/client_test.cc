#include "runner/mcp/client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "runner/mcp/http_transport.h"
#include "runner/mcp/mcp_test_support_for_test.h"
#include "runner/testing/fake_mcp_transport.h"

namespace runner::mcp {
namespace {

using base::Json;
using base::JsonObject;
using testing::FakeMcpServer;
using testing::FakeMcpTransport;

Json Tool(const std::string& name) {
  return JsonObject({{"name", name},
                     {"description", name + " tool"},
                     {"inputSchema", JsonObject({{"type", "object"}})}});
}

/// A client over a fake transport; `transport` stays valid while the client lives.
struct Fixture {
  explicit Fixture(FakeMcpTransport::Handler handler) {
    auto t = std::make_unique<FakeMcpTransport>(std::move(handler));
    transport = t.get();
    client = std::make_unique<Client>(std::move(t), "claude-runner", "1.2.3", "srv");
  }
  std::vector<Json> SentWithMethod(const std::string& method) const {
    std::vector<Json> out;
    for (const Json& m : transport->sent()) {
      if (m["method"].AsString() == method) out.push_back(m);
    }
    return out;
  }
  FakeMcpTransport* transport;
  std::unique_ptr<Client> client;
};

TEST(McpClient, InitializeOffersTheNewestVersionAndConfirms) {
  FakeMcpServer server;
  server.instructions = "Use me well";
  Fixture f(server);
  auto info = f.client->Initialize(5000, nullptr);
  ASSERT_TRUE(info) << info.error().message;
  EXPECT_EQ(info->protocol_version, "2025-06-18");
  EXPECT_EQ(info->name, "fake");
  EXPECT_EQ(info->instructions, "Use me well");
  Json init = f.SentWithMethod("initialize").at(0);
  EXPECT_EQ(init["params"]["protocolVersion"].AsString(), "2025-11-25");
  EXPECT_EQ(init["params"]["clientInfo"],
            JsonObject({{"name", "claude-runner"}, {"version", "1.2.3"}}));
  EXPECT_EQ(init["params"]["capabilities"], Json::MakeObject());  // no roots given
  EXPECT_EQ(init["jsonrpc"].AsString(), "2.0");
  EXPECT_EQ(f.SentWithMethod("notifications/initialized").size(), 1u);
}

TEST(McpClient, AcceptsEveryVersionItSpeaks) {
  for (const std::string& v : kProtocolVersions) {
    FakeMcpServer server;
    server.protocol_version = v;
    Fixture f(server);
    auto info = f.client->Initialize(5000, nullptr);
    ASSERT_TRUE(info) << v << ": " << info.error().message;
    EXPECT_EQ(info->protocol_version, v);
  }
}

TEST(McpClient, RefusesAVersionItDoesNotSpeak) {
  FakeMcpServer server;
  server.protocol_version = "2023-01-01";
  Fixture f(server);
  auto info = f.client->Initialize(5000, nullptr);
  ASSERT_FALSE(info);
  EXPECT_NE(info.error().message.find("'2023-01-01'"), std::string::npos) << info.error().message;
  EXPECT_TRUE(f.SentWithMethod("notifications/initialized").empty());
}

TEST(McpClient, AdvertisesRootsAndAnswersRootsList) {
  FakeMcpServer server;
  Fixture f(server);
  f.client->SetRoots({"/srv/my repo", "/data"});
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  EXPECT_EQ(f.SentWithMethod("initialize").at(0)["params"]["capabilities"],
            JsonObject({{"roots", JsonObject({{"listChanged", false}})}}));
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"}, {"id", "r1"}, {"method", "roots/list"}}));
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"}, {"id", 7}, {"method", "ping"}}));
  f.transport->Push(
      JsonObject({{"jsonrpc", "2.0"}, {"id", 8}, {"method", "sampling/createMessage"}}));
  ASSERT_TRUE(f.client->Ping(5000, nullptr));  // queued after the three: they were answered
  std::vector<Json> answers;
  for (const Json& m : f.transport->sent()) {
    if (!m.Contains("method")) answers.push_back(m);
  }
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(
      answers[0],
      JsonObject(
          {{"jsonrpc", "2.0"},
           {"id", "r1"},
           {"result",
            JsonObject(
                {{"roots", base::JsonArray(
                               {JsonObject({{"uri", "file:///srv/my%20repo"}, {"name", "my repo"}}),
                                JsonObject({{"uri", "file:///data"}, {"name", "data"}})})}})}}));
  EXPECT_EQ(answers[1],
            JsonObject({{"jsonrpc", "2.0"}, {"id", 7}, {"result", Json::MakeObject()}}));
  EXPECT_EQ(answers[2]["error"]["code"].AsInt(), -32601);
}

TEST(McpClient, RootsListWithoutRootsIsMethodNotFound) {
  FakeMcpServer server;
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "roots/list"}}));
  ASSERT_TRUE(f.client->Ping(5000, nullptr));
  Json answer = f.transport->sent().back();
  for (const Json& m : f.transport->sent()) {
    if (m["id"] == Json(1) && !m.Contains("method")) answer = m;
  }
  EXPECT_EQ(answer["error"]["code"].AsInt(), -32601);
}

TEST(McpClient, ARequestHandlerAnswersTheServerAndDeclaresItsCapability) {
  FakeMcpServer server;
  Fixture f(server);
  f.client->SetRequestHandler(
      "elicitation/create",
      [](const Json& params) -> base::Result<Json> {
        if (params["fail"].AsBool()) return base::Fail(base::ErrorKind::kUsage, "no thanks");
        return JsonObject({{"action", "accept"}, {"content", params["requestedSchema"]}});
      },
      "elicitation");
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  EXPECT_EQ(f.SentWithMethod("initialize").at(0)["params"]["capabilities"],
            JsonObject({{"elicitation", Json::MakeObject()}}));
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"},
                                {"id", 5},
                                {"method", "elicitation/create"},
                                {"params", JsonObject({{"requestedSchema", 1}})}}));
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"},
                                {"id", 6},
                                {"method", "elicitation/create"},
                                {"params", JsonObject({{"fail", true}})}}));
  ASSERT_TRUE(f.client->Ping(5000, nullptr));  // queued after the two: they were answered
  std::vector<Json> answers;
  for (const Json& m : f.transport->sent()) {
    if (!m.Contains("method")) answers.push_back(m);
  }
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers[0],
            JsonObject({{"jsonrpc", "2.0"},
                        {"id", 5},
                        {"result", JsonObject({{"action", "accept"}, {"content", 1}})}}));
  EXPECT_EQ(answers[1]["error"]["code"].AsInt(), -32603);
  EXPECT_EQ(answers[1]["error"]["message"].AsString(), "no thanks");
}

/// A FakeMcpServer whose session "expires" for the next `expiries` requests after an
/// initialize: they get the error an HTTP transport makes up for an expired session.
FakeMcpTransport::Handler ExpiringServer(FakeMcpServer server,
                                         std::shared_ptr<std::atomic<int>> expiries) {
  return [server, expiries](const Json& m) -> std::vector<Json> {
    const std::string& method = m["method"].AsString();
    if (m.Contains("id") && method != "initialize" && *expiries > 0) {
      --*expiries;
      return {JsonObject(
          {{"jsonrpc", "2.0"},
           {"id", m["id"]},
           {"error",
            JsonObject({{"code", -32000},
                        {"message", "MCP server http://x/mcp: session s-1 expired (404)"},
                        {"data", JsonObject({{"sessionExpired", true}, {"status", 404}})}})}})};
    }
    return server(m);
  };
}

TEST(McpClient, AnExpiredSessionIsInitializedAgainAndTheCallRetriedOnce) {
  FakeMcpServer server;
  server.results["echo"] =
      JsonObject({{"content", base::JsonArray({JsonObject({{"type", "text"}, {"text", "hi"}})})}});
  auto expiries = std::make_shared<std::atomic<int>>(0);
  Fixture f(ExpiringServer(server, expiries));
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  *expiries = 1;
  auto result = f.client->CallTool("echo", Json::MakeObject(), 5000, nullptr);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ((*result)["content"].at(0)["text"].AsString(), "hi");
  EXPECT_EQ(f.SentWithMethod("initialize").size(), 2u);
  EXPECT_EQ(f.SentWithMethod("notifications/initialized").size(), 2u);
  EXPECT_EQ(f.SentWithMethod("tools/call").size(), 2u);
  EXPECT_EQ(f.client->reinitializations(), 1);

  // An expiry right after the new session is not retried again: the call fails, saying why.
  *expiries = 2;
  auto again = f.client->CallTool("echo", Json::MakeObject(), 5000, nullptr);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("expired"), std::string::npos) << again.error().message;
  EXPECT_EQ(again.error().http_status, 404);
  EXPECT_EQ(f.SentWithMethod("initialize").size(), 3u);
  EXPECT_EQ(f.SentWithMethod("tools/call").size(), 4u);
}

TEST(McpClient, OtherErrorsAreNotRetried) {
  FakeMcpServer server;
  server.results["bad"] =
      JsonObject({{"error", JsonObject({{"code", -32000}, {"message", "nope"}})}});
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  EXPECT_FALSE(f.client->CallTool("bad", Json::MakeObject(), 5000, nullptr));
  EXPECT_EQ(f.SentWithMethod("initialize").size(), 1u);
  EXPECT_EQ(f.SentWithMethod("tools/call").size(), 1u);
  EXPECT_EQ(f.client->reinitializations(), 0);
}

TEST(McpClient, RecoversFromAnExpiredHttpSession) {
  // A streamable-HTTP server that forgets session s-1 after its first tools/list.
  std::atomic<int> sessions{0};
  std::atomic<bool> forgot{false};
  auto server = test::Serve([&](const testing::HttpTestRequest& r, testing::HttpTestResponse& w) {
    if (r.method == "GET" || r.method == "DELETE") return w.Send(405, {}, "");
    Json m = test::Body(r);
    std::string session = r.header("mcp-session-id");
    if (m["method"].AsString() == "initialize") {
      base::Headers h = test::kJson;
      h.emplace_back("mcp-session-id", "s-" + std::to_string(++sessions));
      return w.Send(200, h,
                    test::Response(m["id"], JsonObject({{"protocolVersion", "2025-06-18"},
                                                        {"capabilities", Json::MakeObject()}}))
                        .Dump());
    }
    if (session == "s-1" && forgot)
      return w.Send(404, test::kJson, R"({"error":"Session not found"})");
    if (!m.Contains("id")) return w.Send(202, {}, "");
    if (session == "s-1") forgot = true;
    w.Send(
        200, test::kJson,
        test::Response(m["id"], JsonObject({{"tools", base::JsonArray({Tool(session)})}})).Dump());
  });
  base::CurlHttpClient http({});
  Client client(std::make_unique<StreamableHttpTransport>(
                    http, HttpTransportOptions{.url = server->url("/mcp")}),
                "claude-runner", "1", "remote");
  ASSERT_TRUE(client.Initialize(5000, nullptr));
  auto first = client.ListTools(5000, nullptr);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->at(0).name, "s-1");
  auto second = client.ListTools(5000, nullptr);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->at(0).name, "s-2");
  EXPECT_EQ(client.reinitializations(), 1);
  client.Close();
}

TEST(McpClient, ListToolsFollowsPages) {
  FakeMcpServer server;
  for (int i = 0; i < 5; ++i) server.tools.push_back(Tool("t" + std::to_string(i)));
  server.tools.push_back(JsonObject({{"name", "bare"}}));  // no schema: an empty object schema
  server.page_size = 2;
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  auto tools = f.client->ListTools(5000, nullptr);
  ASSERT_TRUE(tools) << tools.error().message;
  ASSERT_EQ(tools->size(), 6u);
  EXPECT_EQ(tools->at(4).name, "t4");
  EXPECT_EQ(tools->at(4).description, "t4 tool");
  EXPECT_EQ(tools->at(5).input_schema, JsonObject({{"type", "object"}}));
  std::vector<Json> lists = f.SentWithMethod("tools/list");
  ASSERT_EQ(lists.size(), 3u);
  EXPECT_FALSE(lists[0].Contains("params"));
  EXPECT_EQ(lists[2]["params"]["cursor"].AsString(), "4");
}

TEST(McpClient, CallToolReportsProgressAndReturnsTheResult) {
  Json result = JsonObject(
      {{"content", base::JsonArray({JsonObject({{"type", "text"}, {"text", "done"}})})}});
  FakeMcpServer server;
  std::vector<Json> progress_seen;
  Fixture f([&](const Json& m) -> std::vector<Json> {
    if (m["method"].AsString() != "tools/call") return server(m);
    Json token = m["params"]["_meta"]["progressToken"];
    auto note = [&](int p) {
      return JsonObject({{"jsonrpc", "2.0"},
                         {"method", "notifications/progress"},
                         {"params", JsonObject({{"progressToken", token},
                                                {"progress", p},
                                                {"total", 2},
                                                {"message", "step " + std::to_string(p)}})}});
    };
    return {note(1), note(2),
            JsonObject({{"jsonrpc", "2.0"}, {"id", m["id"]}, {"result", result}})};
  });
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  std::mutex mu;
  auto r = f.client->CallTool(
      "slow", JsonObject({{"x", 1}}), 5000, nullptr,
      [&](double p, double total, const std::string& msg) {
        std::lock_guard lock(mu);
        progress_seen.push_back(JsonObject({{"p", p}, {"t", total}, {"m", msg}}));
      },
      JsonObject({{"claudecode/toolUseId", "toolu_1"}}));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r, result);
  std::lock_guard lock(mu);
  ASSERT_EQ(progress_seen.size(), 2u);
  EXPECT_EQ(progress_seen[1], JsonObject({{"p", 2}, {"t", 2}, {"m", "step 2"}}));
  Json call = f.SentWithMethod("tools/call").at(0);
  EXPECT_EQ(call["params"]["arguments"], JsonObject({{"x", 1}}));
  EXPECT_EQ(call["params"]["_meta"]["claudecode/toolUseId"].AsString(), "toolu_1");
}

TEST(McpClient, CallWithoutProgressSendsNoToken) {
  FakeMcpServer server;
  server.results["echo"] = JsonObject({{"content", Json::MakeArray()}});
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  ASSERT_TRUE(f.client->CallTool("echo", Json(), 5000, nullptr));
  Json call = f.SentWithMethod("tools/call").at(0);
  EXPECT_FALSE(call["params"].Contains("_meta"));
  EXPECT_EQ(call["params"]["arguments"], Json::MakeObject());
}

TEST(McpClient, JsonRpcErrorsCarryTheServersMessage) {
  FakeMcpServer server;
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  auto r = f.client->CallTool("missing", Json(), 5000, nullptr);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "MCP error -32602: Unknown tool: missing");
}

TEST(McpClient, TimeoutCancelsTheRequestOnTheWire) {
  FakeMcpServer server;
  Fixture f([&](const Json& m) -> std::vector<Json> {
    if (m["method"].AsString() == "tools/call") return {};  // never answers
    return server(m);
  });
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  auto r = f.client->CallTool("hang", Json(), 100, nullptr);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, base::ErrorKind::kTimeout);
  EXPECT_NE(r.error().message.find("within 100 ms"), std::string::npos);
  std::vector<Json> cancels = f.SentWithMethod("notifications/cancelled");
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0]["params"]["requestId"], f.SentWithMethod("tools/call").at(0)["id"]);
  // A late answer for the abandoned request is ignored; the client keeps working.
  f.transport->Push(JsonObject({{"jsonrpc", "2.0"},
                                {"id", cancels[0]["params"]["requestId"]},
                                {"result", Json::MakeObject()}}));
  EXPECT_TRUE(f.client->Ping(5000, nullptr));
}

TEST(McpClient, CancellationStopsWaitingAndTellsTheServer) {
  FakeMcpServer server;
  Fixture f([&](const Json& m) -> std::vector<Json> {
    if (m["method"].AsString() == "tools/call") return {};
    return server(m);
  });
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  base::CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    cancel.Cancel(base::CancelReason::kInterrupt);
  });
  auto r = f.client->CallTool("hang", Json(), 0, &cancel);
  canceller.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, base::ErrorKind::kInterrupted);
  EXPECT_EQ(f.SentWithMethod("notifications/cancelled").size(), 1u);
}

TEST(McpClient, ToolsListChangedCallsBack) {
  FakeMcpServer server;
  Fixture f(server);
  std::atomic<int> calls{0};
  f.client->OnToolsChanged([&] { ++calls; });
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  f.transport->Push(
      JsonObject({{"jsonrpc", "2.0"}, {"method", "notifications/tools/list_changed"}}));
  ASSERT_TRUE(f.client->Ping(5000, nullptr));
  EXPECT_EQ(calls.load(), 1);
}

TEST(McpClient, AServerThatGoesAwayFailsWaitingAndLaterCalls) {
  FakeMcpServer server;
  Fixture f([&](const Json& m) -> std::vector<Json> {
    if (m["method"].AsString() == "tools/call") return {};
    return server(m);
  });
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  std::thread crash([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    f.transport->Hangup("the server exited with code 3");
  });
  auto r = f.client->CallTool("x", Json(), 5000, nullptr);
  crash.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, base::ErrorKind::kNetwork);
  EXPECT_NE(r.error().message.find("exited with code 3"), std::string::npos) << r.error().message;
  EXPECT_TRUE(f.client->closed());
  auto again = f.client->Ping(5000, nullptr);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("not connected"), std::string::npos);
}

TEST(McpClient, ResourcesAndCloseIsIdempotent) {
  FakeMcpServer server;
  server.resources.push_back(
      JsonObject({{"uri", "demo://a"}, {"name", "a"}, {"mimeType", "text/plain"}}));
  server.contents["demo://a"] =
      base::JsonArray({JsonObject({{"uri", "demo://a"}, {"text", "hello"}})});
  Fixture f(server);
  ASSERT_TRUE(f.client->Initialize(5000, nullptr));
  auto list = f.client->ListResources(5000, nullptr);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).mime_type, "text/plain");
  auto read = f.client->ReadResource("demo://a", 5000, nullptr);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->at(0)["text"].AsString(), "hello");
  FakeMcpTransport* t = f.transport;
  f.client->Close();
  f.client->Close();
  EXPECT_EQ(t->close_calls(), 1);
  EXPECT_TRUE(f.client->closed());
}

}  // namespace
}  // namespace runner::mcp
