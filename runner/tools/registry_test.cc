#include "runner/tools/registry.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace runner::tools {
namespace {

struct ExpectedParams {
  std::map<std::string, std::string> types;  ///< parameter → JSON Schema type
  std::set<std::string> required;
};

/// Hard-coded from /work/shared/reference/sdk-types/sdk-tools.d.ts (TS `number` → "number").
const std::map<std::string, ExpectedParams>& SdkToolInputs() {
  static const auto* inputs = new std::map<std::string, ExpectedParams>{
      // interface BashInput
      {"Bash",
       {{{"command", "string"},
         {"timeout", "number"},
         {"description", "string"},
         {"run_in_background", "boolean"},
         {"dangerouslyDisableSandbox", "boolean"}},
        {"command"}}},
      // interface FileEditInput
      {"Edit",
       {{{"file_path", "string"},
         {"old_string", "string"},
         {"new_string", "string"},
         {"replace_all", "boolean"}},
        {"file_path", "old_string", "new_string"}}},
      // interface FileReadInput
      {"Read",
       {{{"file_path", "string"},
         {"offset", "number"},
         {"limit", "number"},
         {"pages", "string"},
         {"allow_large", "boolean"}},
        {"file_path"}}},
      // interface FileWriteInput
      {"Write", {{{"file_path", "string"}, {"content", "string"}}, {"file_path", "content"}}},
  };
  return *inputs;
}

TEST(Registry, ListsBuiltinToolsInOrder) {
  std::vector<std::string> names;
  for (const auto& tool : BuildBuiltinTools()) names.emplace_back(tool->name());
  EXPECT_EQ(names, (std::vector<std::string>{"Bash", "Edit", "Read", "Write"}));
}

TEST(Registry, InputSchemasMatchSdkToolTypes) {
  for (const auto& tool : BuildBuiltinTools()) {
    SCOPED_TRACE(std::string(tool->name()));
    const ExpectedParams& expected = SdkToolInputs().at(std::string(tool->name()));
    Json schema = tool->input_schema();
    EXPECT_EQ(schema["type"].AsString(), "object");
    EXPECT_EQ(schema["additionalProperties"], Json(false));
    std::map<std::string, std::string> types;
    for (const auto& [name, property] : schema["properties"].members()) {
      types[name] = property["type"].AsString();
      EXPECT_FALSE(property["description"].AsString().empty()) << name;
    }
    EXPECT_EQ(types, expected.types);
    std::set<std::string> required;
    for (const Json& name : schema["required"].items()) required.insert(name.AsString());
    EXPECT_EQ(required, expected.required);
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

TEST(Registry, OnlyReadIsReadOnly) {
  for (const auto& tool : BuildBuiltinTools()) {
    EXPECT_EQ(tool->IsReadOnly(Json::MakeObject()), tool->name() == "Read") << tool->name();
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
