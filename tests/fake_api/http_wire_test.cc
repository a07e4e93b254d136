#include "tests/fake_api/http_wire.h"

#include <gtest/gtest.h>

namespace fake_api {
namespace {

TEST(ParseRequestHead, ReadsLineHeadersAndLength) {
  auto head = ParseRequestHead(
      "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: k\r\n"
      "Content-Length: 12\r\n");
  ASSERT_TRUE(head.has_value()) << head.error().message;
  EXPECT_EQ(head->method, "POST");
  EXPECT_EQ(head->target, "/v1/messages?beta=true");
  EXPECT_EQ(head->path(), "/v1/messages");
  EXPECT_EQ(head->content_length, 12u);
  EXPECT_FALSE(head->chunked);
  runner::base::Headers want = {
      {"host", "127.0.0.1"}, {"x-api-key", "k"}, {"content-length", "12"}};
  EXPECT_EQ(head->headers, want);
}

TEST(ParseRequestHead, NoticesChunkedBodies) {
  auto head = ParseRequestHead("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n");
  ASSERT_TRUE(head.has_value());
  EXPECT_TRUE(head->chunked);
}

TEST(ParseRequestHead, RejectsMalformedText) {
  EXPECT_FALSE(ParseRequestHead("garbage").has_value());
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.1\r\nno colon here\r\n").has_value());
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.1\r\nContent-Length: -4\r\n").has_value());
}

TEST(ResponseHead, FormatsStatusHeadersAndLength) {
  EXPECT_EQ(ResponseHead(529, {{"request-id", "r"}}, 5),
            "HTTP/1.1 529 Overloaded\r\nrequest-id: r\r\ncontent-length: 5\r\n"
            "connection: close\r\n\r\n");
  EXPECT_EQ(ResponseHead(200, {}, std::nullopt), "HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n");
}

}  // namespace
}  // namespace fake_api
