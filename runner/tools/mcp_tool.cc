#include "runner/tools/mcp_tool.h"

#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/mcp/names.h"
#include "runner/tools/mcp_result.h"

namespace runner::tools {

McpCallLimits McpCallLimits::FromEnv(const base::Env& env) {
  McpCallLimits limits;
  if (auto t = env.GetInt("MCP_TOOL_TIMEOUT"); t && *t > 0) limits.timeout_ms = *t;
  if (auto n = env.GetInt("MAX_MCP_OUTPUT_TOKENS"); n && *n > 0) limits.max_output_tokens = *n;
  return limits;
}

McpTool::McpTool(mcp::Client& client, std::string server, mcp::ToolInfo info, McpCallLimits limits)
    : client_(client),
      server_(std::move(server)),
      info_(std::move(info)),
      limits_(limits),
      name_(mcp::ToolName(server_, info_.name)) {}

std::string McpTool::description() const {
  if (info_.description.size() <= kMaxMcpDescriptionLength) return info_.description;
  return base::Utf8Prefix(info_.description, kMaxMcpDescriptionLength) + "… [description truncated]";
}

Json McpTool::input_schema() const {
  Json schema = info_.input_schema.is_object() ? info_.input_schema : Json::MakeObject();
  if (!schema["type"].is_string()) schema.Set("type", "object");
  return schema;
}

bool McpTool::IsReadOnly(const Json& input) const {
  return info_.annotations["readOnlyHint"].AsBool();
}

base::Result<Json> McpTool::Call(const Json& arguments, const std::string& tool_use_id,
                                 base::CancelToken* cancel) {
  Json meta = Json::MakeObject();
  if (!tool_use_id.empty()) meta.Set("claudecode/toolUseId", tool_use_id);
  auto progress = [this](double done, double total, const std::string& message) {
    base::log::Debug("MCP tool {}: progress {}{}{}", name_, done,
                     total > 0 ? "/" + std::to_string(static_cast<int64_t>(total)) : "",
                     message.empty() ? "" : " " + message);
  };
  return client_.CallTool(info_.name, arguments, limits_.timeout_ms, cancel, progress, meta);
}

ToolResult McpTool::Run(const Json& input, ToolContext& ctx) {
  auto result = Call(input, ctx.tool_use_id, ctx.cancel);
  if (!result) {
    const base::Error& e = result.error();
    if (e.kind == base::ErrorKind::kTimeout) {
      return ToolResult::Error("MCP tool " + name_ + " timed out after " +
                               std::to_string(limits_.timeout_ms) + " ms (MCP_TOOL_TIMEOUT)");
    }
    if (e.kind == base::ErrorKind::kInterrupted) return ToolResult::Error("Interrupted: " + e.message);
    return ToolResult::Error("Error calling MCP tool " + name_ + ": " + e.message);
  }
  McpContent content = ConvertCallResult(*result, server_);
  if (TruncateToTokens(content.blocks, limits_.max_output_tokens)) {
    base::log::Debug("MCP tool {}: output cut to {} tokens", name_, limits_.max_output_tokens);
  }
  ToolResult out;
  out.content = content.blocks;
  out.is_error = content.is_error;
  return out;
}

}  // namespace runner::tools
