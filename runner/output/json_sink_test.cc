#include "runner/output/json_sink.h"

#include <gtest/gtest.h>

#include "runner/output/output_testing.h"
#include "runner/protocol/result_json.h"

namespace runner::output {
namespace {

using testing_support::CapturedFd;
using testing_support::Kinds;
using testing_support::ScriptedTurn;

const protocol::RunResult& LastResult(const std::vector<protocol::Event>& events) {
  return std::get<protocol::ResultEvent>(events.back()).result;
}

TEST(JsonSink, PrintsTheResultObjectAsOneLine) {
  CapturedFd out;
  JsonSink sink(OutputOptions{.format = OutputFormat::kJson}, out.fd());
  auto events = ScriptedTurn();
  for (const auto& e : events) sink.Emit(e);
  auto lines = out.JsonLines();
  ASSERT_EQ(lines.size(), 1u) << out.Contents();
  protocol::RunResult expected = LastResult(events);
  expected.uuid = lines[0]["uuid"].AsString();
  EXPECT_EQ(lines[0], protocol::ResultToJson(expected));
  EXPECT_EQ(lines[0]["result"], base::Json("Done."));
}

TEST(JsonSink, VerbosePrintsTheTurnsMessagesAsOneArray) {
  CapturedFd out;
  JsonSink sink(OutputOptions{.format = OutputFormat::kJson, .verbose = true}, out.fd());
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  auto lines = out.JsonLines();
  ASSERT_EQ(lines.size(), 1u) << out.Contents();
  ASSERT_TRUE(lines[0].is_array());
  std::vector<base::Json> messages = lines[0].items();
  EXPECT_EQ(Kinds(messages),
            (std::vector<std::string>{"system/init", "assistant", "system/permission_denied",
                                      "system/api_retry", "user", "assistant", "result/success"}));
  for (const base::Json& m : messages) EXPECT_EQ(m["session_id"], base::Json("s-1"));
}

TEST(JsonSink, VerboseStartsAFreshArrayAfterEachResult) {
  CapturedFd out;
  JsonSink sink(OutputOptions{.format = OutputFormat::kJson, .verbose = true}, out.fd());
  for (const auto& e : ScriptedTurn()) sink.Emit(e);
  sink.Emit(protocol::ResultEvent{});
  auto lines = out.JsonLines();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Kinds(lines[1].items()), (std::vector<std::string>{"result/success"}));
  EXPECT_EQ(lines[1].at(0)["session_id"], base::Json("s-1"));
}

TEST(JsonSink, PrintsNothingBeforeTheResult) {
  CapturedFd out;
  JsonSink sink(OutputOptions{.format = OutputFormat::kJson}, out.fd());
  auto events = ScriptedTurn();
  events.pop_back();
  for (const auto& e : events) sink.Emit(e);
  EXPECT_EQ(out.Contents(), "");
}

}  // namespace
}  // namespace runner::output
