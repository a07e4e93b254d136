#include "runner/providers/replay_script.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runner/base/files.h"

namespace runner::providers {
namespace {

using base::Json;

Json J(std::string_view text) { return Json::Parse(text).value_or(Json()); }

std::string ParseError(std::string_view text) {
  auto script = ParseReplayScript(text);
  EXPECT_FALSE(script.has_value()) << text;
  return script ? "" : script.error().message;
}

constexpr std::string_view kScript = R"({
  "model": "claude-opus-5-5",
  "turns": [
    {"content": [{"type": "text", "text": "Hi"}]},
    {"content": [{"type": "text", "text": "Running"},
                 {"type": "tool_use", "name": "Bash", "input": {"command": "ls"}}],
     "usage": {"input_tokens": 10, "output_tokens": 5}, "delay_ms": 20,
     "expect": {"last_user_contains": "list"}},
    {"error": {"status": 529, "type": "overloaded_error", "message": "Overloaded",
               "retry_after": 1}},
    {"content": [{"type": "thinking", "thinking": "hm", "signature": "s"},
                 {"type": "text", "text": "x"}],
     "stop_reason": "max_tokens",
     "stream_error": {"after_blocks": 1, "type": "api_error", "message": "boom"}},
    {"stall_ms": 5000}
  ]})";

TEST(ParseReplayScript, ReadsEveryTurnKind) {
  auto script = ParseReplayScript(kScript);
  ASSERT_TRUE(script.has_value()) << script.error().message;
  EXPECT_EQ(script->model, "claude-opus-5-5");
  ASSERT_EQ(script->turns.size(), 5u);

  const ReplayTurn& hi = script->turns[0];
  EXPECT_EQ(hi.kind, ReplayTurnKind::kReply);
  EXPECT_EQ(hi.stop_reason, "end_turn");
  EXPECT_TRUE(hi.usage.is_null());

  const ReplayTurn& tool = script->turns[1];
  EXPECT_EQ(tool.stop_reason, "tool_use");
  EXPECT_EQ(tool.content.at(1), J(R"({"type":"tool_use","name":"Bash","input":{"command":"ls"},
                                      "id":"toolu_replay_1_1"})"));
  EXPECT_EQ(tool.usage, J(R"({"input_tokens":10,"output_tokens":5})"));
  EXPECT_EQ(tool.delay_ms, 20);
  EXPECT_EQ(tool.expect_last_user_contains, "list");

  const ReplayTurn& error = script->turns[2];
  EXPECT_EQ(error.kind, ReplayTurnKind::kHttpError);
  EXPECT_EQ(error.http_error, (ReplayHttpError{529, "overloaded_error", "Overloaded", 1.0}));

  const ReplayTurn& cut = script->turns[3];
  EXPECT_EQ(cut.stop_reason, "max_tokens");
  EXPECT_EQ(cut.stream_error, (ReplayStreamError{1, "api_error", "boom"}));

  EXPECT_EQ(script->turns[4].kind, ReplayTurnKind::kStall);
  EXPECT_EQ(script->turns[4].stall_ms, 5000);
}

TEST(ParseReplayScript, KeepsGivenToolUseIds) {
  auto script = ParseReplayScript(
      R"({"turns":[{"content":[{"type":"tool_use","id":"toolu_x","name":"Read","input":{}}]}]})");
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(script->turns[0].content.at(0)["id"], Json("toolu_x"));
  EXPECT_TRUE(script->model.empty());
}

TEST(ParseReplayScript, RoundTripsThroughJson) {
  auto script = ParseReplayScript(kScript);
  ASSERT_TRUE(script.has_value());
  auto again = ReplayScriptFromJson(script->ToJson());
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(*again, *script);
}

TEST(ParseReplayScript, NamesThePathOfABadField) {
  EXPECT_EQ(
      ParseError(R"({"turns":[{"content":[]},{"content":[{"type":"tool_use","input":{}}]}]})"),
      "turns[1].content[0].name: tool_use needs a non-empty string");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[{"type":"image"}]}]})"),
            "turns[0].content[0].type: expected text, tool_use, thinking, redacted_thinking, "
            "server_tool_use or a server tool result");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[{"type":"web_search_tool_result"}]}]})"),
            "turns[0].content[0].tool_use_id: expected a string");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[{"type":"text"}]}]})"),
            "turns[0].content[0].text: expected a string");
  EXPECT_EQ(ParseError(R"({"turns":[{"error":{"status":200}}]})"),
            "turns[0].error.status: expected 400..599");
  EXPECT_EQ(ParseError(R"({"turns":[{"stall_ms":-5}]})"),
            "turns[0].stall_ms: expected a non-negative integer");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[],"stall_ms":5}]})"),
            "turns[0]: a turn has exactly one of content, error or stall_ms");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[],"stop_reson":"end_turn"}]})"),
            "turns[0].stop_reson: unknown field");
  EXPECT_EQ(ParseError(R"({"turns":[{"content":[],"stream_error":{"after_blocks":2}}]})"),
            "turns[0].stream_error.after_blocks: more than the turn's blocks");
  EXPECT_EQ(ParseError(R"({"turns":{}})"), "turns: expected an array of turns");
  EXPECT_EQ(ParseError(R"({"model":3,"turns":[]})"), "$.model: expected a string");
  EXPECT_EQ(ParseError("[]"), "$: a replay script is a JSON object");
}

TEST(ParseReplayScript, ReportsInvalidJson) {
  auto script = ParseReplayScript(std::string_view("{"));
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().kind, base::ErrorKind::kParse);
}

TEST(LoadReplayScript, NamesTheFileInErrors) {
  auto dir = std::filesystem::temp_directory_path() / "replay_script_test";
  std::filesystem::create_directories(dir);
  auto path = dir / "bad.json";
  ASSERT_TRUE(base::WriteFileAtomic(path, R"({"turns":[{"content":7}]})").has_value());
  auto script = LoadReplayScript(path);
  ASSERT_FALSE(script.has_value());
  EXPECT_EQ(script.error().message,
            path.string() + ": turns[0].content: expected an array of content blocks");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace runner::providers
