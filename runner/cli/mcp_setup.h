#pragma once
/// The run's MCP servers (docs/mcp.md): which ones (flags, settings, .mcp.json, .claude.json),
/// started before the agent, their tools, and the `--permission-prompt-tool` MCP tool.

#include <filesystem>
#include <memory>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/cli/flags.h"
#include "runner/cli/prompt_context.h"
#include "runner/mcp/servers.h"
#include "runner/permissions/gate.h"
#include "runner/tools/mcp_permission_prompter.h"
#include "runner/tools/tool.h"

namespace runner::cli {

struct McpSetup {
  /// Owns the server processes; its destructor ends them. Never null after StartMcp.
  std::unique_ptr<mcp::Servers> servers;
  std::vector<std::unique_ptr<tools::Tool>> tools;  ///< MCP tools, then the resource tools
  /// Set for `--permission-prompt-tool mcp__…`.
  std::unique_ptr<tools::McpPermissionPrompter> prompter;
  /// MCP_TIMEOUT (default 30 s): also the limit of a prompts/get for an MCP prompt command.
  int64_t request_timeout_ms = 30000;
};

struct McpInputs {
  const Flags* flags = nullptr;
  const base::Env* env = nullptr;  ///< after the settings' env block
  std::filesystem::path cwd;
  std::vector<std::filesystem::path> add_dirs;
  SourceSwitches sources;
  const base::Json* merged_settings = nullptr;
  base::CancelToken* cancel = nullptr;
  /// For http and sse servers (proxy and CA settings apply); must outlive the McpSetup.
  base::HttpClient* http = nullptr;
};

/// Loads the configuration and starts every server in parallel (each within MCP_TIMEOUT,
/// default 30 s). A server that fails is reported in its status, never fatal. Errors: kUsage
/// for a bad --mcp-config; kConfig when a server marked `"required": true` did not connect, or
/// when --permission-prompt-tool names an MCP tool that no
/// connected server has (the message is Claude Code's, naming the tools there are).
base::Result<McpSetup> StartMcp(const McpInputs& in);

/// The MCP tools to offer: all of them, or with `--tools` naming any `mcp__…` entry, only the
/// tools those entries cover (`mcp__server` or `mcp__server__tool`); the resource tools when
/// `--tools` selects them; never a tool a plain deny rule removes.
std::vector<tools::Tool*> SelectMcpTools(const McpSetup& mcp, const Flags& flags,
                                         const permissions::Gate& gate);

/// The `mcp_status` control answer: `{"mcpServers": [McpServerStatus…]}`.
base::Json McpStatusPayload(const mcp::Servers& servers);

}  // namespace runner::cli
