#pragma once
/// `--permission-prompt-tool mcp__<server>__<tool>`: an MCP tool decides the calls the rules
/// leave undecided. It is called with `{tool_name, input, tool_use_id}` and must answer with
/// one text block holding JSON: `{"behavior":"allow","updatedInput":{…}}` (the call runs with
/// updatedInput; missing or empty means the input as asked) or
/// `{"behavior":"deny","message":"…"}` (the model gets the message). Anything else, and any
/// failure of the call, denies.

#include "runner/permissions/prompter.h"
#include "runner/tools/mcp_tool.h"

namespace runner::tools {

/// The decision in a permission tool's CallToolResult.
base::Result<permissions::PromptAnswer> ParsePermissionToolResult(const base::Json& result);

class McpPermissionPrompter : public permissions::Prompter {
 public:
  /// `tool` is borrowed and must outlive the prompter.
  explicit McpPermissionPrompter(McpTool& tool) : tool_(tool) {}
  base::Result<permissions::PromptAnswer> Ask(const permissions::PromptRequest& request,
                                              base::CancelToken* cancel) override;

 private:
  McpTool& tool_;
};

}  // namespace runner::tools
