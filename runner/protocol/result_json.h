#pragma once
/// The `result` message: the last stream-json line of a turn and the whole `--output-format json`
/// output. Shapes follow Claude Code 2.1.330 (SDKResultSuccess / SDKResultError); keys start with
/// type, subtype, is_error as in the documented schema (2.1.330 prints them in another order).
///
/// Deliberately omitted (Claude Code internals, UI state or data we do not track):
///   result:     fast_mode_state, fast_mode_disabled_reason, subagent_stats, safety_stops,
///               ttft_ms, ttft_stream_ms, time_to_request_ms, first_content_frame_ms,
///               queued_turn_count, result_index, begun_message_ids,
///               model_usage_since_last_result
/// `usage` and `modelUsage` have Claude Code's whole shape; values we do not track are constant:
/// web_fetch_requests 0, thinking_tokens/thinkingTokens 0, inference_geo "", iterations [],
/// speed "standard", fallback_credit null, provider "firstParty", costBasis "list".

#include "runner/protocol/events.h"

namespace runner::protocol {

/// The result object with `session_id` taken from `result.session_id`. `result` appears only for
/// subtype "success", `errors` only for the error subtypes; a missing uuid is generated.
Json ResultToJson(const RunResult& result);

/// The full usage object of a result (NonNullableUsage: server_tool_use, service_tier,
/// cache_creation included).
Json ResultUsageJson(const Usage& usage);

/// `modelUsage`: `{model: {inputTokens, outputTokens, …, costUSD, contextWindow,
/// maxOutputTokens}}` in the given order.
Json ModelUsageJson(const std::vector<std::pair<std::string, ModelUsage>>& model_usage);

}  // namespace runner::protocol
