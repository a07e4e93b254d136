#include "runner/providers/stream_accumulator.h"

#include <gtest/gtest.h>

namespace runner::providers {
namespace {

using base::Json;

Json J(std::string_view text) {
  auto j = Json::Parse(text);
  EXPECT_TRUE(j.has_value()) << text;
  return j.value_or(Json());
}

/// Applies each event, returning the indexes of completed blocks.
std::vector<size_t> ApplyAll(StreamAccumulator& acc, const std::vector<std::string_view>& events) {
  std::vector<size_t> completed;
  for (std::string_view e : events) {
    auto step = acc.Apply(J(e));
    EXPECT_TRUE(step.has_value()) << e;
    if (step && step->completed_block) completed.push_back(*step->completed_block);
  }
  return completed;
}

constexpr std::string_view kStart =
    R"({"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant",)"
    R"("model":"claude-opus-5-5","content":[],"stop_reason":null,"stop_sequence":null,)"
    R"("usage":{"input_tokens":12,"cache_creation_input_tokens":3,"cache_read_input_tokens":4,)"
    R"("output_tokens":1}}})";

TEST(StreamAccumulator, AssemblesTextAndToolUse) {
  StreamAccumulator acc;
  auto completed = ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"ping"})",
          R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"lo"}})",
          R"({"type":"content_block_stop","index":0})",
          R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"Bash","input":{}}})",
          R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}})",
          R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"command\":"}})",
          R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"ls\"}"}})",
          R"({"type":"content_block_stop","index":1})",
          R"({"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":9}})",
          R"({"type":"message_stop"})",
      });
  EXPECT_EQ(completed, (std::vector<size_t>{0, 1}));
  EXPECT_TRUE(acc.message_stopped());
  const protocol::AssistantReply& r = acc.reply();
  EXPECT_EQ(r.id, "msg_1");
  EXPECT_EQ(r.model, "claude-opus-5-5");
  EXPECT_EQ(r.stop_reason, "tool_use");
  EXPECT_TRUE(r.stop_sequence.is_null());
  EXPECT_EQ(r.content, J(R"([{"type":"text","text":"Hello"},
      {"type":"tool_use","id":"toolu_1","name":"Bash","input":{"command":"ls"}}])"));
  protocol::Usage want{.input_tokens = 12,
                       .output_tokens = 9,
                       .cache_creation_input_tokens = 3,
                       .cache_read_input_tokens = 4};
  EXPECT_EQ(r.usage, want);
}

TEST(StreamAccumulator, EmptyToolInputBecomesObject) {
  StreamAccumulator acc;
  ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"X","input":{}}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}})",
          R"({"type":"content_block_stop","index":0})",
      });
  EXPECT_EQ(acc.reply().content.at(0)["input"], Json::MakeObject());
}

TEST(StreamAccumulator, AssemblesThinkingWithSignatureAndCitations) {
  StreamAccumulator acc;
  ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me "}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"think."}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig=="}})",
          R"({"type":"content_block_stop","index":0})",
          R"({"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}})",
          R"({"type":"content_block_delta","index":1,"delta":{"type":"citations_delta","citation":{"type":"char_location","cited_text":"x"}}})",
          R"({"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"cited"}})",
          R"({"type":"content_block_stop","index":1})",
      });
  EXPECT_EQ(acc.reply().content, J(R"([
      {"type":"thinking","thinking":"Let me think.","signature":"sig=="},
      {"type":"text","text":"cited","citations":[{"type":"char_location","cited_text":"x"}]}])"));
  EXPECT_FALSE(acc.message_stopped());
}

TEST(StreamAccumulator, ReportsErrorEvent) {
  StreamAccumulator acc;
  ApplyAll(acc, {kStart});
  auto step = acc.Apply(
      J(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
  ASSERT_TRUE(step.has_value());
  ASSERT_TRUE(step->error.has_value());
  EXPECT_EQ(*step->error, J(R"({"type":"overloaded_error","message":"Overloaded"})"));
}

TEST(StreamAccumulator, KeepsOnlyCompletedBlocks) {
  StreamAccumulator acc;
  ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"half"}})",
      });
  EXPECT_EQ(acc.completed_blocks(), 0u);
  EXPECT_TRUE(acc.reply().content.empty());
}

TEST(StreamAccumulator, RejectsInvalidToolJson) {
  StreamAccumulator acc;
  ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"t","name":"X","input":{}}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\"a\":"}})",
      });
  auto step = acc.Apply(J(R"({"type":"content_block_stop","index":0})"));
  ASSERT_FALSE(step.has_value());
  EXPECT_EQ(step.error().kind, base::ErrorKind::kParse);
}

TEST(StreamAccumulator, RejectsDeltaForUnknownBlock) {
  StreamAccumulator acc;
  auto step = acc.Apply(
      J(R"({"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"x"}})"));
  ASSERT_FALSE(step.has_value());
  EXPECT_EQ(step.error().kind, base::ErrorKind::kParse);
}

TEST(StreamAccumulator, IgnoresUnknownEventsAndDeltas) {
  StreamAccumulator acc;
  ApplyAll(
      acc,
      {
          kStart,
          R"({"type":"future_event","x":1})",
          R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})",
          R"({"type":"content_block_delta","index":0,"delta":{"type":"future_delta","x":1}})",
          R"({"type":"content_block_stop","index":0})",
      });
  EXPECT_EQ(acc.reply().content, J(R"([{"type":"text","text":""}])"));
}

}  // namespace
}  // namespace runner::providers
