#include "runner/tools/tool.h"

namespace runner::tools {

ToolResult ToolResult::Error(std::string_view message) {
  ToolResult result;
  result.content = "<tool_use_error>" + std::string(message) + "</tool_use_error>";
  result.is_error = true;
  result.structured = "Error: " + std::string(message);
  return result;
}

}  // namespace runner::tools
