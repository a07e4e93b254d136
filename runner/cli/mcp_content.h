#pragma once
/// `claude-runner mcp serve`: how a built-in tool and its results look in MCP terms. Pure
/// conversions, no I/O (docs/mcp-serve.md).

#include "runner/base/json.h"
#include "runner/tools/tool.h"

namespace runner::cli {

/// The tool's `tools/list` entry: `name`, `description` and `inputSchema` exactly as the Tool
/// seam gives them to the model, plus `annotations.readOnlyHint`.
base::Json McpToolDefinition(const tools::Tool& tool);

/// A tool result as an MCP `CallToolResult`: `content` blocks (text stays text; base64 images
/// become `image` blocks with `mimeType`; PDFs become an embedded `resource` named after the
/// call's `file_path`; any other block is given as its JSON text) and `isError` for failures.
/// An error's `<tool_use_error>` wrapper is dropped: `isError` says it.
base::Json McpCallResult(const tools::ToolResult& result, const base::Json& arguments);

}  // namespace runner::cli
