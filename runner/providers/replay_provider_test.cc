#include "runner/providers/replay_provider.h"

#include <gtest/gtest.h>

#include "runner/base/clock.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::ErrorKind;
using base::Json;

Json J(std::string_view text) { return Json::Parse(text).value_or(Json()); }

ReplayOptions FastOptions() {
  ReplayOptions o;
  o.retry.base_delay_ms = 1;
  o.retry.max_jitter = 0;
  return o;
}

struct Fixture {
  explicit Fixture(std::string_view script_text, ReplayOptions options = FastOptions())
      : provider(ParseReplayScript(script_text).value(), std::move(options)) {}
  base::Result<protocol::AssistantReply> Send(std::string prompt = "hello") {
    ModelRequest request;
    request.model = "claude-opus-5-5";
    request.messages = {protocol::Message{"user", Json(std::move(prompt))}};
    return provider.Send(request, observer, cancel);
  }
  ReplayProvider provider;
  testing::RecordingObserver observer;
  base::CancelToken cancel;
};

TEST(ReplayProvider, PlaysTurnsInOrder) {
  Fixture f(R"({"model":"claude-opus-5-5","turns":[
      {"content":[{"type":"tool_use","name":"Bash","input":{"command":"ls"}}],
       "usage":{"input_tokens":100,"output_tokens":7}},
      {"content":[{"type":"text","text":"done"}]}]})");
  auto first = f.Send();
  ASSERT_TRUE(first.has_value()) << first.error().message;
  EXPECT_EQ(first->id, "msg_replay_000001");
  EXPECT_EQ(first->request_id, "req_replay_000001");
  EXPECT_EQ(first->model, "claude-opus-5-5");
  EXPECT_EQ(first->stop_reason, "tool_use");
  EXPECT_EQ(first->content, J(R"([{"type":"tool_use","id":"toolu_replay_0_0","name":"Bash",
                                   "input":{"command":"ls"}}])"));
  EXPECT_EQ(first->usage.input_tokens, 100);
  EXPECT_EQ(first->usage.output_tokens, 7);
  auto second = f.Send();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->Text(), "done");
  EXPECT_EQ(second->stop_reason, "end_turn");
  EXPECT_EQ(f.observer.completed_blocks.size(), 2u);
  EXPECT_EQ(f.observer.event_types.front(), "message_start");
}

TEST(ReplayProvider, RetriesScriptedServerErrorThenSucceeds) {
  Fixture f(R"({"turns":[{"error":{"status":500,"type":"api_error","message":"mock error 500"}},
                         {"content":[{"type":"text","text":"ok"}]}]})");
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_EQ(reply->Text(), "ok");
  EXPECT_EQ(reply->id, "msg_replay_000002");
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error_status, 500);
  EXPECT_EQ(f.observer.retries[0].error, "server_error");
  EXPECT_EQ(f.observer.attempts, (std::vector<int>{1, 2}));
}

TEST(ReplayProvider, EndsQuicklyWhenScriptIsExhausted) {
  Fixture f(R"({"turns":[]})");
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kApi);
  EXPECT_EQ(reply.error().http_status, 400);
  EXPECT_EQ(reply.error().message, "replay script exhausted after 0 turns");
  EXPECT_TRUE(f.observer.retries.empty());
}

TEST(ReplayProvider, FailsAnUnmetExpectation) {
  Fixture f(R"({"turns":[{"content":[],"expect":{"last_user_contains":"deploy"}}]})");
  auto reply = f.Send("hello");
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().api_type, "invalid_request_error");
}

TEST(ReplayProvider, ReturnsCutOffReplyOnStreamErrorAfterABlock) {
  Fixture f(
      R"({"turns":[{"content":[{"type":"text","text":"part one"},{"type":"text","text":"two"}],
      "stream_error":{"after_blocks":1,"type":"overloaded_error","message":"Overloaded"}}]})");
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_TRUE(reply->cut_off);
  EXPECT_EQ(reply->Text(), "part one");
  EXPECT_EQ(f.provider.requests_served(), 1u);
}

TEST(ReplayProvider, RetriesStreamErrorBeforeAnyBlock) {
  Fixture f(R"({"turns":[{"content":[{"type":"text","text":"lost"}],
      "stream_error":{"after_blocks":0,"type":"overloaded_error","message":"Overloaded"}},
      {"content":[{"type":"text","text":"kept"}]}]})");
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_FALSE(reply->cut_off);
  EXPECT_EQ(reply->Text(), "kept");
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error, "overloaded");
}

TEST(ReplayProvider, StallLongerThanTimeoutIsRetriedAsTimeout) {
  ReplayOptions o = FastOptions();
  o.timeout_ms = 50;
  Fixture f(R"({"turns":[{"stall_ms":100000},{"content":[{"type":"text","text":"ok"}]}]})", o);
  int64_t start = base::MonotonicMs();
  auto reply = f.Send();
  ASSERT_TRUE(reply.has_value()) << reply.error().message;
  EXPECT_LT(base::MonotonicMs() - start, 2000);
  ASSERT_EQ(f.observer.retries.size(), 1u);
  EXPECT_EQ(f.observer.retries[0].error, "timeout");
}

TEST(ReplayProvider, InterruptDuringDelayStopsAtOnce) {
  Fixture f(R"({"turns":[{"content":[],"delay_ms":60000}]})");
  f.cancel.SetDeadlineMs(base::MonotonicMs() + 30);
  auto reply = f.Send();
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, ErrorKind::kTimeout);
}

TEST(ReplayOptionsFromEnv, ReadsRetryAndTimeout) {
  base::Env env(std::map<std::string, std::string>{{"CLAUDE_CODE_MAX_RETRIES", "1"},
                                                   {"API_TIMEOUT_MS", "99"}});
  ReplayOptions o = ReplayOptionsFromEnv(env);
  EXPECT_EQ(o.retry.max_retries, 1);
  EXPECT_EQ(o.timeout_ms, 99);
}

}  // namespace
}  // namespace runner::providers
