#pragma once
/// The scripted model format shared by the in-process ReplayProvider, the recorder and the
/// fake Messages API server (tests/fake_api). A script is a JSON file:
///
///   {"model": "claude-opus-5-5",
///    "turns": [
///      {"content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn"},
///      {"error": {"status": 529, "type": "overloaded_error", "message": "Overloaded",
///                 "retry_after": 1}},
///      {"content": [{"type": "tool_use", "name": "Bash", "input": {"command": "ls"}}],
///       "usage": {"input_tokens": 10, "output_tokens": 5}, "delay_ms": 20,
///       "expect": {"last_user_contains": "list files"}},
///      {"content": [{"type": "text", "text": "partial"}, {"type": "text", "text": "lost"}],
///       "stream_error": {"after_blocks": 1, "type": "overloaded_error", "message": "Overloaded"}},
///      {"stall_ms": 5000}]}
///
/// Each request consumes the next turn, in order (retries too). See replay_answer.h for how a
/// turn becomes an answer.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::providers {

/// `{"error": …}`: an HTTP error answer.
struct ReplayHttpError {
  int status = 500;
  std::string type = "api_error";
  std::string message = "replay error";
  std::optional<double> retry_after_s;  ///< sent as the `retry-after` header
  bool operator==(const ReplayHttpError&) const = default;
};

/// `{"stream_error": …}`: the stream sends `after_blocks` blocks, then an `error` event.
struct ReplayStreamError {
  size_t after_blocks = 0;
  std::string type = "overloaded_error";
  std::string message = "Overloaded";
  bool operator==(const ReplayStreamError&) const = default;
};

enum class ReplayTurnKind { kReply, kHttpError, kStall };

struct ReplayTurn {
  ReplayTurnKind kind = ReplayTurnKind::kReply;
  base::Json content = base::Json::MakeArray();  ///< blocks; tool_use ids always filled
  std::string stop_reason;                       ///< defaulted: tool_use if any, else end_turn
  base::Json usage;                              ///< API usage object, or null for estimates
  int64_t delay_ms = 0;                          ///< wait before answering
  std::optional<ReplayStreamError> stream_error;
  ReplayHttpError http_error;             ///< kHttpError only
  int64_t stall_ms = 0;                   ///< kStall only
  std::string expect_last_user_contains;  ///< empty = no check
  bool operator==(const ReplayTurn&) const = default;
};

struct ReplayScript {
  std::string model;  ///< may be empty: the request's model is echoed
  std::vector<ReplayTurn> turns;

  /// The script as JSON, in the file format (parses back to an equal script).
  base::Json ToJson() const;
  bool operator==(const ReplayScript&) const = default;
};

/// Parses and validates a script. Errors: kParse with the JSON path of the bad field, e.g.
/// `turns[2].content[0].name: tool_use needs a non-empty string`.
base::Result<ReplayScript> ParseReplayScript(std::string_view text);
base::Result<ReplayScript> ReplayScriptFromJson(const base::Json& json);
/// Reads and parses a script file; errors name the file.
base::Result<ReplayScript> LoadReplayScript(const std::filesystem::path& path);

/// The id a tool_use block without one gets: `toolu_replay_<turn>_<block>` (0-based indexes).
std::string ReplayToolUseId(size_t turn, size_t block);

}  // namespace runner::providers
