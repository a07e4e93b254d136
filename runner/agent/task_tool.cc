#include "runner/agent/task_tool.h"

namespace runner::agent {

using base::Json;

std::string TaskTool::description() const {
  std::string d =
      "Start a subagent that works on a task on its own, with a fresh context, and reports back "
      "one final message. Use it for broad searches or self-contained subtasks; give it a "
      "complete, specific prompt, since it sees nothing of this conversation. Several Task calls "
      "in one message run in parallel.\n\nAvailable agent types (subagent_type):";
  for (const AgentDefinition& a : agents_) d += "\n- " + a.name + ": " + a.description;
  return d;
}

Json TaskTool::input_schema() const {
  static const Json kSchema = *Json::Parse(R"json({
    "type": "object",
    "properties": {
      "description": {"type": "string", "description": "A short (3-5 word) description of the task"},
      "prompt": {"type": "string", "description": "The task for the agent to perform"},
      "subagent_type": {"type": "string", "description": "The type of agent to use (default general-purpose)"},
      "model": {"type": "string", "enum": ["sonnet", "opus", "haiku", "fable"], "description": "Model override for this agent"},
      "effort": {"type": "string", "enum": ["low", "medium", "high", "xhigh", "max"]},
      "run_in_background": {"type": "boolean", "description": "Run the agent in the background; its result arrives later"},
      "name": {"type": "string"},
      "team_name": {"type": "string"},
      "mode": {"type": "string", "enum": ["acceptEdits", "auto", "bypassPermissions", "default", "dontAsk", "plan"]},
      "isolation": {"type": "string", "enum": ["worktree", "remote"]}
    },
    "required": ["description", "prompt"],
    "additionalProperties": false
  })json");
  return kSchema;
}

tools::ToolResult TaskTool::Run(const Json& input, tools::ToolContext& ctx) {
  if (!input["description"].is_string() || !input["prompt"].is_string()) {
    return tools::ToolResult::Error(
        "InputValidationError: Task needs string parameters `description` and `prompt`");
  }
  if (input.Contains("isolation")) {
    return tools::ToolResult::Error("isolation is not supported by claude-runner yet");
  }
  return run_(input, ctx);
}

}  // namespace runner::agent
