#pragma once
/// MCP prompts as slash commands ([MCP](../../docs/mcp.md#prompts)), as Claude Code offers them:
/// `/mcp__<server>__<prompt> args…`. The arguments split like shell words and fill the prompt's
/// declared arguments in order; prompts/get's messages (text, images, embedded resources, of
/// any role) become the user's turn after the usual command tags.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/mcp/client.h"
#include "runner/mcp/servers.h"

namespace runner::cli {

/// One MCP prompt offered as a command.
struct McpPromptCommand {
  std::string name;    ///< `mcp__<server>__<prompt>`, both parts normalised as tool names are
  std::string server;  ///< the server's configuration name
  mcp::PromptInfo prompt;
  mcp::Client* client = nullptr;  ///< borrowed; the server's connection
};

/// The prompts of every connected server, in configuration order. When two prompts end up
/// with the same name, the first one is kept and the other skipped with a warning.
std::vector<McpPromptCommand> McpPromptCommands(const mcp::Servers& servers);

/// `args` split like shell words (`"two words"` is one value), given to the declared
/// arguments in order: an object with one string per value. Fails (kUsage) naming the
/// first required argument that has no value. Values beyond the declared arguments are
/// dropped with a warning.
base::Result<base::Json> MapPromptArguments(const McpPromptCommand& command, std::string_view args);

/// The content blocks of prompts/get's `messages`, in order, whatever their role: text blocks,
/// image blocks, and embedded resources as `[Resource from <server> at <uri>]` with their text
/// (the conversion of tool results, docs/mcp.md#results).
base::Json PromptMessagesToBlocks(const base::Json& messages, const std::string& server);

/// Runs `command` with `args`: the user message's content blocks, namely the command tags,
/// the `preceding` blocks (may be null), then the prompt's blocks. Errors: a missing required
/// argument, or prompts/get failing (the server's error, a timeout after `timeout_ms`,
/// cancellation), each with a message naming the command.
base::Result<base::Json> RunMcpPrompt(const McpPromptCommand& command, std::string_view args,
                                      const base::Json& preceding, int64_t timeout_ms,
                                      base::CancelToken* cancel);

}  // namespace runner::cli
