#pragma once
/// What an MCP tools/call result becomes for the model: content blocks the Messages API
/// accepts, cut to MAX_MCP_OUTPUT_TOKENS with a note. Pure.
///   text                          → a text block
///   image (JPEG, PNG, GIF, WebP)   → an image block; other image types and audio → a text note
///   resource with text            → `[Resource from <server> at <uri>]` and the text
///   resource with a blob          → that label, and an image block for image blobs
///   resource_link                 → `[Resource link: <name>] <uri> (<description>)`
///   structuredContent             → its JSON as text when `content` is empty (servers are asked
///                                   to repeat it in `content`; then `content` is what counts)
///   isError                       → the same blocks, as an error result

#include <cstdint>
#include <string>

#include "runner/base/json.h"

namespace runner::tools {

/// Default of MAX_MCP_OUTPUT_TOKENS, as in Claude Code.
inline constexpr int64_t kDefaultMaxMcpOutputTokens = 25000;
/// What one image counts for against the limit.
inline constexpr int64_t kImageTokenEstimate = 1600;

struct McpContent {
  base::Json blocks = base::Json::MakeArray();  ///< text and image blocks, never empty
  bool is_error = false;
  bool truncated = false;
};

/// Converts a CallToolResult from server `server`.
McpContent ConvertCallResult(const base::Json& result, const std::string& server);

/// Converts MCP content items (a tool result's `content`, a prompt message's content).
base::Json ConvertContentItems(const base::Json& items, const std::string& server);

/// Rough token count: text characters / 4, kImageTokenEstimate per image.
int64_t EstimateTokens(const base::Json& blocks);

/// Keeps blocks from the start until `max_tokens` is reached (the block that crosses it is
/// cut, images that do not fit are dropped), then adds a note saying the output was cut.
/// Returns false when nothing had to be cut.
bool TruncateToTokens(base::Json& blocks, int64_t max_tokens);

}  // namespace runner::tools
