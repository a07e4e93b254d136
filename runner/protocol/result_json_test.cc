#include "runner/protocol/result_json.h"

#include <gtest/gtest.h>

#include "runner/base/uuid.h"
#include "runner/protocol/sdk_samples_for_test.h"

namespace runner::protocol {
namespace {

using samples::Keys;
using samples::Parse;
using samples::Without;

/// Result fields Claude Code prints that we deliberately do not (UI state, timing internals,
/// subagent bookkeeping). Keep in sync with the list in result_json.h.
Json WithoutOmittedResultFields(Json sample) {
  sample =
      Without(std::move(sample), {"fast_mode_state", "fast_mode_disabled_reason", "subagent_stats",
                                  "safety_stops", "ttft_ms", "ttft_stream_ms", "time_to_request_ms",
                                  "first_content_frame_ms", "queued_turn_count", "result_index",
                                  "begun_message_ids", "model_usage_since_last_result"});
  return sample;
}

/// A RunResult carrying the accounting values of a sample result line.
RunResult FromSampleAccounting(const Json& sample) {
  RunResult r;
  r.subtype = sample["subtype"].AsString();
  r.is_error = sample["is_error"].AsBool();
  r.duration_ms = sample["duration_ms"].AsInt();
  r.duration_api_ms = sample["duration_api_ms"].AsInt();
  r.num_turns = static_cast<int>(sample["num_turns"].AsInt());
  r.session_id = sample["session_id"].AsString();
  r.total_cost_usd = sample["total_cost_usd"].AsDouble();
  r.usage.MergeFrom(sample["usage"]);
  r.stop_reason = sample["stop_reason"].AsString();
  r.terminal_reason = sample["terminal_reason"].AsString();
  r.uuid = sample["uuid"].AsString();
  for (const auto& [model, u] : sample["modelUsage"].members()) {
    r.model_usage.push_back({model, ModelUsage{.input_tokens = u["inputTokens"].AsInt(),
                                               .output_tokens = u["outputTokens"].AsInt(),
                                               .cost_usd = u["costUSD"].AsDouble(),
                                               .context_window = u["contextWindow"].AsInt(),
                                               .max_output_tokens = u["maxOutputTokens"].AsInt()}});
  }
  for (const Json& e : sample["errors"].items()) r.errors.push_back(e.AsString());
  return r;
}

TEST(ResultToJson, SuccessMatchesSample) {
  Json sample = Parse(samples::kResultSuccess);
  RunResult r = FromSampleAccounting(sample);
  r.result = "Hello from the mock.";
  Json ours = ResultToJson(r);
  EXPECT_EQ(ours, WithoutOmittedResultFields(sample)) << ours.Dump();
}

TEST(ResultToJson, ErrorMaxTurnsMatchesSample) {
  Json sample = Parse(samples::kResultErrorMaxTurns);
  Json ours = ResultToJson(FromSampleAccounting(sample));
  EXPECT_EQ(ours, WithoutOmittedResultFields(sample)) << ours.Dump();
}

TEST(ResultToJson, ErrorMaxBudgetMatchesSample) {
  Json sample = Parse(samples::kResultErrorMaxBudget);
  Json ours = ResultToJson(FromSampleAccounting(sample));
  EXPECT_EQ(ours, WithoutOmittedResultFields(sample)) << ours.Dump();
}

TEST(ResultToJson, StartsWithTypeAndSubtypeLikeTheDocumentedSchema) {
  std::vector<std::string> keys = Keys(ResultToJson(RunResult{}));
  ASSERT_GE(keys.size(), 3u);
  EXPECT_EQ(keys[0], "type");
  EXPECT_EQ(keys[1], "subtype");
  EXPECT_EQ(keys[2], "is_error");
}

TEST(ResultToJson, ErrorSubtypesHaveErrorsAndNoResult) {
  RunResult r{.subtype = "error_during_execution", .is_error = true, .result = "ignored"};
  Json j = ResultToJson(r);
  EXPECT_FALSE(j.Contains("result"));
  EXPECT_EQ(j["errors"], Json::MakeArray());
  EXPECT_FALSE(j.Contains("api_error_status"));
}

TEST(ResultToJson, SuccessWithApiErrorCarriesStatus) {
  RunResult r{.is_error = true, .result = "API Error: 500", .api_error_status = 500};
  Json j = ResultToJson(r);
  EXPECT_EQ(j["api_error_status"], Json(500));
  EXPECT_EQ(j["result"], Json("API Error: 500"));
  EXPECT_FALSE(j.Contains("errors"));
}

TEST(ResultToJson, StructuredOutputOnlyWhenSet) {
  EXPECT_FALSE(ResultToJson(RunResult{}).Contains("structured_output"));
  RunResult r{.structured_output = Parse(R"({"ok":true})")};
  EXPECT_EQ(ResultToJson(r)["structured_output"], Parse(R"({"ok":true})"));
}

TEST(ResultToJson, GeneratesUuidWhenMissingAndNullStopReasonWhenEmpty) {
  Json j = ResultToJson(RunResult{});
  EXPECT_TRUE(base::IsUuid(j["uuid"].AsString()));
  EXPECT_TRUE(j["stop_reason"].is_null());
}

TEST(ResultUsageJson, HasTheFullNonNullableShape) {
  Usage u{.input_tokens = 1,
          .output_tokens = 2,
          .cache_creation_input_tokens = 3,
          .cache_read_input_tokens = 4,
          .cache_creation_5m = 5,
          .cache_creation_1h = 6,
          .web_search_requests = 7};
  EXPECT_EQ(ResultUsageJson(u).Dump(),
            R"({"input_tokens":1,"cache_creation_input_tokens":3,"cache_read_input_tokens":4,)"
            R"("output_tokens":2,"output_tokens_details":{"thinking_tokens":0},)"
            R"("server_tool_use":{"web_search_requests":7,)"
            R"("web_fetch_requests":0},"service_tier":"standard","cache_creation":)"
            R"({"ephemeral_1h_input_tokens":6,"ephemeral_5m_input_tokens":5},)"
            R"("inference_geo":"","iterations":[],"speed":"standard","fallback_credit":null})");
}

}  // namespace
}  // namespace runner::protocol
