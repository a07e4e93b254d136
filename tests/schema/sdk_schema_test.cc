// Every tool's input schema, as sent to the model, against Claude Code's tool types in
// tests/fixtures/sdk-tools.d.ts (a copy of the Agent SDK's sdk-tools.d.ts): the same property
// names, the same required ones, the same JSON types and enum values.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runner/agent/task_tool.h"
#include "runner/tools/mcp_resource_tools.h"
#include "runner/tools/registry.h"
#include "ts_interfaces.h"

namespace runner::schema_test {
namespace {

using base::Json;

// Our tool name → the interface in sdk-tools.d.ts. Tools Claude Code has dropped from today's
// types (LS, MultiEdit) keep their older schema and are checked by their own unit tests.
const std::map<std::string, std::string> kInterfaces = {
    {"Task", "AgentInput"},           {"Bash", "BashInput"},
    {"Edit", "FileEditInput"},        {"Read", "FileReadInput"},
    {"Write", "FileWriteInput"},      {"Glob", "GlobInput"},
    {"Grep", "GrepInput"},            {"TaskStop", "TaskStopInput"},
    {"NotebookEdit", "NotebookEditInput"}, {"TodoWrite", "TodoWriteInput"},
    {"WebFetch", "WebFetchInput"},    {"WebSearch", "WebSearchInput"},
    {"ExitPlanMode", "ExitPlanModeInput"},
    {"ListMcpResourcesTool", "ListMcpResourcesInput"},
    {"ReadMcpResourceTool", "ReadMcpResourceInput"},
};
const std::set<std::string> kOlderSchemas = {"LS", "MultiEdit"};

std::map<std::string, std::vector<TsProperty>> Interfaces() {
  std::ifstream in(std::string(FIXTURES_DIR) + "/sdk-tools.d.ts");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseInterfaces(ss.str());
}

std::string JsonType(const Json& prop) {
  if (prop["type"].is_string()) return prop["type"].AsString() == "integer" ? "number" : prop["type"].AsString();
  if (prop.Contains("enum")) return "string";
  return "any";
}

void CompareTool(const tools::Tool& tool, const std::vector<TsProperty>& ts) {
  SCOPED_TRACE(std::string(tool.name()));
  Json schema = tool.input_schema();
  EXPECT_EQ(schema["type"].AsString(), "object");
  std::set<std::string> ours, theirs, our_required, their_required;
  for (const auto& [k, v] : schema["properties"].members()) ours.insert(k);
  for (const Json& r : schema["required"].items()) our_required.insert(r.AsString());
  for (const TsProperty& p : ts) {
    theirs.insert(p.name);
    if (!p.optional) their_required.insert(p.name);
    const Json& prop = schema["properties"][p.name];
    if (prop.is_null()) continue;
    if (p.json_type != "any") EXPECT_EQ(JsonType(prop), p.json_type) << p.name;
    if (!p.literals.empty()) {
      std::set<std::string> values;
      for (const Json& e : prop["enum"].items()) values.insert(e.AsString());
      EXPECT_EQ(values, p.literals) << p.name;
    }
  }
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(our_required, their_required);
}

TEST(SdkSchemas, ReaderFindsTheKnownInterfaces) {
  auto all = Interfaces();
  ASSERT_TRUE(all.count("GrepInput"));
  bool found_dash_a = false;
  for (const TsProperty& p : all["GrepInput"]) found_dash_a = found_dash_a || (p.name == "-A" && p.optional);
  EXPECT_TRUE(found_dash_a);
  ASSERT_EQ(all["BashInput"].front().name, "command");
  EXPECT_FALSE(all["BashInput"].front().optional);
}

TEST(SdkSchemas, EveryBuiltinToolMatchesClaudeCodesInputType) {
  auto all = Interfaces();
  std::vector<std::unique_ptr<tools::Tool>> builtin = tools::BuildBuiltinTools();
  agent::TaskTool task({}, nullptr);
  mcp::Servers no_servers({}, {}, nullptr);
  tools::ListMcpResourcesTool list_resources(no_servers, {});
  tools::ReadMcpResourceTool read_resource(no_servers, {}, "/nonexistent");
  std::vector<const tools::Tool*> every = {&task, &list_resources, &read_resource};
  for (const auto& t : builtin) every.push_back(t.get());
  for (const tools::Tool* t : every) {
    std::string name(t->name());
    if (kOlderSchemas.count(name)) continue;
    auto it = kInterfaces.find(name);
    ASSERT_NE(it, kInterfaces.end()) << "no sdk-tools.d.ts type mapped for tool " << name;
    ASSERT_TRUE(all.count(it->second)) << it->second;
    CompareTool(*t, all[it->second]);
  }
}

}  // namespace
}  // namespace runner::schema_test
