#include "runner/tools/task_stop_tool.h"

#include "runner/tools/background_shells.h"
#include "runner/tools/schema.h"

namespace runner::tools {

std::string TaskStopTool::description() const {
  return "Stop a background task by its id.\n"
         "- Use it for commands started with Bash `run_in_background` that are no longer "
         "needed, or that hang.\n"
         "- The task's whole process group gets SIGTERM, then SIGKILL if it does not exit.\n"
         "- What the task wrote so far stays in its output file.";
}

Json TaskStopTool::input_schema() const {
  return ObjectSchema({{"task_id", "string", "The id of the background task to stop"},
                       {"shell_id", "string", "Deprecated: the same as task_id"}},
                      {});
}

ToolResult TaskStopTool::Run(const Json& input, ToolContext& ctx) {
  if (auto error = ValidateInput(name(), input_schema(), input)) return ToolResult::Error(*error);
  std::string id = input["task_id"].StringOr(input["shell_id"].AsString());
  if (id.empty()) return ToolResult::Error("Missing required parameter: task_id");
  if (ctx.background == nullptr) {
    return ToolResult::Error("No background task found with ID: " + id);
  }
  auto task = ctx.background->Stop(id);
  if (!task) return ToolResult::Error(task.error().message);
  std::string message = "Successfully stopped task: " + task->id + " (" + task->command + ")";
  ToolResult result;
  result.content = message;
  result.structured = base::JsonObject({{"message", message},
                                        {"task_id", task->id},
                                        {"task_type", "local_bash"},
                                        {"command", task->command}});
  return result;
}

}  // namespace runner::tools
