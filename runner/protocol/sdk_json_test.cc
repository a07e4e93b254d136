#include "runner/protocol/sdk_json.h"

#include <gtest/gtest.h>

#include "runner/base/uuid.h"
#include "runner/base/version.h"
#include "runner/protocol/api_message.h"
#include "runner/protocol/sdk_samples_for_test.h"

namespace runner::protocol {
namespace {

using samples::Keys;
using samples::Parse;
using samples::Without;

std::vector<std::string> Strings(const Json& array) {
  std::vector<std::string> out;
  for (const Json& s : array.items()) out.push_back(s.AsString());
  return out;
}

/// Compares values and key order of `ours` with a sample line after dropping `omitted` from the
/// sample (fields we deliberately do not print).
void ExpectSameAsSample(const Json& ours, std::string_view sample_line,
                        std::initializer_list<std::string_view> omitted) {
  Json sample = Parse(sample_line);
  for (std::string_view k : omitted) sample.Erase(k);
  EXPECT_EQ(Keys(ours), Keys(sample));
  EXPECT_EQ(ours, sample) << "ours:   " << ours.Dump() << "\nsample: " << sample.Dump();
}

TEST(InitToJson, MatchesSampleWithoutUiFields) {
  Json sample = Parse(samples::kSystemInit);
  InitEvent e;
  e.session_id = sample["session_id"].AsString();
  e.cwd = "research/scratch";
  e.model = "claude-opus-5-5";
  e.api_key_source = "ANTHROPIC_API_KEY";
  e.tools = Strings(sample["tools"]);
  e.slash_commands = Strings(sample["slash_commands"]);
  e.agents = Strings(sample["agents"]);
  e.uuid = sample["uuid"].AsString();
  Json ours = InitToJson(e, "ignored-when-event-has-one");
  EXPECT_EQ(ours["claude_code_version"], Json(base::kVersion));
  EXPECT_EQ(ours["skills"], Json::MakeArray());
  EXPECT_EQ(ours["plugins"], Json::MakeArray());
  Json comparable = ours;
  comparable.Set("claude_code_version", "2.1.330");
  comparable.Set("skills", sample["skills"]);
  comparable.Set("plugins", sample["plugins"]);
  ExpectSameAsSample(
      comparable, samples::kSystemInit,
      {"terminal_slash_commands", "capabilities", "analytics_disabled", "product_feedback_disabled",
       "served_by_anthropic", "memory_paths", "original_cwd", "messaging_socket_path",
       "fast_mode_state", "fast_mode_disabled_reason", "per_turn_effort_active",
       "ultrathink_available", "ultrathink_typed_raises", "view_mode"});
}

TEST(InitToJson, UsesGivenSessionIdWhenEventHasNone) {
  EXPECT_EQ(InitToJson(InitEvent{}, "s-1")["session_id"], Json("s-1"));
}

TEST(AssistantToJson, TextMessageMatchesSample) {
  Json sample = Parse(samples::kAssistantText);
  AssistantEvent e{.message = sample["message"],
                   .request_id = "req_mock_000001",
                   .uuid = sample["uuid"].AsString(),
                   .timestamp = "2026-11-21T13:12:07.862Z"};
  ExpectSameAsSample(AssistantToJson(e, sample["session_id"].AsString()), samples::kAssistantText,
                     {});
}

TEST(AssistantToJson, ApiErrorMessageMatchesSample) {
  Json sample = Parse(samples::kAssistantApiError);
  AssistantEvent e{.message = sample["message"],
                   .request_id = "req_mock_000003",
                   .uuid = sample["uuid"].AsString(),
                   .timestamp = sample["timestamp"].AsString(),
                   .api_error_status = 500,
                   .error = "server_error"};
  ExpectSameAsSample(AssistantToJson(e, sample["session_id"].AsString()),
                     samples::kAssistantApiError, {"api_error_type"});
}

TEST(AssistantToJson, NetworkFailureIsAnApiErrorMessageWithNullStatus) {
  AssistantEvent e{.message = ApiErrorMessageJson("API Error: Connection error."),
                   .error = "unknown"};
  Json line = AssistantToJson(e, "s");
  EXPECT_EQ(line["is_api_error_message"], Json(true));
  EXPECT_TRUE(line.Contains("api_error_status"));
  EXPECT_TRUE(line["api_error_status"].is_null());
  EXPECT_EQ(line["error"], Json("unknown"));
}

TEST(AssistantToJson, FillsMissingUuidAndTimestampAndOmitsEmptyRequestId) {
  Json line = AssistantToJson(AssistantEvent{.parent_tool_use_id = "toolu_1"}, "s");
  EXPECT_TRUE(base::IsUuid(line["uuid"].AsString()));
  EXPECT_EQ(line["timestamp"].AsString().size(), std::string("2026-11-21T13:12:07.862Z").size());
  EXPECT_EQ(line["parent_tool_use_id"], Json("toolu_1"));
  EXPECT_FALSE(line.Contains("request_id"));
  EXPECT_FALSE(line.Contains("is_api_error_message"));
}

TEST(UserToJson, ToolResultMatchesSampleWithoutMeta) {
  Json sample = Parse(samples::kUserToolResult);
  UserEvent e{.message = sample["message"],
              .tool_use_result = sample["tool_use_result"],
              .uuid = sample["uuid"].AsString(),
              .timestamp = sample["timestamp"].AsString()};
  ExpectSameAsSample(UserToJson(e, sample["session_id"].AsString()), samples::kUserToolResult,
                     {"tool_result_meta"});
}

TEST(UserToJson, ErrorToolResultWithStringResultMatchesSample) {
  Json sample = Parse(samples::kUserToolResultError);
  UserEvent e{.message = sample["message"],
              .tool_use_result = sample["tool_use_result"],
              .uuid = sample["uuid"].AsString(),
              .timestamp = sample["timestamp"].AsString()};
  ExpectSameAsSample(UserToJson(e, sample["session_id"].AsString()), samples::kUserToolResultError,
                     {});
}

TEST(UserToJson, ReplayHasIsReplayAndNoToolUseResult) {
  Json sample = Parse(samples::kUserStringReplay);
  UserEvent e{.message = sample["message"],
              .uuid = sample["uuid"].AsString(),
              .timestamp = sample["timestamp"].AsString(),
              .is_replay = true,
              .is_prompt = true};
  Json ours = UserToJson(e, sample["session_id"].AsString());
  // Claude Code prints session_id before parent_tool_use_id here only; values must match.
  EXPECT_EQ(ours, sample);
}

TEST(UserToJson, SyntheticMatchesSample) {
  Json sample = Parse(samples::kUserTextSynthetic);
  UserEvent e{.message = sample["message"],
              .uuid = sample["uuid"].AsString(),
              .timestamp = sample["timestamp"].AsString(),
              .is_synthetic = true};
  ExpectSameAsSample(UserToJson(e, sample["session_id"].AsString()), samples::kUserTextSynthetic,
                     {});
}

TEST(PartialToJson, MessageStartMatchesSampleWithTtft) {
  Json sample = Parse(samples::kStreamMessageStart);
  PartialEvent e{.event = sample["event"],
                 .message_id = "msg_mock_000001",
                 .ttft_ms = 23,
                 .uuid = sample["uuid"].AsString()};
  ExpectSameAsSample(PartialToJson(e, sample["session_id"].AsString()),
                     samples::kStreamMessageStart, {"thinking_display"});
}

TEST(PartialToJson, DeltaMatchesSampleWithoutTtft) {
  Json sample = Parse(samples::kStreamTextDelta);
  PartialEvent e{
      .event = sample["event"], .message_id = "msg_mock_000001", .uuid = sample["uuid"].AsString()};
  ExpectSameAsSample(PartialToJson(e, sample["session_id"].AsString()), samples::kStreamTextDelta,
                     {});
}

TEST(StatusToJson, MatchesSample) {
  Json sample = Parse(samples::kSystemStatus);
  StatusEvent e{.status = "requesting", .uuid = sample["uuid"].AsString()};
  ExpectSameAsSample(StatusToJson(e, sample["session_id"].AsString()), samples::kSystemStatus, {});
}

TEST(StatusToJson, EmptyStatusIsNull) {
  EXPECT_TRUE(StatusToJson(StatusEvent{}, "s")["status"].is_null());
}

TEST(RetryToJson, MatchesSample) {
  Json sample = Parse(samples::kSystemApiRetry);
  RetryEvent e{.attempt = 1,
               .max_retries = 2,
               .retry_delay_ms = 515,
               .error_status = 500,
               .error = "server_error",
               .uuid = sample["uuid"].AsString()};
  ExpectSameAsSample(RetryToJson(e, sample["session_id"].AsString()), samples::kSystemApiRetry, {});
}

TEST(RetryToJson, UnknownStatusIsNull) {
  EXPECT_TRUE(RetryToJson(RetryEvent{.error = "network"}, "s")["error_status"].is_null());
}

TEST(PermissionDeniedToJson, MatchesSample) {
  Json sample = Parse(samples::kSystemPermissionDenied);
  PermissionDeniedEvent e{.tool_name = "Write",
                          .tool_use_id = "toolu_mock_0002_ec8a8ec5",
                          .message = sample["message"].AsString(),
                          .uuid = sample["uuid"].AsString()};
  ExpectSameAsSample(PermissionDeniedToJson(e, sample["session_id"].AsString()),
                     samples::kSystemPermissionDenied, {});
}

TEST(ToStreamJson, DispatchesEveryEventKind) {
  const std::string sid = "sess";
  EXPECT_EQ(ToStreamJson(InitEvent{}, sid)["subtype"], Json("init"));
  EXPECT_EQ(ToStreamJson(StatusEvent{}, sid)["subtype"], Json("status"));
  EXPECT_EQ(ToStreamJson(PartialEvent{}, sid)["type"], Json("stream_event"));
  EXPECT_EQ(ToStreamJson(AssistantEvent{}, sid)["type"], Json("assistant"));
  EXPECT_EQ(ToStreamJson(UserEvent{}, sid)["type"], Json("user"));
  EXPECT_EQ(ToStreamJson(RetryEvent{}, sid)["subtype"], Json("api_retry"));
  EXPECT_EQ(ToStreamJson(PermissionDeniedEvent{}, sid)["subtype"], Json("permission_denied"));
  EXPECT_EQ(ToStreamJson(ResultEvent{}, sid)["type"], Json("result"));
}

TEST(ToStreamJson, ResultKeepsItsOwnSessionIdAndFallsBackToGivenOne) {
  ResultEvent own{.result = RunResult{.session_id = "own"}};
  EXPECT_EQ(ToStreamJson(own, "given")["session_id"], Json("own"));
  EXPECT_EQ(ToStreamJson(ResultEvent{}, "given")["session_id"], Json("given"));
}

}  // namespace
}  // namespace runner::protocol
