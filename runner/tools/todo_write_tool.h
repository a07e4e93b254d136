#pragma once
/// TodoWrite: the model's task list for the session. Each call sends the whole list; it replaces
/// ToolSession::todos (an all-completed list is stored as empty, so a finished list does not
/// linger) and returns `{oldTodos, newTodos}` as TodoWriteOutput in sdk-tools.d.ts. It changes
/// nothing outside the session, so it is read-only and needs no permission.

#include "runner/tools/tool.h"

namespace runner::tools {

class TodoWriteTool : public Tool {
 public:
  std::string_view name() const override { return "TodoWrite"; }
  std::string description() const override;
  Json input_schema() const override;
  bool IsReadOnly(const Json& input) const override { return true; }
  ToolResult Run(const Json& input, ToolContext& ctx) override;
};

}  // namespace runner::tools
