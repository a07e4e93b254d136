#include "runner/cli/mcp_prompts.h"

#include <algorithm>

#include "runner/base/log.h"
#include "runner/commands/expand.h"
#include "runner/commands/invocation.h"
#include "runner/mcp/names.h"
#include "runner/protocol/messages.h"
#include "runner/tools/mcp_result.h"

namespace runner::cli {

using base::Json;

namespace {

/// `<city> [state]`: the declared arguments, required ones in angle brackets.
std::string Usage(const McpPromptCommand& command) {
  std::string usage = "/" + command.name;
  for (const Json& a : command.prompt.arguments.items()) {
    const std::string& n = a["name"].AsString();
    usage += a["required"].AsBool() ? " <" + n + ">" : " [" + n + "]";
  }
  return usage;
}

}  // namespace

std::vector<McpPromptCommand> McpPromptCommands(const mcp::Servers& servers) {
  std::vector<McpPromptCommand> out;
  for (const auto& s : servers.all()) {
    if (s->status != mcp::ServerStatus::kConnected || !s->client) continue;
    for (const mcp::PromptInfo& p : s->prompts) {
      std::string name = mcp::ToolName(s->config.name, p.name);
      bool taken = std::any_of(out.begin(), out.end(),
                               [&](const McpPromptCommand& c) { return c.name == name; });
      if (taken) {
        base::log::Warn("MCP server {}: prompt {} is skipped: /{} is already taken", s->config.name,
                        p.name, name);
        continue;
      }
      out.push_back({std::move(name), s->config.name, p, s->client.get()});
    }
  }
  return out;
}

base::Result<Json> MapPromptArguments(const McpPromptCommand& command, std::string_view args) {
  std::vector<std::string> values = commands::SplitArguments(args);
  Json out = Json::MakeObject();
  size_t i = 0;
  for (const Json& a : command.prompt.arguments.items()) {
    const std::string& name = a["name"].AsString();
    if (i < values.size()) {
      out.Set(name, values[i++]);
    } else if (a["required"].AsBool()) {
      return base::Fail(base::ErrorKind::kUsage, "Missing required argument \"" + name +
                                                     "\" for /" + command.name +
                                                     ". Usage: " + Usage(command));
    }
  }
  if (i < values.size()) {
    base::log::Warn("/{} takes {} argument(s); ignoring {} more (quote a value that has spaces)",
                    command.name, i, values.size() - i);
  }
  return out;
}

Json PromptMessagesToBlocks(const Json& messages, const std::string& server) {
  Json out = Json::MakeArray();
  for (const Json& m : messages.items()) {
    Json items = Json::MakeArray();
    if (m["content"].is_array()) {
      items = m["content"];
    } else {
      items.Push(m["content"]);
    }
    Json blocks = tools::ConvertContentItems(items, server);
    for (const Json& b : blocks.items()) out.Push(b);
  }
  return out;
}

base::Result<Json> RunMcpPrompt(const McpPromptCommand& command, std::string_view args,
                                const Json& preceding, int64_t timeout_ms,
                                base::CancelToken* cancel) {
  Json arguments = TRY(MapPromptArguments(command, args));
  auto messages = command.client->GetPrompt(command.prompt.name, arguments, timeout_ms, cancel);
  if (!messages) {
    base::Error e = messages.error();
    e.message = "Error running /" + command.name + ": " + e.message;
    return base::Fail(std::move(e));
  }
  Json content = Json::MakeArray();
  content.Push(protocol::TextBlock(commands::CommandTags(command.name, args)));
  if (preceding.is_array()) {
    for (const Json& b : preceding.items()) content.Push(b);
  }
  Json blocks = PromptMessagesToBlocks(*messages, command.server);
  for (const Json& b : blocks.items()) content.Push(b);
  return content;
}

}  // namespace runner::cli
