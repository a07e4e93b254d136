#pragma once
/// The one list of built-in tools.

#include <memory>
#include <string>
#include <vector>

#include "runner/tools/tool.h"

namespace runner::tools {

/// Every built-in tool, in the order the model sees them.
std::vector<std::unique_ptr<Tool>> BuildBuiltinTools();
/// `{name, description, input_schema}` for the request's `tools` array.
Json ToolDefinition(const Tool& tool);

}  // namespace runner::tools
