#include "runner/base/sse_parser.h"

#include <gtest/gtest.h>

namespace runner::base {
namespace {

std::vector<SseFrame> FeedAll(std::string_view text, size_t chunk_size) {
  SseParser parser;
  std::vector<SseFrame> frames;
  for (size_t i = 0; i < text.size(); i += chunk_size) {
    for (SseFrame& f : parser.Feed(text.substr(i, chunk_size))) frames.push_back(std::move(f));
  }
  return frames;
}

TEST(SseParser, ParsesEventAndData) {
  SseParser parser;
  auto frames = parser.Feed("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
  EXPECT_EQ(frames, (std::vector<SseFrame>{{"message_stop", R"({"type":"message_stop"})"}}));
}

TEST(SseParser, GivesSameFramesForAnyChunking) {
  std::string_view text =
      "event: ping\ndata: {\"type\": \"ping\"}\n\n"
      "event: content_block_delta\r\ndata: {\"a\":1}\r\n\r\n"
      "data: no-event\r\r";
  std::vector<SseFrame> want = {
      {"ping", R"({"type": "ping"})"}, {"content_block_delta", R"({"a":1})"}, {"", "no-event"}};
  for (size_t chunk : {1, 2, 3, 5, 8, 13, 1000}) {
    EXPECT_EQ(FeedAll(text, chunk), want) << "chunk size " << chunk;
  }
}

TEST(SseParser, HandlesCrLfSplitAcrossChunks) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("data: a\r").empty());
  EXPECT_TRUE(parser.Feed("\n").empty());
  EXPECT_EQ(parser.Feed("\r\n"), (std::vector<SseFrame>{{"", "a"}}));
}

TEST(SseParser, JoinsMultiLineData) {
  SseParser parser;
  EXPECT_EQ(parser.Feed("data: first\ndata:second\ndata:  third\n\n"),
            (std::vector<SseFrame>{{"", "first\nsecond\n third"}}));
}

TEST(SseParser, IgnoresCommentsAndUnknownFields) {
  SseParser parser;
  auto frames = parser.Feed(": keep-alive\nfoo: bar\nevent: x\ndata: y\n\n");
  EXPECT_EQ(frames, (std::vector<SseFrame>{{"x", "y"}}));
}

TEST(SseParser, StampsFramesWithTheLastEventIdWhichPersists) {
  SseParser parser;
  auto frames = parser.Feed("id: 7\nevent: x\ndata: y\n\ndata: z\n\nid\ndata: w\n\n");
  EXPECT_EQ(frames, (std::vector<SseFrame>{{"x", "y", "7"}, {"", "z", "7"}, {"", "w", ""}}));
}

TEST(SseParser, RecordsIdAndRetryOfAPrimingEventWithEmptyData) {
  // MCP servers prime a stream with an id, a retry time and empty data (SEP-1699).
  SseParser parser;
  auto frames = parser.Feed("id: event-1\nretry: 500\ndata: \n\n");
  EXPECT_EQ(frames, (std::vector<SseFrame>{{"", "", "event-1"}}));
  EXPECT_EQ(parser.last_event_id(), "event-1");
  EXPECT_EQ(parser.retry_ms(), 500);
}

TEST(SseParser, KeepsAnIdFromAFrameWithoutData) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("id: 42\n\n").empty());
  EXPECT_EQ(parser.last_event_id(), "42");
}

TEST(SseParser, IgnoresRetryThatIsNotAllDigits) {
  SseParser parser;
  parser.Feed("retry: 1.5\n\nretry: -3\n\nretry:\n\n");
  EXPECT_EQ(parser.retry_ms(), std::nullopt);
  parser.Feed("retry: 2500\n\n");
  EXPECT_EQ(parser.retry_ms(), 2500);
}

TEST(SseParser, SkipsFramesWithoutData) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("event: lonely\n\n: comment only\n\n").empty());
  EXPECT_EQ(parser.Feed("data: z\n\n"), (std::vector<SseFrame>{{"", "z"}}));
}

TEST(SseParser, AcceptsFieldWithoutColonAndEmptyData) {
  SseParser parser;
  EXPECT_EQ(parser.Feed("data\n\n"), (std::vector<SseFrame>{{"", ""}}));
}

TEST(SseParser, StripsLeadingByteOrderMark) {
  SseParser parser;
  EXPECT_EQ(parser.Feed("\xEF\xBB\xBF"
                        "data: x\n\n"),
            (std::vector<SseFrame>{{"", "x"}}));
}

TEST(SseParser, FinishReportsAndDropsPartialFrame) {
  SseParser parser;
  EXPECT_TRUE(parser.Feed("event: message_start\ndata: {\"type\"").empty());
  EXPECT_TRUE(parser.Finish());
  EXPECT_FALSE(parser.Finish());
}

}  // namespace
}  // namespace runner::base
