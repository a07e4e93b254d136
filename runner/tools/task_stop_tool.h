#pragma once
/// TaskStop: stops a background task started by Bash with `run_in_background` (BackgroundShells
/// from ToolContext::background). Takes `task_id`, or the deprecated `shell_id`. Structured
/// result: TaskStopOutput {message, task_id, task_type: "local_bash", command}.

#include "runner/tools/tool.h"

namespace runner::tools {

class TaskStopTool : public Tool {
 public:
  std::string_view name() const override { return "TaskStop"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return false; }
  /// Needs ctx.background. Errors: neither id given, no such task, task not running.
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
