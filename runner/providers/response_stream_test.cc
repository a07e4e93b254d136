#include "runner/providers/response_stream.h"

#include <gtest/gtest.h>

#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

constexpr std::string_view kStart =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_9\","
    "\"model\":\"m\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n";
constexpr std::string_view kBlock =
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
    "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
    "\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}\n\n"
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
constexpr std::string_view kStop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
constexpr std::string_view kError =
    "event: error\ndata: "
    "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"}}\n\n";

TEST(ResponseStream, CompleteStreamGivesReplyWithRequestId) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  EXPECT_TRUE(stream.Feed(std::string(kStart) + "event: ping\ndata: {\"type\":\"ping\"}\n\n"));
  EXPECT_TRUE(stream.Feed(kBlock));
  EXPECT_TRUE(stream.Feed(kStop));
  AttemptResult result = stream.Finish(std::nullopt, "req_7");
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->id, "msg_9");
  EXPECT_EQ(result->Text(), "hi");
  EXPECT_EQ(result->request_id, "req_7");
  EXPECT_FALSE(result->cut_off);
  EXPECT_EQ(observer.event_types,
            (std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                      "content_block_stop", "message_stop"}));
  EXPECT_EQ(observer.message_ids.back(), "msg_9");
}

TEST(ResponseStream, ErrorEventAfterABlockGivesCutOffReply) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  stream.Feed(kStart);
  stream.Feed(kBlock);
  EXPECT_FALSE(stream.Feed(kError));
  EXPECT_TRUE(stream.abandoned());
  AttemptResult result = stream.Finish(std::nullopt, "");
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->cut_off);
  EXPECT_EQ(result->Text(), "hi");
}

TEST(ResponseStream, ErrorEventBeforeAnyBlockIsTheFailure) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  stream.Feed(kStart);
  stream.Feed(kError);
  AttemptResult result = stream.Finish(std::nullopt, "");
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().error.api_type, "api_error");
}

TEST(ResponseStream, EmptyBodyIsRetryableMalformedResponse) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  stream.Feed("<html>login</html>");
  AttemptResult result = stream.Finish(std::nullopt, "");
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().error.message, "API returned an empty or malformed response (HTTP 200)");
}

TEST(ResponseStream, NonJsonEventDataAbandonsTheStream) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  EXPECT_FALSE(stream.Feed("event: message_start\ndata: {oops\n\n"));
  AttemptResult result = stream.Finish(std::nullopt, "");
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(result.error().retryable);
  EXPECT_EQ(result.error().error.message, "malformed API stream: event data is not a JSON object");
}

TEST(ResponseStream, TransportFailureMidBlockReportsTransportError) {
  testing::RecordingObserver observer;
  ResponseStream stream(observer);
  stream.Feed(kStart);
  AttemptFailure reset =
      FailureFromTransport({base::ErrorKind::kNetwork, "connection reset"}, false);
  AttemptResult result = stream.Finish(reset, "");
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().error.message, "connection reset");
  EXPECT_EQ(result.error().retry_error, "network_error");
}

}  // namespace
}  // namespace runner::providers
