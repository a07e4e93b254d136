#include "runner/tools/registry.h"

#include <set>

#include "runner/base/log.h"
#include "runner/tools/bash_tool.h"
#include "runner/tools/edit_tool.h"
#include "runner/tools/exit_plan_mode_tool.h"
#include "runner/tools/glob_tool.h"
#include "runner/tools/grep_tool.h"
#include "runner/tools/ls_tool.h"
#include "runner/tools/mcp_resource_tools.h"
#include "runner/tools/multi_edit_tool.h"
#include "runner/tools/notebook_edit_tool.h"
#include "runner/tools/read_tool.h"
#include "runner/tools/task_stop_tool.h"
#include "runner/tools/todo_write_tool.h"
#include "runner/tools/web_fetch_tool.h"
#include "runner/tools/web_search_tool.h"
#include "runner/tools/write_tool.h"

namespace runner::tools {

std::vector<std::unique_ptr<Tool>> BuildBuiltinTools() {
  std::vector<std::unique_ptr<Tool>> tools;
  tools.push_back(std::make_unique<BashTool>());
  tools.push_back(std::make_unique<EditTool>());
  tools.push_back(std::make_unique<ExitPlanModeTool>());
  tools.push_back(std::make_unique<GlobTool>());
  tools.push_back(std::make_unique<GrepTool>());
  tools.push_back(std::make_unique<LsTool>());
  tools.push_back(std::make_unique<MultiEditTool>());
  tools.push_back(std::make_unique<NotebookEditTool>());
  tools.push_back(std::make_unique<ReadTool>());
  tools.push_back(std::make_unique<TaskStopTool>());
  tools.push_back(std::make_unique<TodoWriteTool>());
  tools.push_back(std::make_unique<WebFetchTool>());
  tools.push_back(std::make_unique<WebSearchTool>());
  tools.push_back(std::make_unique<WriteTool>());
  return tools;
}

std::vector<std::unique_ptr<Tool>> BuildMcpTools(const mcp::Servers& servers, McpCallLimits limits,
                                                 const std::filesystem::path& blob_dir) {
  std::vector<std::unique_ptr<Tool>> tools;
  std::set<std::string> taken;
  for (const auto& server : servers.all()) {
    if (server->status != mcp::ServerStatus::kConnected) continue;
    for (const mcp::ToolInfo& info : server->tools) {
      auto tool = std::make_unique<McpTool>(*server->client, server->config.name, info, limits);
      if (!taken.insert(std::string(tool->name())).second) {
        base::log::Warn("MCP server {}: tool '{}' is named {} like an earlier tool; skipped",
                        server->config.name, info.name, tool->name());
        continue;
      }
      tools.push_back(std::move(tool));
    }
  }
  if (servers.AnyResources()) {
    tools.push_back(std::make_unique<ListMcpResourcesTool>(servers, limits));
    tools.push_back(std::make_unique<ReadMcpResourceTool>(servers, limits, blob_dir));
  }
  return tools;
}

Json ToolDefinition(const Tool& tool) {
  return base::JsonObject({{"name", tool.name()},
                           {"description", tool.description()},
                           {"input_schema", tool.input_schema()}});
}

}  // namespace runner::tools
