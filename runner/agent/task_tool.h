#pragma once
/// The Task tool (AgentInput in sdk-tools.d.ts): runs a subagent with its own context and tool
/// subset and returns its final answer. It lives in agent/ because it runs an Agent.

#include <functional>
#include <vector>

#include "runner/agent/agent_definitions.h"
#include "runner/tools/tool.h"

namespace runner::agent {

/// Runs one subagent call; provided by the parent Agent.
using SubagentRunner = std::function<tools::ToolResult(const base::Json& input, tools::ToolContext& ctx)>;

class TaskTool : public tools::Tool {
 public:
  TaskTool(std::vector<AgentDefinition> agents, SubagentRunner run)
      : agents_(std::move(agents)), run_(std::move(run)) {}
  std::string_view name() const override { return "Task"; }
  std::string description() const override;
  base::Json input_schema() const override;
  /// Subagent calls may run side by side; each of the subagent's own tool calls is checked.
  bool IsReadOnly(const base::Json&) const override { return true; }
  tools::ToolResult Run(const base::Json& input, tools::ToolContext& ctx) override;
  const std::vector<AgentDefinition>& agents() const { return agents_; }

 private:
  std::vector<AgentDefinition> agents_;
  SubagentRunner run_;
};

}  // namespace runner::agent
