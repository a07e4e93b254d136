#include "runner/protocol/messages.h"

#include <gtest/gtest.h>

#include "runner/protocol/sdk_samples_for_test.h"

namespace runner::protocol {
namespace {

using samples::Keys;
using samples::Parse;

TEST(Usage, MergeFromOverwritesOnlyPresentFields) {
  Usage u{.input_tokens = 10, .output_tokens = 1, .cache_read_input_tokens = 7};
  u.MergeFrom(Parse(R"({"output_tokens":6,"cache_creation":{"ephemeral_1h_input_tokens":3},
                       "server_tool_use":{"web_search_requests":2}})"));
  EXPECT_EQ(u, (Usage{.input_tokens = 10,
                      .output_tokens = 6,
                      .cache_read_input_tokens = 7,
                      .cache_creation_1h = 3,
                      .web_search_requests = 2}));
}

TEST(Usage, MergeFromReadsMessageStartUsage) {
  Usage u;
  u.MergeFrom(Parse(R"({"input_tokens":12455,"cache_creation_input_tokens":4,
      "cache_read_input_tokens":5,"output_tokens":1,"service_tier":"standard",
      "cache_creation":{"ephemeral_5m_input_tokens":4,"ephemeral_1h_input_tokens":0}})"));
  EXPECT_EQ(u, (Usage{.input_tokens = 12455,
                      .output_tokens = 1,
                      .cache_creation_input_tokens = 4,
                      .cache_read_input_tokens = 5,
                      .cache_creation_5m = 4}));
}

TEST(Usage, MergeFromIgnoresNullValues) {
  Usage u{.input_tokens = 3};
  u.MergeFrom(Parse(R"({"input_tokens":null,"output_tokens":2})"));
  EXPECT_EQ(u, (Usage{.input_tokens = 3, .output_tokens = 2}));
}

TEST(Usage, AddSumsEveryField) {
  Usage a{1, 2, 3, 4, 5, 6, 7};
  a.Add(Usage{10, 20, 30, 40, 50, 60, 70});
  EXPECT_EQ(a, (Usage{11, 22, 33, 44, 55, 66, 77}));
}

TEST(Usage, ToMessageJsonMatchesAssistantSampleUsage) {
  Usage u{.input_tokens = 12453, .output_tokens = 1};
  Json sample = Parse(samples::kAssistantText)["message"]["usage"];
  EXPECT_EQ(u.ToMessageJson(), sample);
  EXPECT_EQ(Keys(u.ToMessageJson()), Keys(sample));
}

TEST(Message, RoundTripsThroughJson) {
  Message m{.role = "user", .content = Parse(R"([{"type":"text","text":"hi"}])")};
  EXPECT_EQ(m.ToJson(), Parse(R"({"role":"user","content":[{"type":"text","text":"hi"}]})"));
  EXPECT_EQ(Message::FromJson(m.ToJson()), m);
}

TEST(AssistantReply, TextJoinsTextBlocksOnly) {
  AssistantReply r;
  r.content = Parse(R"([{"type":"text","text":"Hello "},{"type":"thinking","thinking":"x"},
                         {"type":"tool_use","id":"t1","name":"Bash","input":{}},
                         {"type":"text","text":"world"}])");
  EXPECT_EQ(r.Text(), "Hello world");
}

TEST(AssistantReply, ToolUsesKeepsOrder) {
  AssistantReply r;
  r.content = Parse(R"([{"type":"tool_use","id":"a","name":"Read","input":{}},
                         {"type":"text","text":"and"},
                         {"type":"tool_use","id":"b","name":"Bash","input":{}}])");
  std::vector<Json> uses = r.ToolUses();
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0]["id"].AsString(), "a");
  EXPECT_EQ(uses[1]["id"].AsString(), "b");
}

TEST(Blocks, TextBlockIsTypeThenText) {
  EXPECT_EQ(TextBlock("hi").Dump(), R"({"type":"text","text":"hi"})");
}

TEST(Blocks, ToolResultBlockMatchesSampleKeyOrder) {
  Json sample = Parse(samples::kUserToolResult)["message"]["content"].at(0);
  Json block = ToolResultBlock("toolu_mock_0001_a5d52967", "hi", false);
  EXPECT_EQ(block.Dump(), sample.Dump());
}

}  // namespace
}  // namespace runner::protocol
