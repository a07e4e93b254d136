#include "runner/tools/registry.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace runner::tools {
namespace {

TEST(Registry, ListsBuiltinToolsInOrder) {
  std::vector<std::string> names;
  for (const auto& tool : BuildBuiltinTools()) names.emplace_back(tool->name());
  EXPECT_EQ(names, (std::vector<std::string>{"Bash", "Edit", "ExitPlanMode", "Glob", "Grep", "LS",
                                             "MultiEdit", "NotebookEdit", "Read", "TaskStop",
                                             "TodoWrite", "WebFetch", "WebSearch", "Write"}));
}

// Input schemas are compared with Claude Code's sdk-tools.d.ts in tests/schema/sdk_schema_test.

TEST(Registry, EveryToolHasAnObjectSchemaWithDescribedProperties) {
  for (const auto& tool : BuildBuiltinTools()) {
    SCOPED_TRACE(std::string(tool->name()));
    Json schema = tool->input_schema();
    EXPECT_EQ(schema["type"].AsString(), "object");
    for (const auto& [name, property] : schema["properties"].members()) {
      EXPECT_FALSE(property["description"].AsString().empty()) << name;
    }
  }
}

TEST(Registry, ToolDefinitionHasNameDescriptionAndSchema) {
  for (const auto& tool : BuildBuiltinTools()) {
    Json def = ToolDefinition(*tool);
    EXPECT_EQ(def, base::JsonObject({{"name", tool->name()},
                                     {"description", tool->description()},
                                     {"input_schema", tool->input_schema()}}));
    EXPECT_FALSE(tool->description().empty());
  }
}

TEST(Registry, OnlyToolsWithoutSideEffectsAreReadOnly) {
  const std::set<std::string> read_only = {"ExitPlanMode", "Glob", "Grep", "LS", "Read", "TodoWrite"};
  for (const auto& tool : BuildBuiltinTools()) {
    EXPECT_EQ(tool->IsReadOnly(Json::MakeObject()), read_only.count(std::string(tool->name())) > 0)
        << tool->name();
  }
}

TEST(ToolResult, ErrorWrapsMessageForModelAndStructuredResult) {
  ToolResult r = ToolResult::Error("File does not exist.");
  EXPECT_EQ(r.content, Json("<tool_use_error>File does not exist.</tool_use_error>"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.structured, Json("Error: File does not exist."));
}

}  // namespace
}  // namespace runner::tools
