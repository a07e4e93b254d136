#include "runner/mcp/sse_transport.h"

#include <gtest/gtest.h>

#include <deque>

#include "runner/mcp/mcp_test_support_for_test.h"

namespace runner::mcp {
namespace {

using base::Json;
using test::Body;
using test::Event;
using test::Eventually;
using test::Inbox;
using test::kSse;
using test::Request;
using test::Response;
using testing::HttpTestRequest;
using testing::HttpTestResponse;

/// A legacy SSE server: GET /sse announces `endpoint`, then streams whatever the POST handler
/// queued; POST /message answers 202 and queues the response to each request.
class LegacyServer {
 public:
  explicit LegacyServer(std::string endpoint = "/message?sessionId=abc")
      : endpoint_(std::move(endpoint)),
        server_(
            test::Serve([this](const HttpTestRequest& r, HttpTestResponse& w) { Handle(r, w); })) {}

  std::string url(std::string_view path) const { return server_->url(path); }
  std::vector<HttpTestRequest> requests() const { return server_->requests(); }
  /// Ends the event stream (as a server restart would).
  void DropStream() {
    std::lock_guard lock(mutex_);
    drop_ = true;
  }

 private:
  void Handle(const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") {
      w.Head(200, kSse);
      w.Write("event: endpoint\ndata: " + endpoint_ + "\n\n");
      while (w.Wait(10)) {
        std::string next;
        {
          std::lock_guard lock(mutex_);
          if (drop_) return;
          if (queue_.empty()) continue;
          next = std::move(queue_.front());
          queue_.pop_front();
        }
        if (!w.Write(next)) return;
      }
      return;
    }
    Json m = Body(r);
    if (m.Contains("id")) {  // queued before the 202, so answers keep the order of the POSTs
      std::lock_guard lock(mutex_);
      queue_.push_back("event: message\ndata: " +
                       Response(m["id"], base::JsonObject({{"echo", m["method"]}})).Dump() +
                       "\n\n");
    }
    w.Send(202, {}, "Accepted");
  }

  std::string endpoint_;
  std::mutex mutex_;
  std::deque<std::string> queue_;
  bool drop_ = false;
  std::unique_ptr<testing::HttpTestServer> server_;
};

TEST(SseTransport, DiscoversTheEndpointAndExchangesMessages) {
  LegacyServer server;
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server.url("/sse"), .headers = {{"Authorization", "Bearer k"}}});
  Inbox inbox;
  ASSERT_TRUE(t.Start(inbox.Sink(), inbox.CloseSink()));
  EXPECT_EQ(t.endpoint(), server.url("/message?sessionId=abc"));
  t.SetProtocolVersion("2024-11-05");
  ASSERT_TRUE(t.Send(Request(1, "initialize")));
  ASSERT_TRUE(t.Send(test::Notification("notifications/initialized")));
  ASSERT_TRUE(t.Send(Request(2, "tools/list")));
  EXPECT_EQ(inbox.WaitFor(2),
            (std::vector<Json>{Response(1, base::JsonObject({{"echo", "initialize"}})),
                               Response(2, base::JsonObject({{"echo", "tools/list"}}))}));

  std::vector<HttpTestRequest> seen = server.requests();
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].header("accept"), "text/event-stream");
  EXPECT_EQ(seen[0].header("authorization"), "Bearer k");
  EXPECT_EQ(seen[1].method, "POST");
  EXPECT_EQ(seen[1].target, "/message?sessionId=abc");
  EXPECT_EQ(seen[1].header("content-type"), "application/json");
  EXPECT_EQ(seen[1].header("authorization"), "Bearer k");
  EXPECT_EQ(seen[1].header("mcp-protocol-version"), "2024-11-05");
  t.Close();
  EXPECT_TRUE(inbox.WaitForClose(100).empty());  // Close() itself is no OnClose
}

TEST(SseTransport, StartFailsWithTheServersAnswer) {
  auto server = test::Serve([](const HttpTestRequest&, HttpTestResponse& w) {
    w.Send(404, {{"content-type", "text/plain"}}, "Cannot GET /sse");
  });
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server->url("/sse")});
  auto started = t.Start([](Json) {}, {});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, base::ErrorKind::kNetwork);
  EXPECT_EQ(started.error().message,
            "MCP server " + server->url("/sse") + ": GET answered HTTP 404: Cannot GET /sse");
}

TEST(SseTransport, StartTimesOutWithoutEndpointEvent) {
  auto server = test::Serve([](const HttpTestRequest&, HttpTestResponse& w) {
    w.Head(200, kSse);
    w.WaitForHangUp();
  });
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server->url("/sse"), .connect_timeout_ms = 200});
  int64_t start = base::MonotonicMs();
  auto started = t.Start([](Json) {}, {});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, base::ErrorKind::kTimeout);
  EXPECT_LT(base::MonotonicMs() - start, 1000);
}

TEST(SseTransport, RefusesAnEndpointOnAnotherOrigin) {
  LegacyServer server("http://elsewhere.invalid/message");
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server.url("/sse")});
  auto started = t.Start([](Json) {}, {});
  ASSERT_FALSE(started);
  EXPECT_NE(started.error().message.find("not on the stream's origin"), std::string::npos);
}

TEST(SseTransport, TheEndOfTheStreamClosesTheTransport) {
  LegacyServer server;
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server.url("/sse")});
  Inbox inbox;
  ASSERT_TRUE(t.Start(inbox.Sink(), inbox.CloseSink()));
  server.DropStream();
  EXPECT_EQ(inbox.WaitForClose(), server.url("/sse") + ": the server closed the event stream");
}

TEST(SseTransport, APostTheServerRefusesIsAnError) {
  auto server = test::Serve([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "POST") return w.Send(404, {}, "Session not found");
    w.Head(200, kSse);
    w.Write("event: endpoint\ndata: /message?sessionId=gone\n\n");
    w.WaitForHangUp();
  });
  base::CurlHttpClient http({});
  SseTransport t(http, {.url = server->url("/sse")});
  ASSERT_TRUE(t.Start([](Json) {}, {}));
  auto sent = t.Send(Request(1, "ping"));
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().http_status, 404);
  EXPECT_NE(sent.error().message.find("no longer knows this session"), std::string::npos);
}

}  // namespace
}  // namespace runner::mcp
