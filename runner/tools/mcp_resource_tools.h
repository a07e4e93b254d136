#pragma once
/// ListMcpResourcesTool and ReadMcpResourceTool: the resources of the run's MCP servers
/// (resources/list, resources/read), with ListMcpResourcesInput and ReadMcpResourceInput from
/// sdk-tools.d.ts. Offered when some connected server has the resources capability. Both only
/// read, so they run in parallel and need no permission rule.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "runner/mcp/servers.h"
#include "runner/tools/mcp_tool.h"
#include "runner/tools/tool.h"

namespace runner::tools {

class ListMcpResourcesTool : public Tool {
 public:
  /// `servers` is borrowed and must outlive the tool.
  ListMcpResourcesTool(const mcp::Servers& servers, McpCallLimits limits)
      : servers_(servers), limits_(limits) {}
  std::string_view name() const override { return "ListMcpResourcesTool"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  /// `tool_use_result` is ListMcpResourcesOutput: `[{uri, name, mimeType?, description?, server}]`.
  ToolResult Run(const Json& input, ToolContext& ctx) override;

 private:
  const mcp::Servers& servers_;
  McpCallLimits limits_;
};

class ReadMcpResourceTool : public Tool {
 public:
  /// Binary contents are written below `blob_dir` (created when first needed, removed with
  /// the tool) and reported as `blobSavedTo`, so the model can Read them.
  ReadMcpResourceTool(const mcp::Servers& servers, McpCallLimits limits, std::filesystem::path blob_dir)
      : servers_(servers), limits_(limits), blob_dir_(std::move(blob_dir)) {}
  ~ReadMcpResourceTool() override;
  std::string_view name() const override { return "ReadMcpResourceTool"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  /// `tool_use_result` is ReadMcpResourceOutput: `{contents: [{uri, mimeType?, text? |
  /// blobSavedTo?}]}`.
  ToolResult Run(const Json& input, ToolContext& ctx) override;

 private:
  /// Saves one base64 blob; returns the path, or an empty path when it could not be written.
  std::filesystem::path SaveBlob(const std::string& base64, const std::string& uri);

  const mcp::Servers& servers_;
  McpCallLimits limits_;
  std::filesystem::path blob_dir_;
  int saved_ = 0;
};

/// Decodes standard base64 (padding optional; whitespace skipped). nullopt on a bad character.


}  // namespace runner::tools
