#pragma once
/// Stream-json lines: each run event as the JSON object Claude Code (2.1.330) prints for it, with
/// the same keys in the same order where practical. Pure functions, except that an empty uuid
/// (and, for user/assistant lines, an empty timestamp) is filled in with a fresh one.
///
/// Deliberately omitted, because they describe Claude Code's own UI or internals:
///   init:      terminal_slash_commands, capabilities, analytics_disabled,
///              product_feedback_disabled, served_by_anthropic, memory_paths, original_cwd,
///              messaging_socket_path, fast_mode_state, fast_mode_disabled_reason,
///              per_turn_effort_active, ultrathink_available, ultrathink_typed_raises, view_mode
///   assistant: request_id and the null usage fields of synthetic API-error messages
///   user:      tool_result_meta
///   stream_event: thinking_display
///   result:    see result_json.h.
/// The machine-checked list is tests/fixtures/stream-json-differences.json.

#include <string>

#include "runner/protocol/events.h"
#include "runner/protocol/result_json.h"

namespace runner::protocol {

/// `system/init`. `session_id` is used when `e.session_id` is empty.
Json InitToJson(const InitEvent& e, const std::string& session_id);
/// `system/status`; an empty status prints as null.
Json StatusToJson(const StatusEvent& e, const std::string& session_id);
/// `stream_event`; ttft_ms only when set, api_message_id only when known.
Json PartialToJson(const PartialEvent& e, const std::string& session_id);
/// `assistant`; `error` when set; `is_api_error_message` and `api_error_status` (null when
/// unknown, e.g. a network failure) for API-error messages (IsApiErrorEvent).
Json AssistantToJson(const AssistantEvent& e, const std::string& session_id);
/// `user`; tool_use_result only when not null, isReplay / isSynthetic only when set.
Json UserToJson(const UserEvent& e, const std::string& session_id);
/// `system/api_retry`; error_status null when unknown.
Json RetryToJson(const RetryEvent& e, const std::string& session_id);
/// `system/permission_denied`.
Json PermissionDeniedToJson(const PermissionDeniedEvent& e, const std::string& session_id);
/// `system/hook_started` or `system/hook_response`, as in the recorded samples.
Json HookToJson(const HookEvent& e, const std::string& session_id);

/// Any event as its stream-json line object. For a ResultEvent the result's own session_id wins
/// unless empty.
Json ToStreamJson(const Event& event, const std::string& session_id);

}  // namespace runner::protocol
