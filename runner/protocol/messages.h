#pragma once
/// The protocol module owns the plain data that flows between modules: conversation messages,
/// usage, run events and the final run result, plus their JSON codecs (sdk_json.h).
/// Content blocks stay as JSON objects exactly as the Messages API defines them, so block types
/// we do not interpret (thinking, server tools, …) pass through unchanged.

#include <cstdint>
#include <string>
#include <vector>

#include "runner/base/json.h"

namespace runner::protocol {

using base::Json;

/// Token usage as the Messages API reports it.
struct Usage {
  int64_t input_tokens = 0;
  int64_t output_tokens = 0;
  int64_t cache_creation_input_tokens = 0;
  int64_t cache_read_input_tokens = 0;
  int64_t cache_creation_5m = 0;  ///< `cache_creation.ephemeral_5m_input_tokens`
  int64_t cache_creation_1h = 0;  ///< `cache_creation.ephemeral_1h_input_tokens`
  int64_t web_search_requests = 0;

  void Add(const Usage& other);
  /// Overwrites the fields present in an API `usage` object (message_start / message_delta).
  void MergeFrom(const Json& api_usage);
  /// `{"input_tokens","cache_creation_input_tokens","cache_read_input_tokens","output_tokens",
  /// "service_tier"}` as in assistant messages.
  Json ToMessageJson() const;
  bool operator==(const Usage&) const = default;
};

/// One conversation message as sent to the API. `content` is a string or an array of blocks.
struct Message {
  std::string role;  ///< "user" or "assistant"
  Json content;
  Json ToJson() const;
  static Message FromJson(const Json& j);
  bool operator==(const Message&) const = default;
};

/// A complete assistant reply assembled from a stream.
struct AssistantReply {
  std::string id;
  std::string model;
  Json content = Json::MakeArray();  ///< array of content blocks
  std::string stop_reason;           ///< end_turn, tool_use, max_tokens, stop_sequence, refusal, …
  Json stop_sequence;                ///< null or string
  Usage usage;
  std::string request_id;  ///< the `request-id` response header
  /// The stream broke after some blocks completed: `content` holds only the completed blocks
  /// and `stop_reason` may be empty. The agent asks the model to resume.
  bool cut_off = false;

  /// The text of all text blocks, joined.
  std::string Text() const;
  /// The tool_use blocks, in order.
  std::vector<Json> ToolUses() const;
};

/// Builds a `{"type":"text","text":…}` block.
Json TextBlock(std::string text);
/// Builds a `tool_result` block; `content` is a string or an array of blocks.
Json ToolResultBlock(const std::string& tool_use_id, Json content, bool is_error);

}  // namespace runner::protocol
