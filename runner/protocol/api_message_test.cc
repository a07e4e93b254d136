#include "runner/protocol/api_message.h"

#include <gtest/gtest.h>

#include "runner/base/uuid.h"
#include "runner/protocol/sdk_samples_for_test.h"

namespace runner::protocol {
namespace {

using samples::Keys;
using samples::Parse;
using samples::Without;

TEST(AssistantMessageJson, MatchesSampleMessage) {
  Json sample = Parse(samples::kAssistantToolUse)["message"];
  AssistantReply reply;
  reply.id = "msg_mock_000001";
  reply.model = "claude-opus-5-5";
  reply.content = sample["content"];
  reply.usage = Usage{.input_tokens = 12458, .output_tokens = 1};
  Json message = AssistantMessageJson(reply);
  EXPECT_EQ(message, sample);
  EXPECT_EQ(Keys(message), Keys(sample));
}

TEST(AssistantMessageJson, PrintsStopReasonWhenKnown) {
  AssistantReply reply;
  reply.stop_reason = "end_turn";
  EXPECT_EQ(AssistantMessageJson(reply)["stop_reason"], Json("end_turn"));
}

TEST(ApiErrorMessageJson, LooksLikeClaudeCodesSyntheticMessage) {
  Json sample = Parse(samples::kAssistantApiError)["message"];
  Json message = ApiErrorMessageJson(sample["content"].at(0)["text"].AsString());
  EXPECT_TRUE(base::IsUuid(message["id"].AsString()));
  // We keep the fields SDK consumers read; Claude Code's usage carries more null fields.
  Json expected = Without(sample, {"id", "usage"});
  EXPECT_EQ(Without(message, {"id", "usage"}), expected);
  EXPECT_TRUE(IsSyntheticMessage(message));
  EXPECT_TRUE(IsSyntheticMessage(sample));
}

TEST(IsSyntheticMessage, FalseForModelReplies) {
  EXPECT_FALSE(IsSyntheticMessage(Parse(samples::kAssistantText)["message"]));
}

TEST(IsApiErrorEvent, TrueForStatusOrSyntheticMessageOnly) {
  EXPECT_TRUE(IsApiErrorEvent(AssistantEvent{.api_error_status = 529}));
  EXPECT_TRUE(IsApiErrorEvent(AssistantEvent{.message = ApiErrorMessageJson("network down")}));
  AssistantEvent cut_off{.message = Parse(samples::kAssistantText)["message"],
                         .error = "max_output_tokens"};
  EXPECT_FALSE(IsApiErrorEvent(cut_off));
}

}  // namespace
}  // namespace runner::protocol
