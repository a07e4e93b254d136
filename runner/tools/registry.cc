#include "runner/tools/registry.h"

#include "runner/tools/bash_tool.h"
#include "runner/tools/edit_tool.h"
#include "runner/tools/read_tool.h"
#include "runner/tools/write_tool.h"

namespace runner::tools {

std::vector<std::unique_ptr<Tool>> BuildBuiltinTools() {
  std::vector<std::unique_ptr<Tool>> tools;
  tools.push_back(std::make_unique<BashTool>());
  tools.push_back(std::make_unique<EditTool>());
  tools.push_back(std::make_unique<ReadTool>());
  tools.push_back(std::make_unique<WriteTool>());
  return tools;
}

Json ToolDefinition(const Tool& tool) {
  return base::JsonObject({{"name", tool.name()},
                           {"description", tool.description()},
                           {"input_schema", tool.input_schema()}});
}

}  // namespace runner::tools
