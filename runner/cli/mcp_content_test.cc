#include "runner/cli/mcp_content.h"

#include <gtest/gtest.h>

#include "runner/tools/bash_tool.h"
#include "runner/tools/read_tool.h"

namespace runner::cli {
namespace {

using base::Json;

Json Parse(std::string_view text) {
  auto parsed = Json::Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Json());
}

TEST(McpToolDefinition, GivesTheToolSeamsNameDescriptionAndSchema) {
  tools::ReadTool read;
  Json expected = base::JsonObject({{"name", "Read"},
                                    {"description", read.description()},
                                    {"inputSchema", read.input_schema()},
                                    {"annotations", Parse(R"({"readOnlyHint":true})")}});
  EXPECT_EQ(McpToolDefinition(read), expected);
}

TEST(McpToolDefinition, MarksToolsWithSideEffectsAsNotReadOnly) {
  tools::BashTool bash;
  EXPECT_EQ(McpToolDefinition(bash)["annotations"], Parse(R"({"readOnlyHint":false})"));
}

TEST(McpCallResult, TextBecomesOneTextBlock) {
  tools::ToolResult r;
  r.content = "     1\thello";
  EXPECT_EQ(McpCallResult(r, Json::MakeObject()),
            Parse(R"({"content":[{"type":"text","text":"     1\thello"}]})"));
}

TEST(McpCallResult, ErrorDropsTheToolUseErrorWrapperAndSetsIsError) {
  tools::ToolResult r = tools::ToolResult::Error("File does not exist.");
  EXPECT_EQ(McpCallResult(r, Json::MakeObject()),
            Parse(R"({"content":[{"type":"text","text":"File does not exist."}],"isError":true})"));
}

TEST(McpCallResult, FailedCommandKeepsItsTextAndSetsIsError) {
  tools::ToolResult r;
  r.content = "oops\nExit code 4";
  r.is_error = true;
  EXPECT_EQ(McpCallResult(r, Json::MakeObject()),
            Parse(R"({"content":[{"type":"text","text":"oops\nExit code 4"}],"isError":true})"));
}

TEST(McpCallResult, ImagesAndPdfsBecomeMcpBlocks) {
  tools::ToolResult r;
  r.content = Parse(R"([
    {"type":"text","text":"a notebook cell"},
    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
    {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
    {"type":"tool_reference","tool_name":"x"}])");
  Json expected = Parse(R"({"content":[
    {"type":"text","text":"a notebook cell"},
    {"type":"image","data":"iVBOR","mimeType":"image/png"},
    {"type":"resource","resource":{"uri":"file:///w/doc.pdf","mimeType":"application/pdf","blob":"JVBER"}},
    {"type":"text","text":"{\"type\":\"tool_reference\",\"tool_name\":\"x\"}"}]})");
  EXPECT_EQ(McpCallResult(r, Parse(R"({"file_path":"/w/doc.pdf"})")), expected);
}

}  // namespace
}  // namespace runner::cli
