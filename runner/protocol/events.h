#pragma once
/// Run events: what the agent loop reports while it works. output/ turns them into text, json or
/// stream-json; session/ turns some of them into transcript lines. The agent never prints.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "runner/protocol/messages.h"

namespace runner::protocol {

/// Per-model totals for `modelUsage` in the result.
struct ModelUsage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cache_read_input_tokens = 0;
  int64_t cache_creation_input_tokens = 0;
  int64_t cache_creation_5m = 0;
  int64_t cache_creation_1h = 0;
  int64_t web_search_requests = 0;
  double cost_usd = 0;
  int64_t context_window = 0;
  int64_t max_output_tokens = 0;
};

/// The final outcome of a run (one per user turn with stream-json input).
struct RunResult {
  std::string subtype = "success";  ///< success, error_max_turns, error_max_budget_usd,
                                    ///< error_during_execution, error_max_structured_output_retries
  bool is_error = false;
  int64_t duration_ms = 0;
  int64_t duration_api_ms = 0;
  int num_turns = 0;
  std::string result;  ///< final text (success only)
  std::string session_id;
  double total_cost_usd = 0;
  Usage usage;
  std::vector<std::pair<std::string, ModelUsage>> model_usage;
  Json permission_denials = Json::MakeArray();
  std::string terminal_reason = "completed";  ///< SDK TerminalReason
  std::vector<std::string> errors;
  std::optional<Json> structured_output;
  std::string stop_reason;  ///< empty = null
  std::optional<int> api_error_status;
  std::string uuid;
};

/// `system/init`, first message of a run.
struct InitEvent {
  std::string session_id;
  std::string cwd;
  std::string model;
  std::string permission_mode = "default";
  std::string api_key_source = "none";
  std::vector<std::string> tools;
  Json mcp_servers = Json::MakeArray();
  std::vector<std::string> slash_commands;
  std::vector<std::string> agents;
  std::vector<std::string> additional_directories;
  std::string uuid;
};

/// `system/status` (e.g. "requesting" before each API call).
struct StatusEvent {
  std::string status;
  std::string uuid;
};

/// One raw Messages API stream event (`--include-partial-messages`).
struct PartialEvent {
  Json event;
  std::string message_id;
  std::string parent_tool_use_id;  ///< empty = null
  std::optional<int64_t> ttft_ms;  ///< set on message_start
  std::string uuid;
};

/// One assistant content block, completed (stream-json emits one line per block).
struct AssistantEvent {
  Json message;  ///< full API message object whose content holds this block
  std::string parent_tool_use_id;
  std::string request_id;
  std::string uuid;
  std::string timestamp;
  /// Set when the message is a synthetic API-error message.
  std::optional<int> api_error_status;
  std::string error;  ///< e.g. "server_error", "rate_limit", "authentication_failed"
  std::string api_error_type;  ///< the API's error type (`api_error`, `overloaded_error`, …)
};

/// A user message: the prompt, a tool result, or a synthetic note.
struct UserEvent {
  Json message;          ///< {"role":"user","content":…}
  Json tool_use_result;  ///< structured tool result, null when absent
  std::string parent_tool_use_id;
  std::string uuid;
  std::string timestamp;
  bool is_replay = false;     ///< echo of an input user message (--replay-user-messages)
  bool is_synthetic = false;  ///< written by the runner, not the user
  bool is_prompt = false;     ///< the user's own turn (stream-json prints it only when replaying)
};

/// `system/api_retry`.
struct RetryEvent {
  int attempt = 0;
  int max_retries = 0;
  int64_t retry_delay_ms = 0;
  std::optional<int> error_status;
  std::string error;  ///< "server_error", "rate_limit", "overloaded", "network", …
  std::string uuid;
};

/// `system/permission_denied`.
struct PermissionDeniedEvent {
  std::string tool_name;
  std::string tool_use_id;
  std::string message;
  std::string uuid;
};

/// `system/hook_started` and `system/hook_response` (printed with --include-hook-events).
struct HookEvent {
  bool started = true;  ///< false: the response
  std::string hook_id;
  std::string hook_name;   ///< e.g. "PreToolUse:Bash"
  std::string hook_event;  ///< e.g. "PreToolUse"
  std::string output;      ///< response only: stdout then stderr
  std::string stdout_data;
  std::string stderr_data;
  std::optional<int> exit_code;
  std::string outcome;  ///< "success", "error", "cancelled"
  std::string uuid;
};

struct ResultEvent {
  RunResult result;
};

/// A control protocol message (`control_request`, `control_response`) for the SDK host. Goes
/// through the same sink as the messages so stdout lines never interleave; only stream-json
/// output prints it, verbatim, and transcripts ignore it.
struct ControlEvent {
  Json message;
};

using Event = std::variant<InitEvent, StatusEvent, PartialEvent, AssistantEvent, UserEvent,
                           RetryEvent, PermissionDeniedEvent, HookEvent, ResultEvent, ControlEvent>;

/// Receives run events in order. Implementations must be cheap and must not throw.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void Emit(const Event& event) = 0;
};

/// Fans one event stream out to several sinks.
class MultiSink : public EventSink {
 public:
  void Add(EventSink* sink) { sinks_.push_back(sink); }
  void Emit(const Event& event) override {
    for (EventSink* s : sinks_) s->Emit(event);
  }

 private:
  std::vector<EventSink*> sinks_;  // borrowed
};

}  // namespace runner::protocol
