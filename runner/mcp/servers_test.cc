#include "runner/mcp/servers.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <thread>

#include "runner/base/clock.h"
#include "runner/mcp/http_transport.h"
#include "runner/mcp/mcp_test_support_for_test.h"
#include "runner/testing/fake_mcp_transport.h"

namespace runner::mcp {
namespace {

using base::Json;
using base::JsonObject;
using testing::FakeMcpServer;
using testing::FakeMcpTransport;

ServerConfig Config(const std::string& name) {
  ServerConfig c;
  c.name = name;
  c.command = name;
  return c;
}

FakeMcpServer WithTools(std::vector<std::string> names) {
  FakeMcpServer s;
  for (const std::string& n : names) s.tools.push_back(JsonObject({{"name", n}}));
  return s;
}

/// Answers after `delay_ms` (the handler runs in the caller's thread, so it is that slow).
FakeMcpTransport::Handler Slow(FakeMcpServer server, int delay_ms) {
  return [server, delay_ms](const Json& m) {
    if (m["method"].AsString() == "initialize") {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    }
    return server(m);
  };
}

TEST(McpServers, StartInParallelAndReportStatus) {
  std::vector<ServerConfig> configs = {Config("a"), Config("b"), Config("c"), Config("mute"),
                                       Config("remote")};
  configs[4].type = ServerType::kHttp;
  ServersOptions options;
  options.startup_timeout_ms = 600;
  Servers servers(
      configs, options, [](const ServerConfig& c) -> base::Result<std::unique_ptr<Transport>> {
        if (c.type == ServerType::kHttp)
          return base::Fail(base::ErrorKind::kConfig, "http is not supported here");
        if (c.name == "mute") {
          return std::make_unique<FakeMcpTransport>(
              [](const Json&) { return std::vector<Json>{}; });
        }
        return std::make_unique<FakeMcpTransport>(Slow(WithTools({c.name + "_tool"}), 300));
      });
  EXPECT_EQ(servers.StatusJson().at(0)["status"].AsString(), "pending");
  int64_t start = base::MonotonicMs();
  servers.StartAll(nullptr);
  int64_t took = base::MonotonicMs() - start;
  EXPECT_LT(took, 1200) << "three 300 ms servers and a 600 ms timeout must overlap";
  EXPECT_EQ(servers.StatusJson(),
            base::JsonArray({JsonObject({{"name", "a"}, {"status", "connected"}}),
                             JsonObject({{"name", "b"}, {"status", "connected"}}),
                             JsonObject({{"name", "c"}, {"status", "connected"}}),
                             JsonObject({{"name", "mute"}, {"status", "failed"}}),
                             JsonObject({{"name", "remote"}, {"status", "failed"}})}));
  ASSERT_NE(servers.Find("b"), nullptr);
  EXPECT_EQ(servers.Find("b")->tools.at(0).name, "b_tool");
  EXPECT_EQ(servers.Find("mute"), nullptr);
  EXPECT_NE(servers.all()[3]->error.find("did not answer initialize within 600 ms"),
            std::string::npos)
      << servers.all()[3]->error;
  EXPECT_EQ(servers.all()[4]->error, "http is not supported here");
  EXPECT_FALSE(servers.AnyResources());
}

TEST(McpServers, AServerWithoutToolsCapabilityIsNotAskedForTools) {
  FakeMcpServer server;
  server.capabilities = JsonObject({{"resources", Json::MakeObject()}});
  std::vector<Json>* sent = nullptr;
  FakeMcpTransport* transport = nullptr;
  Servers servers({Config("r")}, {},
                  [&](const ServerConfig&) -> base::Result<std::unique_ptr<Transport>> {
                    auto t = std::make_unique<FakeMcpTransport>(server);
                    transport = t.get();
                    return t;
                  });
  servers.StartAll(nullptr);
  (void)sent;
  ASSERT_NE(servers.Find("r"), nullptr);
  EXPECT_TRUE(servers.AnyResources());
  for (const Json& m : transport->sent()) EXPECT_NE(m["method"].AsString(), "tools/list");
}

TEST(McpServers, ToolsChangedWhileStartingAreListedAgain) {
  // The server adds a tool once initialized and says so, after answering the first tools/list.
  auto added = std::make_shared<std::atomic<bool>>(false);
  FakeMcpTransport* transport = nullptr;
  Servers servers(
      {Config("e")}, {}, [&](const ServerConfig&) -> base::Result<std::unique_ptr<Transport>> {
        auto t = std::make_unique<FakeMcpTransport>([added, &transport](const Json& m) {
          FakeMcpServer s = WithTools(added->load() ? std::vector<std::string>{"x", "late"}
                                                    : std::vector<std::string>{"x"});
          std::vector<Json> out = s(m);
          if (m["method"].AsString() == "tools/list" && !added->exchange(true)) {
            out.push_back(
                JsonObject({{"jsonrpc", "2.0"}, {"method", "notifications/tools/list_changed"}}));
          }
          return out;
        });
        transport = t.get();
        return t;
      });
  servers.StartAll(nullptr);
  ASSERT_NE(servers.Find("e"), nullptr);
  ASSERT_EQ(servers.Find("e")->tools.size(), 2u);
  EXPECT_EQ(servers.Find("e")->tools[1].name, "late");
}

TEST(McpServers, PromptsAreListedInPagesWhenOffered) {
  FakeMcpServer with = WithTools({"t"});
  with.capabilities.Set("prompts", Json::MakeObject());
  with.page_size = 1;
  with.prompts = {JsonObject({{"name", "one"}}),
                  JsonObject({{"name", "two"}, {"arguments", base::JsonArray({JsonObject({{"name", "x"}})})}})};
  FakeMcpServer without = with;
  without.capabilities = JsonObject({{"tools", Json::MakeObject()}});
  FakeMcpServer broken = with;
  broken.prompts.clear();
  std::map<std::string, FakeMcpTransport*> transports;
  std::mutex mu;
  Servers servers({Config("with"), Config("without"), Config("broken")}, {},
                  [&](const ServerConfig& c) -> base::Result<std::unique_ptr<Transport>> {
                    FakeMcpServer s = c.name == "with" ? with : c.name == "without" ? without : broken;
                    FakeMcpTransport::Handler h = s;
                    if (c.name == "broken") {
                      h = [s](const Json& m) {
                        if (m["method"].AsString() != "prompts/list") return s(m);
                        return std::vector<Json>{JsonObject({{"jsonrpc", "2.0"}, {"id", m["id"]},
                            {"error", JsonObject({{"code", -32603}, {"message", "boom"}})}})};
                      };
                    }
                    auto t = std::make_unique<FakeMcpTransport>(h);
                    std::lock_guard lock(mu);
                    transports[c.name] = t.get();
                    return t;
                  });
  servers.StartAll(nullptr);
  ASSERT_NE(servers.Find("with"), nullptr);
  const auto& prompts = servers.Find("with")->prompts;
  ASSERT_EQ(prompts.size(), 2u);
  EXPECT_EQ(prompts[1].name, "two");
  EXPECT_EQ(prompts[1].arguments.at(0)["name"].AsString(), "x");
  ASSERT_NE(servers.Find("without"), nullptr);
  EXPECT_TRUE(servers.Find("without")->prompts.empty());
  for (const Json& m : transports["without"]->sent()) EXPECT_NE(m["method"].AsString(), "prompts/list");
  ASSERT_NE(servers.Find("broken"), nullptr) << "a failed prompts/list does not fail the server";
  EXPECT_TRUE(servers.Find("broken")->prompts.empty());
  EXPECT_EQ(servers.Find("broken")->tools.size(), 1u);
}

TEST(McpServers, CloseAllClosesEveryConnection) {
  std::vector<FakeMcpTransport*> transports;
  std::mutex mu;
  {
    Servers servers({Config("a"), Config("b")}, {},
                    [&](const ServerConfig&) -> base::Result<std::unique_ptr<Transport>> {
                      auto t = std::make_unique<FakeMcpTransport>(WithTools({"t"}));
                      std::lock_guard lock(mu);
                      transports.push_back(t.get());
                      return t;
                    });
    servers.StartAll(nullptr);
    servers.CloseAll();
    for (FakeMcpTransport* t : transports) EXPECT_EQ(t->close_calls(), 1);
    servers.CloseAll();
    for (FakeMcpTransport* t : transports) EXPECT_EQ(t->close_calls(), 1);
  }
}

TEST(McpServers, AnHttpServerAnswering401ToInitializeNeedsAuth) {
  auto server = test::Serve([](const testing::HttpTestRequest& r, testing::HttpTestResponse& w) {
    if (r.header("authorization") == "Bearer good") {
      Json m = test::Body(r);
      if (!m.Contains("id")) return w.Send(202, {}, "");
      return w.Send(200, test::kJson,
                    test::Response(m["id"], JsonObject({{"protocolVersion", "2025-06-18"},
                                                        {"capabilities", Json::MakeObject()}}))
                        .Dump());
    }
    w.Send(401, {{"www-authenticate", "Bearer"}}, "unauthorized");
  });
  base::CurlHttpClient http({});
  std::vector<ServerConfig> configs = {Config("locked"), Config("open")};
  for (ServerConfig& c : configs) {
    c.type = ServerType::kHttp;
    c.url = server->url("/mcp");
  }
  configs[1].headers["Authorization"] = "Bearer good";
  Servers servers(
      configs, {}, [&](const ServerConfig& c) -> base::Result<std::unique_ptr<Transport>> {
        return std::make_unique<StreamableHttpTransport>(
            http, HttpTransportOptions{c.url, base::Headers(c.headers.begin(), c.headers.end())});
      });
  servers.StartAll(nullptr);
  EXPECT_EQ(servers.StatusJson(),
            base::JsonArray({JsonObject({{"name", "locked"}, {"status", "needs-auth"}}),
                             JsonObject({{"name", "open"}, {"status", "connected"}})}));
  EXPECT_NE(servers.all()[0]->error.find("401"), std::string::npos) << servers.all()[0]->error;
}

}  // namespace
}  // namespace runner::mcp
