#pragma once
/// Building and reading control protocol messages (sdk-types/02-control-protocol).

#include <string>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/permissions/prompter.h"

namespace runner::control {

/// `{"type":"control_response","response":{"subtype":"success","request_id":…,"response":…}}`
/// (`payload` null: no `response` member).
base::Json SuccessResponse(const std::string& request_id, base::Json payload);
/// `{"type":"control_response","response":{"subtype":"error","request_id":…,"error":…}}`
base::Json ErrorResponse(const std::string& request_id, const std::string& message);
/// `{"type":"control_cancel_request","request_id":…}`
base::Json CancelRequest(const std::string& request_id);

/// The `can_use_tool` request body for one undecided call, with Claude Code's fields:
/// tool_name, display_name, input, description, permission_suggestions, tool_use_id, and when
/// known agent_id, decision_reason(_type), matched_ask_rule and blocked_path.
base::Json CanUseToolRequest(const permissions::PromptRequest& request);

/// Reads the host's answer to `can_use_tool`: `{"behavior":"allow","updatedInput":…}` or
/// `{"behavior":"deny","message":…,"interrupt":…}`. Anything else is a kParse error.
base::Result<permissions::PromptAnswer> ParsePermissionAnswer(const base::Json& payload);

/// What an `initialize` answer lists.
struct InitializeInfo {
  std::vector<std::string> commands;  ///< slash command names (custom commands)
  struct Agent {
    std::string name, description, model;
  };
  std::vector<Agent> agents;
  std::vector<std::string> models;  ///< model aliases offered
  std::string api_key_source;       ///< "ANTHROPIC_API_KEY", "none", …
  std::string version;
  std::string permission_mode;
};

/// The `initialize` success payload (SDKControlInitializeResponse).
base::Json InitializeResponse(const InitializeInfo& info);

}  // namespace runner::control
