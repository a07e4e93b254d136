#include "runner/base/http.h"

#include <gtest/gtest.h>

#include <thread>

#include "runner/base/clock.h"
#include "runner/testing/http_test_server.h"

namespace runner::base {
namespace {

using testing::HttpTestRequest;
using testing::HttpTestResponse;
using testing::HttpTestServer;

std::unique_ptr<HttpTestServer> Serve(testing::HttpTestHandler handler) {
  auto server = HttpTestServer::Start(std::move(handler));
  EXPECT_TRUE(server) << server.error().message;
  return std::move(*server);
}

TEST(CurlHttpClient, SendsMethodHeadersAndBodyAndReturnsTheAnswer) {
  auto server = Serve([](const HttpTestRequest& r, HttpTestResponse& w) {
    w.Send(201, {{"x-echo", r.method + " " + r.header("x-token")}}, "got:" + r.body);
  });
  CurlHttpClient http({});
  HttpRequest request{.method = "PUT",
                      .url = server->url("/thing"),
                      .headers = {{"X-Token", "t1"}},
                      .body = "payload"};
  auto result = http.Send(request, {}, nullptr);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->head.status, 201);
  EXPECT_EQ(FindHeader(result->head.headers, "x-echo"), "PUT t1");
  EXPECT_EQ(result->body, "got:payload");
}

TEST(HttpTestServer, DecodesAChunkedRequestBody) {
  auto server = Serve([](const HttpTestRequest& r, HttpTestResponse& w) {
    w.Send(200, {{"x-encoding", r.header("transfer-encoding")}}, "got:" + r.body);
  });
  CurlHttpClient http({});
  std::string body(70000, 'x');  // several chunks
  body += "end";
  HttpRequest request{.method = "POST",
                      .url = server->url("/push"),
                      .headers = {{"Transfer-Encoding", "chunked"}},
                      .body = body};
  auto result = http.Send(request, {}, nullptr);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(FindHeader(result->head.headers, "x-encoding"), "chunked");
  EXPECT_EQ(result->body, "got:" + body);
}

TEST(CurlHttpClient, SendsDeleteWithoutBody) {
  auto server = Serve([](const HttpTestRequest&, HttpTestResponse& w) { w.Send(204, {}, ""); });
  CurlHttpClient http({});
  auto result = http.Send({.method = "DELETE", .url = server->url("/mcp")}, {}, nullptr);
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->head.status, 204);
  std::vector<HttpTestRequest> seen = server->requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "DELETE");
  EXPECT_EQ(seen[0].body, "");
}

TEST(CurlHttpClient, CancellingAnIdleStreamReturnsPromptly) {
  // Given a stream that sent one piece and then goes quiet
  auto server = Serve([](const HttpTestRequest&, HttpTestResponse& w) {
    w.Head(200, {{"content-type", "text/event-stream"}});
    w.Write("data: first\n\n");
    w.WaitForHangUp();
  });
  CurlHttpClient http({});
  CancelToken cancel;
  std::string received;
  int64_t cancelled_at = 0;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancelled_at = MonotonicMs();
    cancel.Cancel(CancelReason::kTerminate);
  });
  // When the token is cancelled while the transfer waits for more
  auto result = http.Send(
      {.method = "GET", .url = server->url("/sse"), .timeout_ms = 0},
      [&](const HttpResponseHead&, std::string_view chunk) {
        received.append(chunk);
        return true;
      },
      &cancel);
  int64_t latency = MonotonicMs() - cancelled_at;
  canceller.join();
  // Then Send returns the interruption well within a second
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::kInterrupted);
  EXPECT_EQ(received, "data: first\n\n");
  EXPECT_LT(latency, 250);
}

}  // namespace
}  // namespace runner::base
