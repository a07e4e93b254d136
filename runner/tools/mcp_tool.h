#pragma once
/// One tool of an MCP server as a Tool: named `mcp__<server>__<tool>` (mcp/names.h), with the
/// server's description and input schema. A call goes to the server (tools/call, with a
/// progress token and the call's id in `_meta`) and its result is converted for the model
/// (mcp_result.h). Failures (the server's error, a crash, MCP_TOOL_TIMEOUT) are tool errors.
/// Read-only when the server says so (annotations.readOnlyHint); permissions still need a rule.

#include <cstdint>
#include <string>

#include "runner/mcp/client.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// Limits of MCP tool calls, from the environment.
struct McpCallLimits {
  int64_t timeout_ms = 100000000;  ///< MCP_TOOL_TIMEOUT (Claude Code's default, about 28 h)
  int64_t max_output_tokens = 25000;  ///< MAX_MCP_OUTPUT_TOKENS
  /// Reads MCP_TOOL_TIMEOUT and MAX_MCP_OUTPUT_TOKENS; unset or invalid values keep defaults.
  static McpCallLimits FromEnv(const base::Env& env);
};

/// Claude Code's cap on a server-supplied tool description.
inline constexpr size_t kMaxMcpDescriptionLength = 2048;

class McpTool : public Tool {
 public:
  /// `client` is borrowed and must outlive the tool.
  McpTool(mcp::Client& client, std::string server, mcp::ToolInfo info, McpCallLimits limits);

  std::string_view name() const override { return name_; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override;
  ToolResult Run(const Json& input, ToolContext& ctx) override;

  const std::string& server() const { return server_; }
  const mcp::ToolInfo& info() const { return info_; }
  /// Calls the tool and returns the raw CallToolResult (for the permission prompt tool).
  base::Result<Json> Call(const Json& arguments, const std::string& tool_use_id,
                          base::CancelToken* cancel);

 private:
  mcp::Client& client_;
  std::string server_;
  mcp::ToolInfo info_;
  McpCallLimits limits_;
  std::string name_;
};

}  // namespace runner::tools
