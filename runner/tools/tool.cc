#include "runner/tools/tool.h"

namespace runner::tools {

ToolResult ToolResult::Error(std::string_view message) {
  ToolResult result;
  result.content = "<tool_use_error>" + std::string(message) + "</tool_use_error>";
  result.is_error = true;
  result.structured = "Error: " + std::string(message);
  return result;
}

permissions::ToolKind PermissionKindOf(const Tool& tool, const Json& input) {
  if (tool.IsReadOnly(input)) return permissions::ToolKind::kReadOnly;
  std::string_view n = tool.name();
  if (n == "Edit" || n == "Write" || n == "MultiEdit" || n == "NotebookEdit") {
    return permissions::ToolKind::kEdit;
  }
  return permissions::ToolKind::kOther;
}

}  // namespace runner::tools
