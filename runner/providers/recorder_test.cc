#include "runner/providers/recorder.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runner/base/files.h"
#include "runner/providers/replay_provider.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::Json;

class RecorderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("recorder_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static ModelRequest Request(std::string prompt) {
    ModelRequest r;
    r.model = "claude-opus-5-5";
    r.messages = {protocol::Message{"user", Json(std::move(prompt))}};
    return r;
  }

  std::filesystem::path dir_;
  testing::RecordingObserver observer_;
  base::CancelToken cancel_;
};

constexpr std::string_view kSource = R"({"model":"claude-sonnet-5-5","turns":[
    {"content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                {"type":"tool_use","id":"toolu_a","name":"Read","input":{"file_path":"x"}}],
     "usage":{"input_tokens":50,"output_tokens":20,"cache_read_input_tokens":5}},
    {"content":[{"type":"text","text":"All done."}],"stop_reason":"end_turn"}]})";

TEST_F(RecorderTest, RecordThenReplayGivesTheSameReplies) {
  auto path = dir_ / "session.json";
  RecordingProvider recorder(
      std::make_unique<ReplayProvider>(ParseReplayScript(kSource).value(), ReplayOptions{}), path);
  auto first = recorder.Send(Request("one"), observer_, cancel_);
  auto second = recorder.Send(Request("two"), observer_, cancel_);
  ASSERT_TRUE(first.has_value() && second.has_value());

  auto script = LoadReplayScript(path);
  ASSERT_TRUE(script.has_value()) << script.error().message;
  EXPECT_EQ(script->model, "claude-sonnet-5-5");
  ASSERT_EQ(script->turns.size(), 2u);

  ReplayProvider replay(*script, ReplayOptions{});
  auto again1 = replay.Send(Request("one"), observer_, cancel_);
  auto again2 = replay.Send(Request("two"), observer_, cancel_);
  ASSERT_TRUE(again1.has_value() && again2.has_value());
  EXPECT_EQ(again1->content, first->content);
  EXPECT_EQ(again1->stop_reason, first->stop_reason);
  EXPECT_EQ(again1->usage, first->usage);
  EXPECT_EQ(again1->model, first->model);
  EXPECT_EQ(again2->content, second->content);
  EXPECT_EQ(again2->usage, second->usage);
}

TEST_F(RecorderTest, RewritesFileAfterEachReply) {
  auto path = dir_ / "session.json";
  RecordingProvider recorder(
      std::make_unique<ReplayProvider>(ParseReplayScript(kSource).value(), ReplayOptions{}), path);
  ASSERT_TRUE(recorder.Send(Request("one"), observer_, cancel_).has_value());
  EXPECT_EQ(LoadReplayScript(path).value().turns.size(), 1u);
  ASSERT_TRUE(recorder.Send(Request("two"), observer_, cancel_).has_value());
  EXPECT_EQ(LoadReplayScript(path).value().turns.size(), 2u);
}

TEST_F(RecorderTest, DoesNotRecordFailures) {
  auto path = dir_ / "session.json";
  RecordingProvider recorder(std::make_unique<ReplayProvider>(
                                 ParseReplayScript(R"({"turns":[]})").value(), ReplayOptions{}),
                             path);
  EXPECT_FALSE(recorder.Send(Request("one"), observer_, cancel_).has_value());
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(RecorderTest, ReportsUnwritableFile) {
  RecordingProvider recorder(
      std::make_unique<ReplayProvider>(ParseReplayScript(kSource).value(), ReplayOptions{}),
      dir_ / "missing-dir" / "session.json");
  auto reply = recorder.Send(Request("one"), observer_, cancel_);
  ASSERT_FALSE(reply.has_value());
  EXPECT_EQ(reply.error().kind, base::ErrorKind::kIo);
}

TEST(TurnFromReply, CutOffReplyReplaysAsBrokenStream) {
  protocol::AssistantReply reply;
  reply.content = base::JsonArray({protocol::TextBlock("partial")});
  reply.cut_off = true;
  ReplayTurn turn = TurnFromReply(reply);
  ASSERT_TRUE(turn.stream_error.has_value());
  EXPECT_EQ(turn.stream_error->after_blocks, 1u);
}

}  // namespace
}  // namespace runner::providers
