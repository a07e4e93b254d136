#include "runner/mcp/jsonrpc_http.h"
#include "runner/mcp/json_rpc.h"

#include <gtest/gtest.h>

namespace runner::mcp {
namespace {

using base::Json;

TEST(ParseMessages, ReadsOneMessageOrABatch) {
  auto one = ParseMessages(R"({"jsonrpc":"2.0","id":1,"result":{}})");
  ASSERT_TRUE(one);
  EXPECT_EQ(*one, (std::vector<Json>{*Json::Parse(R"({"jsonrpc":"2.0","id":1,"result":{}})")}));
  auto batch = ParseMessages(R"([{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","method":"b"}])");
  ASSERT_TRUE(batch);
  EXPECT_EQ(batch->size(), 2u);
  EXPECT_FALSE(ParseMessages("[1]"));
  EXPECT_FALSE(ParseMessages("not json"));
}

TEST(JsonRpcKinds, TellRequestsResponsesAndNotificationsApart) {
  Json request = *Json::Parse(R"({"jsonrpc":"2.0","id":"a","method":"ping"})");
  Json notification = *Json::Parse(R"({"jsonrpc":"2.0","method":"notifications/progress"})");
  Json response = *Json::Parse(R"({"jsonrpc":"2.0","id":7,"error":{"code":1,"message":"x"}})");
  EXPECT_TRUE(IsRequest(request));
  EXPECT_FALSE(IsResponse(request));
  EXPECT_FALSE(IsRequest(notification));
  EXPECT_FALSE(IsResponse(notification));
  EXPECT_TRUE(IsResponse(response));
  EXPECT_EQ(IdKey(request), "\"a\"");
  EXPECT_EQ(IdKey(response), "7");
  EXPECT_EQ(IdKey(notification), "");
}

TEST(ErrorResponse, IsAJsonRpcErrorWithTheTransportCode) {
  EXPECT_EQ(rpc::ErrorResponse(3, kTransportErrorCode, "gone", base::JsonObject({{"status", 404}})),
            *Json::Parse(R"({"jsonrpc":"2.0","id":3,"error":{"code":-32000,"message":"gone",
                            "data":{"status":404}}})"));
  EXPECT_EQ(rpc::ErrorResponse("x", kTransportErrorCode, "gone"),
            *Json::Parse(R"({"jsonrpc":"2.0","id":"x","error":{"code":-32000,"message":"gone"}})"));
}

TEST(DescribeHttpFailure, UsesTheServersMessage) {
  EXPECT_EQ(DescribeHttpFailure(400, R"({"jsonrpc":"2.0","error":{"code":-32000,
                                 "message":"Bad Request: No valid session ID provided"},"id":1})"),
            "HTTP 400: Bad Request: No valid session ID provided");
  EXPECT_EQ(DescribeHttpFailure(401, R"({"error":"invalid_token"})"), "HTTP 401: invalid_token");
  EXPECT_EQ(DescribeHttpFailure(502, "  upstream down\n"), "HTTP 502: upstream down");
  EXPECT_EQ(DescribeHttpFailure(500, ""), "HTTP 500");
}

TEST(MergeHeaders, ConfiguredHeadersNeverReplaceTheProtocolOnes) {
  base::Headers merged = MergeHeaders(
      {{"Accept", "text/event-stream"}},
      {{"Authorization", "Bearer t"}, {"accept", "*/*"}, {"Mcp-Session-Id", "forged"}});
  EXPECT_EQ(merged,
            (base::Headers{{"Accept", "text/event-stream"}, {"Authorization", "Bearer t"}}));
}

TEST(ResolveUrl, ResolvesEndpointsAgainstTheStreamUrl) {
  EXPECT_EQ(ResolveUrl("http://h:1/sse", "/message?sessionId=a"), "http://h:1/message?sessionId=a");
  EXPECT_EQ(ResolveUrl("http://h:1/api/sse?x=1", "message?s=a"), "http://h:1/api/message?s=a");
  EXPECT_EQ(ResolveUrl("http://h:1", "message"), "http://h:1/message");
  EXPECT_EQ(ResolveUrl("https://h/sse", "https://other/m"), "https://other/m");
  EXPECT_EQ(ResolveUrl("https://h/sse", "//other/m"), "https://other/m");
  EXPECT_EQ(UrlOrigin("HTTP://Host:8/x?y"), "http://host:8");
  EXPECT_EQ(UrlOrigin("/relative"), "");
}

TEST(SeenEventIds, RemembersTheLastIdsItWasGiven) {
  SeenEventIds seen(2);
  EXPECT_TRUE(seen.Insert("a"));
  EXPECT_FALSE(seen.Insert("a"));
  EXPECT_TRUE(seen.Insert("b"));
  EXPECT_TRUE(seen.Insert("c"));  // forgets "a"
  EXPECT_TRUE(seen.Insert("a"));
  EXPECT_FALSE(seen.Insert("c"));
}

}  // namespace
}  // namespace runner::mcp
