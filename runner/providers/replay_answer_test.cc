#include "runner/providers/replay_answer.h"

#include <gtest/gtest.h>

namespace runner::providers {
namespace {

using base::Json;

Json J(std::string_view text) { return Json::Parse(text).value_or(Json()); }

ReplayScript Script(std::string_view text) {
  auto script = ParseReplayScript(text);
  EXPECT_TRUE(script.has_value()) << (script ? "" : script.error().message);
  return script.value_or(ReplayScript{});
}

const Json kRequest = J(R"({"model":"claude-haiku-5-5","max_tokens":100,
    "messages":[{"role":"user","content":"please list files"}],"stream":true})");

TEST(SseFramesFor, WritesTheFramesARealStreamHas) {
  ReplayScript s = Script(R"({"turns":[{"content":[{"type":"text","text":"Hello from the mock."}],
                                        "usage":{"input_tokens":12451,"output_tokens":6}}]})");
  std::vector<std::string> frames = SseFramesFor(s.turns[0], kRequest, "claude-opus-5-5", 1);
  std::vector<std::string> want = {
      "event: message_start\ndata: "
      R"({"type":"message_start","message":{"id":"msg_replay_000001","type":"message",)"
      R"("role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,)"
      R"("stop_sequence":null,"usage":{"input_tokens":12451,"cache_creation_input_tokens":0,)"
      R"("cache_read_input_tokens":0,"output_tokens":1,"service_tier":"standard"}}})"
      "\n\n",
      "event: ping\ndata: {\"type\":\"ping\"}\n\n",
      "event: content_block_start\ndata: "
      R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"
      "\n\n",
      "event: content_block_delta\ndata: "
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello from the m"}})"
      "\n\n",
      "event: content_block_delta\ndata: "
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ock."}})"
      "\n\n",
      "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
      "event: message_delta\ndata: "
      R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":6}})"
      "\n\n",
      "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"};
  EXPECT_EQ(frames, want);
}

TEST(SseFramesFor, StreamsToolInputAsJsonDeltas) {
  ReplayScript s = Script(R"({"turns":[{"content":[
      {"type":"tool_use","name":"Bash","input":{"command":"echo hi","description":"Print hi"}}]}]})");
  std::vector<std::string> frames = SseFramesFor(s.turns[0], kRequest, "m", 2);
  EXPECT_EQ(
      frames[2],
      "event: content_block_start\ndata: "
      R"({"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_replay_0_0","name":"Bash","input":{}}})"
      "\n\n");
  EXPECT_EQ(
      frames[3],
      "event: content_block_delta\ndata: "
      R"({"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":""}})"
      "\n\n");
  std::string joined;
  for (size_t i = 4; i < frames.size() - 3; ++i) {
    std::string data = frames[i].substr(frames[i].find("data: ") + 6);
    joined += J(data)["delta"]["partial_json"].AsString();
  }
  EXPECT_EQ(J(joined), J(R"({"command":"echo hi","description":"Print hi"})"));
  EXPECT_NE(frames[frames.size() - 2].find(R"("stop_reason":"tool_use")"), std::string::npos);
}

TEST(SseFramesFor, NeverSplitsUtf8Sequences) {
  ReplayScript s =
      Script(R"({"turns":[{"content":[{"type":"text","text":"ééééééééééééééééééééééé"}]}]})");
  for (const std::string& frame : SseFramesFor(s.turns[0], kRequest, "m", 1)) {
    EXPECT_TRUE(J(frame.substr(frame.find("data: ") + 6)).is_object()) << frame;
  }
}

TEST(SseFramesFor, StopsWithErrorEventAfterStreamErrorBlocks) {
  ReplayScript s =
      Script(R"({"turns":[{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}],
      "stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}}]})");
  std::vector<std::string> frames = SseFramesFor(s.turns[0], kRequest, "m", 1);
  ASSERT_EQ(frames.size(), 6u);
  EXPECT_EQ(frames.back(),
            "event: error\ndata: "
            R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"
            "\n\n");
}

TEST(ReplayUsage, EstimatesFromSizesUnlessGiven) {
  ReplayScript s = Script(R"({"turns":[{"content":[{"type":"text","text":"0123456789abcdef"}]}]})");
  Json usage = ReplayUsage(s.turns[0], kRequest);
  EXPECT_EQ(usage["input_tokens"].AsInt(), static_cast<int64_t>(kRequest.Dump().size() / 4));
  EXPECT_EQ(usage["output_tokens"].AsInt(),
            static_cast<int64_t>(s.turns[0].content.Dump().size() / 4));
  EXPECT_EQ(usage, ReplayUsage(s.turns[0], kRequest));  // deterministic
  s.turns[0].usage = J(R"({"output_tokens":3,"cache_read_input_tokens":7})");
  usage = ReplayUsage(s.turns[0], kRequest);
  EXPECT_EQ(usage["output_tokens"], Json(3));
  EXPECT_EQ(usage["cache_read_input_tokens"], Json(7));
}

TEST(AnswerFor, ServesHttpErrorsWithRetryAfter) {
  ReplayScript s = Script(R"({"turns":[{"error":{"status":429,"type":"rate_limit_error",
                                                  "message":"slow","retry_after":0}}]})");
  ReplayAnswer a = AnswerFor(s, 1, kRequest);
  EXPECT_EQ(a.status, 429);
  EXPECT_EQ(a.headers, (base::Headers{{"retry-after", "0"}}));
  EXPECT_EQ(J(a.body),
            J(R"({"type":"error","error":{"type":"rate_limit_error","message":"slow"}})"));
  EXPECT_TRUE(a.frames.empty());
}

TEST(AnswerFor, EchoesRequestModelWhenScriptHasNone) {
  ReplayScript s = Script(R"({"turns":[{"content":[]}]})");
  ReplayAnswer a = AnswerFor(s, 1, kRequest);
  EXPECT_EQ(a.status, 200);
  EXPECT_NE(a.frames[0].find(R"("model":"claude-haiku-5-5")"), std::string::npos);
}

TEST(AnswerFor, RejectsWhenScriptIsExhausted) {
  ReplayScript s = Script(R"({"turns":[{"content":[]}]})");
  ReplayAnswer a = AnswerFor(s, 2, kRequest);
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(J(a.body)["error"]["message"], Json("replay script exhausted after 1 turns"));
}

TEST(AnswerFor, ChecksExpectations) {
  ReplayScript s = Script(R"({"turns":[{"content":[],"expect":{"last_user_contains":"list"}},
                                       {"content":[],"expect":{"last_user_contains":"delete"}}]})");
  EXPECT_EQ(AnswerFor(s, 1, kRequest).status, 200);
  ReplayAnswer bad = AnswerFor(s, 2, kRequest);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(J(bad.body)["error"], J(R"({"type":"invalid_request_error","message":
      "replay expectation failed at turns[1]: the last user message does not contain \"delete\""})"));
}

TEST(AnswerFor, DescribesStallsAndDelays) {
  ReplayScript s = Script(R"({"turns":[{"stall_ms":250,"delay_ms":5}]})");
  ReplayAnswer a = AnswerFor(s, 1, kRequest);
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.stall_ms, 250);
  EXPECT_EQ(a.delay_ms, 5);
  EXPECT_TRUE(a.frames.empty());
}

TEST(LastUserText, JoinsTextAndToolResults) {
  Json body = J(R"({"messages":[{"role":"user","content":"first"},
      {"role":"assistant","content":[{"type":"text","text":"no"}]},
      {"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":"out"},
                                {"type":"text","text":"more"}]}]})");
  EXPECT_EQ(LastUserText(body), "out\nmore");
}

}  // namespace
}  // namespace runner::providers
