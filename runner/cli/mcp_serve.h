#pragma once
/// `claude-runner mcp serve`: our built-in tools served to an MCP client over stdio, as
/// `claude mcp serve` serves Claude Code's (docs/mcp-serve.md). This file is its composition
/// root and read loop; the protocol is McpServer (mcp_server.h). stdout carries only JSON-RPC
/// lines; logs go to stderr.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/env.h"
#include "runner/base/result.h"
#include "runner/cli/exit_codes.h"
#include "runner/cli/mcp_server.h"
#include "runner/permissions/gate.h"
#include "runner/tools/tool.h"

namespace runner::cli {

/// Runs `claude-runner mcp …` (argv[0] is "mcp") and returns the exit code: 0 once stdin ends
/// and the calls in flight have answered, 143 on SIGTERM, 130 on SIGINT, 2 for bad flags.
int RunMcpCommand(int argc, const char* const* argv);

/// The built-in tools `mcp serve` offers. Not served: Task, TodoWrite and ExitPlanMode (they
/// belong to our own agent loop), WebFetch and WebSearch (they need a model).
inline constexpr std::string_view kServedTools[] = {
    "Bash", "TaskStop", "Read", "Write", "Edit", "MultiEdit", "NotebookEdit", "Glob", "Grep", "LS"};

/// The served tools among `all`, in registry order. `wanted` (from --tools: names separated by
/// commas or spaces; "default" = all) narrows them; a name that is not served is a kUsage error.
base::Result<std::vector<tools::Tool*>> SelectServedTools(
    const std::vector<std::unique_ptr<tools::Tool>>& all,
    const std::optional<std::vector<std::string>>& wanted);

/// The gate's policy: no rules, mode acceptEdits, working directories `cwd` then `dirs`. So it
/// decides only whether a file tool's paths are inside the working directories (symlinks
/// resolved); everything else it leaves to the client, which approved the call.
permissions::GatePolicy McpConfinementPolicy(const std::filesystem::path& cwd,
                                             const std::vector<std::filesystem::path>& dirs,
                                             const base::Env& env);

/// Hands each line from `next_line` to `server` until it gives nullopt (end of input, or
/// `shutdown` fired), then waits for the calls in flight (cancelling them if `shutdown` fires).
/// Returns kSuccess, or the exit code of the signal that fired `shutdown`.
ExitCode ServeLines(McpServer& server, const std::function<std::optional<std::string>()>& next_line,
                    base::CancelToken& shutdown);

}  // namespace runner::cli
