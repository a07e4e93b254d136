#include "runner/mcp/http_transport.h"

#include <gtest/gtest.h>

#include <atomic>

#include "runner/mcp/jsonrpc_http.h"
#include "runner/mcp/mcp_test_support_for_test.h"

namespace runner::mcp {
namespace {

using base::Json;
using test::Body;
using test::Event;
using test::Eventually;
using test::Inbox;
using test::kJson;
using test::kSse;
using test::Notification;
using test::Request;
using test::Response;
using testing::HttpTestRequest;
using testing::HttpTestResponse;

const Json kInitResult = base::JsonObject({{"protocolVersion", "2025-06-18"}});

/// Answers initialize with JSON and session `session`, notifications with 202, and GET with 405.
bool HandleLifecycle(const HttpTestRequest& r, HttpTestResponse& w,
                     const std::string& session = "s-1") {
  if (r.method == "GET") {
    w.Send(405, {}, "");
    return true;
  }
  if (r.method == "DELETE") {
    w.Send(200, {}, "");
    return true;
  }
  Json m = Body(r);
  if (m["method"].AsString() == "initialize") {
    base::Headers h = kJson;
    h.emplace_back("mcp-session-id", session);
    w.Send(200, h, Response(m["id"], kInitResult).Dump());
    return true;
  }
  if (!m.Contains("id") || !m.Contains("method")) {
    w.Send(202, {}, "");
    return true;
  }
  return false;
}

struct Fixture {
  explicit Fixture(testing::HttpTestHandler handler, HttpTransportOptions options = {})
      : server(test::Serve(std::move(handler))) {
    options.url = server->url("/mcp");
    transport = std::make_unique<StreamableHttpTransport>(http, options);
    EXPECT_TRUE(transport->Start(inbox.Sink(), inbox.CloseSink()));
  }
  /// initialize → protocol version → notifications/initialized.
  void Initialize() {
    ASSERT_TRUE(transport->Send(Request(0, "initialize")));
    ASSERT_EQ(inbox.WaitFor(1).size(), 1u);
    transport->SetProtocolVersion("2025-06-18");
    ASSERT_TRUE(transport->Send(Notification("notifications/initialized")));
  }
  std::vector<HttpTestRequest> Requests(const std::string& method) const {
    std::vector<HttpTestRequest> out;
    for (HttpTestRequest& r : server->requests()) {
      if (r.method == method) out.push_back(std::move(r));
    }
    return out;
  }

  std::unique_ptr<testing::HttpTestServer> server;
  base::CurlHttpClient http{{}};
  Inbox inbox;
  std::unique_ptr<StreamableHttpTransport> transport;
};

TEST(StreamableHttpTransport, DeliversAJsonAnswerAndKeepsTheSessionId) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) { HandleLifecycle(r, w); });
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  EXPECT_EQ(f.inbox.WaitFor(1), (std::vector<Json>{Response(1, kInitResult)}));
  EXPECT_EQ(f.transport->session_id(), "s-1");
}

TEST(StreamableHttpTransport, DeliversServerMessagesOfAnSseAnswerBeforeTheResponse) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (HandleLifecycle(r, w)) return;
    Json m = Body(r);
    w.Head(200, kSse);
    w.Write(Event(Notification("notifications/progress", base::JsonObject({{"progress", 1}}))));
    w.Write(Event(Request("srv-1", "roots/list")));
    w.Write(Event(Response(m["id"], base::JsonObject({{"content", Json::MakeArray()}}))));
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(2, "tools/call")));
  EXPECT_EQ(f.inbox.WaitFor(4),
            (std::vector<Json>{
                Response(0, kInitResult),
                Notification("notifications/progress", base::JsonObject({{"progress", 1}})),
                Request("srv-1", "roots/list"),
                Response(2, base::JsonObject({{"content", Json::MakeArray()}}))}));
}

TEST(StreamableHttpTransport, SendsTheProtocolHeadersAndTheConfiguredOnes) {
  HttpTransportOptions options;
  options.headers = {{"Authorization", "Bearer secret"}, {"Accept", "*/*"}};
  Fixture f(
      [](const HttpTestRequest& r, HttpTestResponse& w) {
        if (HandleLifecycle(r, w)) return;
        w.Send(200, kJson, Response(Body(r)["id"], Json::MakeObject()).Dump());
      },
      options);
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(1, "tools/list")));
  ASSERT_EQ(f.inbox.WaitFor(2).size(), 2u);
  ASSERT_TRUE(Eventually([&] { return f.Requests("GET").size() == 1; }));

  std::vector<HttpTestRequest> posts = f.Requests("POST");
  ASSERT_EQ(posts.size(), 3u);
  // initialize: no session yet, no version yet
  EXPECT_EQ(posts[0].header("accept"), "application/json, text/event-stream");
  EXPECT_EQ(posts[0].header("content-type"), "application/json");
  EXPECT_EQ(posts[0].header("authorization"), "Bearer secret");
  EXPECT_FALSE(posts[0].has_header("mcp-session-id"));
  EXPECT_FALSE(posts[0].has_header("mcp-protocol-version"));
  // every later request echoes both
  for (const HttpTestRequest& r : {posts[1], posts[2], f.Requests("GET")[0]}) {
    EXPECT_EQ(r.header("mcp-session-id"), "s-1") << r.method << " " << r.body;
    EXPECT_EQ(r.header("mcp-protocol-version"), "2025-06-18") << r.method << " " << r.body;
    EXPECT_EQ(r.header("authorization"), "Bearer secret");
  }
  EXPECT_EQ(f.Requests("GET")[0].header("accept"), "text/event-stream");
}

TEST(StreamableHttpTransport, TheServerHasAnsweredTheGetStreamBeforeTheNextRequest) {
  // A slow GET answer must not let the next request overtake it: a server that sends what a
  // request causes on the GET stream (SEP-1699 servers, the conformance suite's sse-retry)
  // would otherwise take the late GET for a reconnection.
  std::atomic<bool> get_answered{false};
  std::atomic<bool> overtaken{false};
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      get_answered = true;
      w.Send(405, {}, "");
      return;
    }
    if (HandleLifecycle(r, w)) return;
    if (!get_answered) overtaken = true;
    w.Send(200, kJson, Response(Body(r)["id"], Json::MakeObject()).Dump());
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(1, "tools/list")));
  EXPECT_EQ(f.inbox.WaitFor(2).back(), Response(1, Json::MakeObject()));
  EXPECT_FALSE(overtaken);
  EXPECT_EQ(f.Requests("GET").size(), 1u);
}

TEST(StreamableHttpTransport, ToleratesAServerWithoutGetStream) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (HandleLifecycle(r, w)) return;
    w.Send(200, kJson, Response(Body(r)["id"], Json::MakeObject()).Dump());
  });
  f.Initialize();
  ASSERT_TRUE(Eventually([&] { return f.Requests("GET").size() == 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(f.Requests("GET").size(), 1u);  // 405 is an answer, not a failure to retry
  ASSERT_TRUE(f.transport->Send(Request(1, "ping")));
  EXPECT_EQ(f.inbox.WaitFor(2).back(), Response(1, Json::MakeObject()));
}

TEST(StreamableHttpTransport, AnExpiredSessionAnswersTheRequestAndTheNextInitializeStartsAfresh) {
  std::atomic<int> sessions{0};
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (Body(r)["method"].AsString() == "initialize") {
      HandleLifecycle(r, w, "s-" + std::to_string(++sessions));
      return;
    }
    w.Send(404, kJson,
           R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"}})");
  });
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  ASSERT_EQ(f.inbox.WaitFor(1).size(), 1u);
  f.transport->SetProtocolVersion("2025-06-18");

  ASSERT_TRUE(f.transport->Send(Request(2, "tools/list")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  const Json& error = got[1]["error"];
  EXPECT_EQ(got[1]["id"], Json(2));
  EXPECT_EQ(error["code"], Json(kTransportErrorCode));
  EXPECT_NE(error["message"].AsString().find("session s-1 expired (HTTP 404: Session not found)"),
            std::string::npos)
      << error["message"].AsString();
  EXPECT_EQ(error["data"], base::JsonObject({{"sessionExpired", true}, {"status", 404}}));
  EXPECT_EQ(f.transport->session_id(), "");

  ASSERT_TRUE(f.transport->Send(Request(3, "initialize")));
  ASSERT_EQ(f.inbox.WaitFor(3).size(), 3u);
  HttpTestRequest again = f.Requests("POST").back();
  EXPECT_FALSE(again.has_header("mcp-session-id"));
  EXPECT_FALSE(again.has_header("mcp-protocol-version"));
  EXPECT_EQ(f.transport->session_id(), "s-2");
}

TEST(StreamableHttpTransport, AnExpiryFoundByTheGetStreamFailsLaterRequestsWithoutSendingThem) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") return w.Send(404, {}, "");
    HandleLifecycle(r, w);
  });
  f.Initialize();
  ASSERT_TRUE(Eventually([&] { return f.transport->session_id().empty(); }));
  ASSERT_TRUE(f.transport->Send(Request(1, "tools/list")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["error"]["data"], base::JsonObject({{"sessionExpired", true}, {"status", 404}}));
  EXPECT_EQ(f.Requests("POST").size(), 2u);  // initialize and initialized only
  auto notified = f.transport->Send(Notification("notifications/roots/list_changed"));
  ASSERT_FALSE(notified);
  EXPECT_NE(notified.error().message.find("session s-1 expired (HTTP 404)"), std::string::npos)
      << notified.error().message;
}

TEST(StreamableHttpTransport, TakesA400NamingTheSessionAsExpiryToo) {
  // server-everything and other SDK-based servers answer an unknown session with 400.
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (Body(r)["method"].AsString() == "initialize") return (void)HandleLifecycle(r, w);
    w.Send(
        400, kJson,
        R"({"jsonrpc":"2.0","error":{"code":-32000,"message":"Bad Request: No valid session ID provided"},"id":null})");
  });
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  ASSERT_EQ(f.inbox.WaitFor(1).size(), 1u);
  ASSERT_TRUE(f.transport->Send(Request(2, "tools/list")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["error"]["data"]["sessionExpired"], Json(true));
}

TEST(StreamableHttpTransport, AnHttpFailureBecomesAnErrorAnswer) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (HandleLifecycle(r, w)) return;
    w.Send(500, kJson, R"({"jsonrpc":"2.0","error":{"code":-32603,"message":"boom"},"id":1})");
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(1, "tools/list")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1]["error"]["message"],
            Json("MCP server " + f.server->url("/mcp") + ": POST answered HTTP 500: boom"));
}

TEST(StreamableHttpTransport, AStreamEndingWithoutAnswerOrEventIdFailsTheRequest) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (HandleLifecycle(r, w)) return;
    w.Head(200, kSse);
    w.Write(Event(Notification("notifications/message")));
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(1, "tools/call")));
  std::vector<Json> got = f.inbox.WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_NE(
      got[2]["error"]["message"].AsString().find("ended the response stream before answering"),
      std::string::npos);
}

TEST(StreamableHttpTransport, ResumesADroppedResponseStreamWithLastEventIdAfterRetry) {
  // SEP-1699: the server primes the stream with an id and a retry time, then closes it.
  std::atomic<int64_t> closed_at{0}, resumed_at{0};
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") {
      resumed_at = base::MonotonicMs();
      w.Head(200, kSse);
      w.Write(Event(Response(7, base::JsonObject({{"ok", true}})), "p2"));
      w.WaitForHangUp();
      return;
    }
    if (HandleLifecycle(r, w)) return;
    w.Head(200, kSse);
    w.Write("id: p1\nretry: 200\ndata: \n\n");
    closed_at = base::MonotonicMs();
  });
  ASSERT_TRUE(f.transport->Send(Request(0, "initialize")));
  ASSERT_EQ(f.inbox.WaitFor(1).size(), 1u);
  ASSERT_TRUE(f.transport->Send(Request(7, "tools/call")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1], Response(7, base::JsonObject({{"ok", true}})));
  std::vector<HttpTestRequest> gets = f.Requests("GET");
  ASSERT_EQ(gets.size(), 1u);
  EXPECT_EQ(gets[0].header("last-event-id"), "p1");
  EXPECT_EQ(gets[0].header("mcp-session-id"), "s-1");
  EXPECT_GE(resumed_at - closed_at, 190);
}

TEST(StreamableHttpTransport, ReopensADroppedGetStreamWithLastEventIdAndSkipsReplayedEvents) {
  std::atomic<int> gets{0};
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") {
      w.Head(200, kSse);
      if (++gets == 1) {
        w.Write("retry: 50\n");
        w.Write(Event(Notification("notifications/one"), "e1"));
        return;  // the connection drops
      }
      w.Write(Event(Notification("notifications/one"), "e1"));  // replayed once more
      w.Write(Event(Notification("notifications/two"), "e2"));
      w.WaitForHangUp();
      return;
    }
    HandleLifecycle(r, w);
  });
  f.Initialize();
  std::vector<Json> got = f.inbox.WaitFor(3);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(f.inbox.messages(),
            (std::vector<Json>{Response(0, kInitResult), Notification("notifications/one"),
                               Notification("notifications/two")}));
  std::vector<HttpTestRequest> requests = f.Requests("GET");
  ASSERT_GE(requests.size(), 2u);
  EXPECT_FALSE(requests[0].has_header("last-event-id"));
  EXPECT_EQ(requests[1].header("last-event-id"), "e1");
}

TEST(StreamableHttpTransport, CancellingARequestEndsItsStream) {
  std::atomic<bool> hung_up{false};
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (HandleLifecycle(r, w)) return;
    w.Head(200, kSse);
    w.Write(": waiting\n\n");
    if (!w.Wait(10000)) hung_up = true;
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(5, "tools/call")));
  ASSERT_TRUE(Eventually([&] { return f.Requests("POST").size() == 3; }));
  ASSERT_TRUE(f.transport->Send(
      Notification("notifications/cancelled", base::JsonObject({{"requestId", 5}}))));
  EXPECT_TRUE(Eventually([&] { return hung_up.load(); }, 2000));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(f.inbox.messages().size(), 1u);  // nothing made up for an abandoned request
}

TEST(StreamableHttpTransport, CloseEndsOpenStreamsPromptlyAndDeletesTheSession) {
  Fixture f([&](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET" || (r.method == "POST" && Body(r)["method"] == Json("tools/call"))) {
      w.Head(200, kSse);
      w.WaitForHangUp();
      return;
    }
    HandleLifecycle(r, w);
  });
  f.Initialize();
  ASSERT_TRUE(f.transport->Send(Request(9, "tools/call")));
  ASSERT_TRUE(
      Eventually([&] { return f.Requests("POST").size() == 3 && f.Requests("GET").size() == 1; }));
  int64_t start = base::MonotonicMs();
  f.transport->Close();
  EXPECT_LT(base::MonotonicMs() - start, 500);
  std::vector<HttpTestRequest> deletes = f.Requests("DELETE");
  ASSERT_EQ(deletes.size(), 1u);
  EXPECT_EQ(deletes[0].header("mcp-session-id"), "s-1");
  EXPECT_EQ(deletes[0].header("mcp-protocol-version"), "2025-06-18");
  EXPECT_EQ(f.inbox.messages().size(), 1u);  // no made-up answers after Close
  EXPECT_FALSE(f.transport->Send(Request(10, "ping")));
}

TEST(StreamableHttpTransport, ANotificationTheServerRefusesIsAnError) {
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (Body(r)["method"].AsString() == "notifications/initialized") {
      w.Send(400, kJson, R"({"error":"bad notification"})");
      return;
    }
    HandleLifecycle(r, w);
  });
  auto sent = f.transport->Send(Notification("notifications/initialized"));
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().http_status, 400);
  EXPECT_NE(sent.error().message.find("HTTP 400: bad notification"), std::string::npos);
}

TEST(StreamableHttpTransport, IgnoresAnAnswerToANotificationThatIsNoMessage) {
  // Some servers answer every POST with 200 and `{"jsonrpc":"2.0","result":{}}`.
  Fixture f([](const HttpTestRequest& r, HttpTestResponse& w) {
    if (r.method == "GET") return w.Send(405, {}, "");
    Json m = Body(r);
    w.Send(200, kJson,
           m.Contains("id") ? Response(m["id"], Json::MakeObject()).Dump()
                            : R"({"jsonrpc":"2.0","result":{}})");
  });
  ASSERT_TRUE(f.transport->Send(Request(1, "initialize")));
  ASSERT_EQ(f.inbox.WaitFor(1).size(), 1u);
  ASSERT_TRUE(f.transport->Send(Notification("notifications/initialized")));
  ASSERT_TRUE(f.transport->Send(Request(2, "ping")));
  std::vector<Json> got = f.inbox.WaitFor(2);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(f.inbox.messages(),
            (std::vector<Json>{Response(1, Json::MakeObject()), Response(2, Json::MakeObject())}));
}

TEST(StreamableHttpTransport, RejectsAUrlThatIsNotHttp) {
  base::CurlHttpClient http({});
  StreamableHttpTransport t(http, {.url = "ftp://example.invalid/mcp"});
  auto started = t.Start([](Json) {}, {});
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind, base::ErrorKind::kConfig);
}

}  // namespace
}  // namespace runner::mcp
