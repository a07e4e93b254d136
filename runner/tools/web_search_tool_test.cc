#include "runner/tools/web_search_tool.h"

#include <gtest/gtest.h>

#include "runner/testing/fake_provider.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

protocol::AssistantReply Reply(std::string_view content_json, std::string stop = "end_turn") {
  protocol::AssistantReply reply;
  reply.content = *Json::Parse(content_json);
  reply.stop_reason = std::move(stop);
  return reply;
}

constexpr const char* kSearchReply = R"([
  {"type":"text","text":"I'll search for that."},
  {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"ninja build"}},
  {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[
    {"type":"web_search_result","title":"Ninja","url":"https://ninja-build.org/",
     "encrypted_content":"xx","page_age":null},
    {"type":"web_search_result","title":"Ninja manual","url":"https://ninja-build.org/manual.html",
     "encrypted_content":"yy"}]},
  {"type":"text","text":"Ninja is a small build system "},
  {"type":"text","text":"focused on speed.","citations":[{"type":"web_search_result_location"}]}
])";

class WebSearchToolTest : public ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    ctx_.provider = &provider_;
    ctx_.small_model = "claude-haiku-test";
  }
  ToolResult Search(std::string_view input) { return WebSearchTool().Run(In(input), ctx_); }

  testing::FakeProvider provider_;
};

TEST_F(WebSearchToolTest, SendsTheServerSearchToolAndSummarisesHits) {
  provider_.Add(Reply(kSearchReply));
  ToolResult r = Search(R"({"query":"ninja build","allowed_domains":["ninja-build.org"]})");

  ASSERT_FALSE(r.is_error) << r.content.Dump();
  ASSERT_EQ(provider_.requests().size(), 1u);
  const providers::ModelRequest& sent = provider_.requests()[0];
  EXPECT_EQ(sent.model, "claude-haiku-test");
  EXPECT_EQ(sent.tools, *Json::Parse(R"([{"type":"web_search_20250305","name":"web_search",
      "max_uses":8,"allowed_domains":["ninja-build.org"]}])"));
  ASSERT_EQ(sent.messages.size(), 1u);
  EXPECT_EQ(sent.messages[0].ToJson(), *Json::Parse(R"({"role":"user",
                "content":"Perform a web search for the query: ninja build"})"));

  EXPECT_EQ(r.content, Json("Web search results for \"ninja build\":\n\n"
                            "I'll search for that.\n\n"
                            "Links:\n- [Ninja](https://ninja-build.org/)\n"
                            "- [Ninja manual](https://ninja-build.org/manual.html)\n\n"
                            "Ninja is a small build system focused on speed.\n\n"
                            "Cite the sources you use as markdown links [title](url) in your "
                            "answer."));
  Json expected = *Json::Parse(R"({"query":"ninja build","results":[
      "I'll search for that.",
      {"tool_use_id":"srvtoolu_1","content":[
        {"title":"Ninja","url":"https://ninja-build.org/"},
        {"title":"Ninja manual","url":"https://ninja-build.org/manual.html"}]},
      "Ninja is a small build system focused on speed."],
      "searchCount":1})");
  expected.Set("durationSeconds", r.structured["durationSeconds"]);
  EXPECT_EQ(r.structured, expected);
  EXPECT_TRUE(r.structured["durationSeconds"].is_number());
}

TEST_F(WebSearchToolTest, PassesBlockedDomains) {
  provider_.Add(Reply(R"([{"type":"text","text":"Nothing."}])"));
  Search(R"({"query":"abc","blocked_domains":["spam.example"]})");
  EXPECT_EQ(provider_.requests()[0].tools.at(0)["blocked_domains"],
            base::JsonArray({"spam.example"}));
  EXPECT_FALSE(provider_.requests()[0].tools.at(0).Contains("allowed_domains"));
}

TEST_F(WebSearchToolTest, ReportsSearchErrorsFromTheApiAsResults) {
  provider_.Add(Reply(R"([
    {"type":"server_tool_use","id":"srvtoolu_2","name":"web_search","input":{"query":"x"}},
    {"type":"web_search_tool_result","tool_use_id":"srvtoolu_2",
     "content":{"type":"web_search_tool_result_error","error_code":"max_uses_exceeded"}}])"));
  ToolResult r = Search(R"({"query":"xy"})");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content,
            Json("Web search results for \"xy\":\n\nWeb search error: max_uses_exceeded"));
  EXPECT_EQ(r.structured["results"], base::JsonArray({"Web search error: max_uses_exceeded"}));
}

TEST_F(WebSearchToolTest, ContinuesPausedTurns) {
  provider_.Add(Reply(R"([
    {"type":"server_tool_use","id":"s1","name":"web_search","input":{"query":"q"}},
    {"type":"web_search_tool_result","tool_use_id":"s1",
     "content":[{"type":"web_search_result","title":"A","url":"https://a.test/"}]}])",
                      "pause_turn"));
  provider_.Add(Reply(R"([{"type":"text","text":"Done."}])"));
  ToolResult r = Search(R"({"query":"qq"})");
  ASSERT_EQ(provider_.requests().size(), 2u);
  const auto& second = provider_.requests()[1].messages;
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[1].role, "assistant");
  EXPECT_EQ(second[1].content.size(), 2u);
  EXPECT_EQ(r.structured["results"].size(), 2u);
  EXPECT_EQ(r.structured["searchCount"], Json(1));
}

TEST_F(WebSearchToolTest, SaysSoWhenNothingCameBack) {
  provider_.Add(Reply("[]"));
  ToolResult r = Search(R"({"query":"zz"})");
  EXPECT_EQ(r.content, Json("Web search results for \"zz\":\n\nNo results found."));
  EXPECT_EQ(r.structured["results"], Json::MakeArray());
}

TEST_F(WebSearchToolTest, RejectsBothDomainListsAndShortQueries) {
  EXPECT_EQ(
      Search(R"({"query":"abc","allowed_domains":["a.com"],"blocked_domains":["b.com"]})").content,
      ErrorContent("InputValidationError: WebSearch failed due to the following issue:\n"
                   "Give either allowed_domains or blocked_domains, not both"));
  EXPECT_EQ(Search(R"({"query":"a"})").content,
            ErrorContent("InputValidationError: WebSearch failed due to the following issue:\n"
                         "The parameter `query` must be at least 2 characters long"));
  EXPECT_TRUE(Search(R"({"query":"abc","allowed_domains":"a.com"})").is_error);
  EXPECT_TRUE(Search(R"({"query":"abc","extra":1})").is_error);
  EXPECT_TRUE(Search("{}").is_error);
  EXPECT_TRUE(provider_.requests().empty());
}

TEST_F(WebSearchToolTest, ReportsAFailedSideRequest) {
  ToolResult r = Search(R"({"query":"abc"})");  // no scripted reply: the fake fails
  EXPECT_EQ(r.content, ErrorContent("Web search failed: no scripted reply left"));
}

TEST_F(WebSearchToolTest, NeedsAModel) {
  ctx_.provider = nullptr;
  EXPECT_EQ(Search(R"({"query":"abc"})").content,
            ErrorContent("WebSearch is not available in this run: no model to search with"));
}

TEST_F(WebSearchToolTest, SchemaMatchesWebSearchInput) {
  Json schema = WebSearchTool().input_schema();
  EXPECT_EQ(schema["required"], base::JsonArray({"query"}));
  EXPECT_EQ(schema["properties"]["allowed_domains"]["items"]["type"], Json("string"));
  EXPECT_EQ(schema["properties"].size(), 3u);
  EXPECT_FALSE(WebSearchTool().IsReadOnly(In("{}")));
}

}  // namespace
}  // namespace runner::tools
