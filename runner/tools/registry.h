#pragma once
/// The one list of built-in tools.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "runner/mcp/servers.h"
#include "runner/tools/mcp_tool.h"
#include "runner/tools/tool.h"

namespace runner::tools {

/// Every built-in tool, in the order the model sees them.
std::vector<std::unique_ptr<Tool>> BuildBuiltinTools();
/// The tools of the run's MCP servers: every tool of every connected server
/// (`mcp__<server>__<tool>`, in server then server-list order; a name that normalises to one
/// already taken is skipped with a warning), then ListMcpResourcesTool and ReadMcpResourceTool
/// when some connected server offers resources. `servers` must outlive the tools; binary
/// resources are saved below `blob_dir`.
std::vector<std::unique_ptr<Tool>> BuildMcpTools(const mcp::Servers& servers, McpCallLimits limits,
                                                 const std::filesystem::path& blob_dir);
/// `{name, description, input_schema}` for the request's `tools` array.
Json ToolDefinition(const Tool& tool);

}  // namespace runner::tools
