#include "runner/tools/mcp_result.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

Json Parse(const char* text) { return *Json::Parse(text); }
Json Text(const std::string& t) { return base::JsonObject({{"type", "text"}, {"text", t}}); }

TEST(McpResult, ConvertsEveryContentType) {
  Json result = Parse(R"({"content":[
    {"type":"text","text":"hello"},
    {"type":"image","data":"iVBORw0K","mimeType":"image/png"},
    {"type":"image","data":"PHN2Zz4=","mimeType":"image/svg+xml"},
    {"type":"audio","data":"AAAA","mimeType":"audio/wav"},
    {"type":"resource","resource":{"uri":"demo://doc","mimeType":"text/markdown","text":"# Doc"}},
    {"type":"resource","resource":{"uri":"demo://pic","mimeType":"image/gif","blob":"R0lG"}},
    {"type":"resource","resource":{"uri":"demo://bin","mimeType":"application/gzip","blob":"H4sIAAAA"}},
    {"type":"resource_link","uri":"demo://r/1","name":"one","description":"the first"},
    {"type":"resource_link","uri":"demo://r/2","name":"two"}]})");
  McpContent c = ConvertCallResult(result, "everything");
  EXPECT_FALSE(c.is_error);
  Json expected = base::JsonArray({
      Text("hello"),
      Parse(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0K"}})"),
      Text("[Image from everything (image/svg+xml, 6 bytes) is not shown]"),
      Text("[Audio from everything (audio/wav, 3 bytes) is not shown]"),
      Text("[Resource from everything at demo://doc]\n# Doc"),
      Text("[Resource from everything at demo://pic]"),
      Parse(R"({"type":"image","source":{"type":"base64","media_type":"image/gif","data":"R0lG"}})"),
      Text("[Resource from everything at demo://bin] binary content (application/gzip, 6 bytes) is not shown"),
      Text("[Resource link: one] demo://r/1 (the first)"),
      Text("[Resource link: two] demo://r/2")});
  EXPECT_EQ(c.blocks, expected);
}

TEST(McpResult, StructuredContentOnlyWhenThereIsNoContent) {
  // The usual shape: the JSON also as text. Nothing is added.
  McpContent both = ConvertCallResult(
      Parse(R"({"content":[{"type":"text","text":"{\"temp\": 22}"}],"structuredContent":{"temp":22}})"), "s");
  EXPECT_EQ(both.blocks, base::JsonArray({Text("{\"temp\": 22}")}));
  // Structured content alone becomes text.
  McpContent only = ConvertCallResult(Parse(R"({"content":[],"structuredContent":{"temp":22}})"), "s");
  EXPECT_EQ(only.blocks, base::JsonArray({Text(R"({"temp":22})")}));
  // With other content, the content is what the model gets (no second copy of the data).
  McpContent other = ConvertCallResult(
      Parse(R"({"content":[{"type":"text","text":"22 degrees"}],"structuredContent":{"temp":22}})"), "s");
  EXPECT_EQ(other.blocks, base::JsonArray({Text("22 degrees")}));
}

TEST(McpResult, ErrorsAndEmptyResults) {
  McpContent error = ConvertCallResult(Parse(R"({"content":[{"type":"text","text":"boom"}],"isError":true})"), "s");
  EXPECT_TRUE(error.is_error);
  EXPECT_EQ(error.blocks, base::JsonArray({Text("boom")}));
  McpContent empty = ConvertCallResult(Parse(R"({"content":[]})"), "s");
  EXPECT_EQ(empty.blocks, base::JsonArray({Text("(no content)")}));
}

TEST(McpResult, TruncatesToTheTokenLimitWithANote) {
  Json blocks = base::JsonArray({Text(std::string(300, 'a')), Text(std::string(300, 'b'))});
  EXPECT_EQ(EstimateTokens(blocks), 150);
  Json untouched = blocks;
  EXPECT_FALSE(TruncateToTokens(untouched, 150));
  EXPECT_EQ(untouched, blocks);
  ASSERT_TRUE(TruncateToTokens(blocks, 100));  // 400 characters
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks.at(0)["text"].AsString(), std::string(300, 'a'));
  EXPECT_EQ(blocks.at(1)["text"].AsString(), std::string(100, 'b'));
  EXPECT_NE(blocks.at(2)["text"].AsString().find("limit of 100 tokens (MAX_MCP_OUTPUT_TOKENS)"), std::string::npos);
}

TEST(McpResult, ImagesCountAndAreDroppedWhenTheyDoNotFit) {
  Json image = Parse(R"({"type":"image","source":{"type":"base64","media_type":"image/png","data":"x"}})");
  Json blocks = base::JsonArray({image, Text(std::string(4000, 'c')), image});
  EXPECT_EQ(EstimateTokens(blocks), 1600 * 2 + 1000);
  ASSERT_TRUE(TruncateToTokens(blocks, 2000));
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_EQ(blocks.at(0), image);
  EXPECT_EQ(blocks.at(1)["text"].AsString().size(), 1600u);  // (2000 - 1600) * 4
  EXPECT_EQ(blocks.at(2)["type"].AsString(), "text");
}

}  // namespace
}  // namespace runner::tools
