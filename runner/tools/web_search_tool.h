#pragma once
/// WebSearch: searches the web through the Messages API's server-side search tool. One side
/// request goes to ToolContext::small_model with a user message naming the query and
/// `{"type":"web_search_20250305","name":"web_search","max_uses":8}` (plus allowed_domains or
/// blocked_domains) in `tools`; the API runs the searches. The reply's search hits (title, url)
/// and the model's text become the result, shaped as WebSearchOutput in sdk-tools.d.ts.
/// A `pause_turn` reply is continued up to 3 times. Needs permission.

#include <cstdint>

#include "runner/tools/tool.h"

namespace runner::tools {

inline constexpr int kWebSearchMaxUses = 8;
inline constexpr int64_t kWebSearchMaxTokens = 4096;
inline constexpr int kWebSearchMaxContinuations = 3;

class WebSearchTool : public Tool {
 public:
  std::string_view name() const override { return "WebSearch"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Errors for the model: invalid input (query under 2 characters, both domain lists given),
  /// a failed side request, and a run without ctx.provider or ctx.small_model. A search the API
  /// reports as failed (`web_search_tool_result_error`) is a normal result naming the error.
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
