#include "runner/output/stream_json_sink.h"

#include <gtest/gtest.h>

#include "runner/base/uuid.h"
#include "runner/output/output_testing.h"

namespace runner::output {
namespace {

using testing_support::CapturedFd;
using testing_support::Kinds;
using testing_support::ScriptedTurn;

std::vector<base::Json> PrintTurn(const OutputOptions& options) {
  CapturedFd out;
  StreamJsonSink sink(options, out.fd());
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  return out.JsonLines();
}

TEST(StreamJsonSink, PrintsOneLinePerMessageWithoutPartialsByDefault) {
  auto lines = PrintTurn(OutputOptions{.format = OutputFormat::kStreamJson});
  EXPECT_EQ(Kinds(lines),
            (std::vector<std::string>{"system/init", "assistant", "system/permission_denied",
                                      "system/api_retry", "user", "assistant", "result/success"}));
  for (const base::Json& line : lines) {
    EXPECT_EQ(line["session_id"], base::Json("s-1"));
    EXPECT_TRUE(base::IsUuid(line["uuid"].AsString())) << line.Dump();
  }
}

TEST(StreamJsonSink, IncludePartialMessagesAddsStatusAndStreamEvents) {
  auto lines = PrintTurn(
      OutputOptions{.format = OutputFormat::kStreamJson, .include_partial_messages = true});
  EXPECT_EQ(Kinds(lines),
            (std::vector<std::string>{"system/init", "system/status", "stream_event", "assistant",
                                      "system/permission_denied", "system/api_retry", "user",
                                      "assistant", "result/success"}));
  EXPECT_EQ(lines[2]["api_message_id"], base::Json("msg_1"));
}

TEST(StreamJsonSink, ReplayUserMessagesEchoesThePromptMarkedAsReplay) {
  auto lines =
      PrintTurn(OutputOptions{.format = OutputFormat::kStreamJson, .replay_user_messages = true});
  ASSERT_EQ(Kinds(lines)[1], "user");
  EXPECT_EQ(lines[1]["message"], *base::Json::Parse(R"({"role":"user","content":"hi"})"));
  EXPECT_EQ(lines[1]["isReplay"], base::Json(true));
  EXPECT_FALSE(lines[5].Contains("isReplay"));  // the tool result is no replay
}

TEST(StreamJsonSink, EachLineIsCompactJsonEndingInNewline) {
  CapturedFd out;
  StreamJsonSink sink(OutputOptions{.format = OutputFormat::kStreamJson}, out.fd());
  sink.Emit(protocol::StatusEvent{});  // not printed
  sink.Emit(protocol::RetryEvent{.attempt = 1});
  std::string text = out.Contents();
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1);
}

}  // namespace
}  // namespace runner::output
