#include "runner/tools/web_fetch_tool.h"

#include <gtest/gtest.h>

#include "runner/testing/fake_http.h"
#include "runner/testing/fake_provider.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using testing::FakeHttpClient;
using testing::FakeHttpResponse;

protocol::AssistantReply Answer(std::string text) {
  protocol::AssistantReply reply;
  reply.content = base::JsonArray({protocol::TextBlock(std::move(text))});
  reply.stop_reason = "end_turn";
  return reply;
}

FakeHttpResponse Page(std::string body, std::string type = "text/html; charset=utf-8") {
  return FakeHttpClient::Body(200, std::move(body), {{"Content-Type", std::move(type)}});
}

FakeHttpResponse Redirect(int status, std::string location) {
  return FakeHttpClient::Body(status, "", {{"Location", std::move(location)}});
}

class WebFetchToolTest : public ToolTest {
 protected:
  void SetUp() override {
    ToolTest::SetUp();
    ctx_.http = &http_;
    ctx_.provider = &provider_;
    ctx_.small_model = "claude-haiku-test";
  }
  ToolResult Fetch(std::string_view url, std::string_view prompt = "What is it?") {
    Json input = base::JsonObject({{"url", url}, {"prompt", prompt}});
    return tool_.Run(input, ctx_);
  }
  /// The user message text of the side request number `i`.
  std::string AskedText(size_t i = 0) const {
    return provider_.requests().at(i).messages.at(0).content.AsString();
  }

  FakeHttpClient http_;
  testing::FakeProvider provider_;
  int64_t now_ms_ = 1000;
  WebFetchTool tool_{WebCacheOptions{.now_ms = [this] { return now_ms_; }}};
};

TEST_F(WebFetchToolTest, FetchesConvertsAndAsksTheSmallModel) {
  std::string html =
      "<html><head><title>x</title></head><body><h1>Hello</h1>"
      "<p>See <a href=\"/docs\">docs</a>.</p></body></html>";
  http_.Push(Page(html));
  provider_.Add(Answer("It greets you."));

  ToolResult r = Fetch("https://example.com/page#part", "Summarise");

  ASSERT_FALSE(r.is_error) << r.content.Dump();
  ASSERT_EQ(http_.requests().size(), 1u);
  const base::HttpRequest& get = http_.requests()[0];
  EXPECT_EQ(get.method, "GET");
  EXPECT_EQ(get.url, "https://example.com/page");
  EXPECT_EQ(get.timeout_ms, 30000);
  ASSERT_EQ(provider_.requests().size(), 1u);
  const providers::ModelRequest& asked = provider_.requests()[0];
  EXPECT_EQ(asked.model, "claude-haiku-test");
  EXPECT_EQ(asked.max_tokens, 4096);
  EXPECT_EQ(asked.tools, Json::MakeArray());
  EXPECT_EQ(asked.system.size(), 1u);
  ASSERT_EQ(asked.messages.size(), 1u);
  EXPECT_EQ(asked.messages[0].role, "user");
  EXPECT_EQ(AskedText(),
            "Web page content:\n---\n# Hello\n\nSee [docs](https://example.com/docs).\n---\n\n"
            "Summarise");
  EXPECT_EQ(r.content, Json("It greets you."));
  Json expected = base::JsonObject({{"bytes", html.size()},
                                    {"code", 200},
                                    {"codeText", "OK"},
                                    {"result", "It greets you."},
                                    {"durationMs", r.structured["durationMs"]},
                                    {"url", "https://example.com/page#part"}});
  EXPECT_EQ(r.structured, expected);
  EXPECT_TRUE(r.structured["durationMs"].is_int());
}

TEST_F(WebFetchToolTest, PassesPlainTextThrough) {
  http_.Push(Page("line one\n<b>not html</b>\n", "text/plain"));
  provider_.Add(Answer("ok"));
  Fetch("https://example.com/a.txt", "Q");
  EXPECT_EQ(AskedText(), "Web page content:\n---\nline one\n<b>not html</b>\n\n---\n\nQ");
}

TEST_F(WebFetchToolTest, ConvertsLatin1Pages) {
  http_.Push(Page("caf\xE9", "text/plain; charset=ISO-8859-1"));
  provider_.Add(Answer("ok"));
  Fetch("https://example.com/", "Q");
  EXPECT_EQ(AskedText(), "Web page content:\n---\ncaf\u00e9\n---\n\nQ");
}

TEST_F(WebFetchToolTest, UpgradesHttpToHttpsButNotForLoopback) {
  http_.Push(Page("a"));
  http_.Push(Page("b"));
  provider_.Add(Answer("1"));
  provider_.Add(Answer("2"));
  Fetch("http://example.com/x");
  Fetch("http://127.0.0.1:8080/y");
  EXPECT_EQ(http_.requests()[0].url, "https://example.com/x");
  EXPECT_EQ(http_.requests()[1].url, "http://127.0.0.1:8080/y");
}

TEST_F(WebFetchToolTest, RejectsInvalidUrls) {
  EXPECT_EQ(Fetch("example.com").content, ErrorContent("Invalid URL: example.com"));
  EXPECT_EQ(Fetch("ftp://example.com/f").content,
            ErrorContent("Only http and https URLs can be fetched"));
  EXPECT_EQ(Fetch("https://user:pw@example.com/").content,
            ErrorContent("URLs with a user name or password are not fetched"));
  EXPECT_EQ(Fetch("https://example.com/" + std::string(2000, 'a')).content,
            ErrorContent("The URL is longer than 2000 characters"));
  EXPECT_TRUE(http_.requests().empty());
}

TEST_F(WebFetchToolTest, ValidatesInput) {
  ToolResult r = tool_.Run(In(R"({"url":"https://example.com"})"), ctx_);
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: WebFetch failed due to the following "
                                    "issue:\nThe required parameter `prompt` is missing"));
  EXPECT_TRUE(tool_.Run(In(R"({"url":"https://e.com","prompt":"p","offset":-1})"), ctx_).is_error);
}

TEST_F(WebFetchToolTest, ReportsHttpErrorStatus) {
  http_.Push(FakeHttpClient::Body(404, "missing", {{"Content-Type", "text/html"}}));
  ToolResult r = Fetch("https://example.com/nope");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("Request to https://example.com/nope failed with status 404 "
                                    "Not Found"));
  EXPECT_TRUE(provider_.requests().empty());
}

TEST_F(WebFetchToolTest, ReportsNetworkFailure) {
  http_.Push(FakeHttpClient::Transport(base::ErrorKind::kNetwork, "Could not resolve host"));
  ToolResult r = Fetch("https://nowhere.invalid/");
  EXPECT_EQ(r.content,
            ErrorContent("Could not fetch https://nowhere.invalid/: Could not resolve host"));
}

TEST_F(WebFetchToolTest, RefusesNonTextContent) {
  http_.Push(FakeHttpClient::Body(200, "\x89PNG....", {{"Content-Type", "image/png"}}));
  ToolResult r = Fetch("https://example.com/logo.png");
  EXPECT_EQ(r.content, ErrorContent("The response is not text (Content-Type: image/png); WebFetch "
                                    "reads text and HTML pages only"));
  http_.Push(FakeHttpClient::Body(200, "", {{"Content-Type", "application/pdf"}}));
  EXPECT_EQ(Fetch("https://example.com/empty.pdf").content,
            ErrorContent("The response is not text (Content-Type: application/pdf); WebFetch "
                         "reads text and HTML pages only"));
}

TEST_F(WebFetchToolTest, RefusesBodiesOverTenMegabytes) {
  FakeHttpResponse big = Page("");
  big.chunks.assign(11, std::string(1024 * 1024, 'x'));
  http_.Push(std::move(big));
  EXPECT_EQ(Fetch("https://example.com/big").content,
            ErrorContent("The response is larger than 10 MB"));
}

TEST_F(WebFetchToolTest, FollowsSameSiteRedirects) {
  http_.Push(Redirect(301, "/moved"));
  http_.Push(Redirect(302, "https://www.example.com/final"));
  http_.Push(Page("<p>Here</p>"));
  provider_.Add(Answer("found"));
  ToolResult r = Fetch("https://example.com/start");
  EXPECT_FALSE(r.is_error);
  ASSERT_EQ(http_.requests().size(), 3u);
  EXPECT_EQ(http_.requests()[1].url, "https://example.com/moved");
  EXPECT_EQ(http_.requests()[2].url, "https://www.example.com/final");
  EXPECT_EQ(r.structured["code"], Json(200));
}

TEST_F(WebFetchToolTest, ReportsCrossSiteRedirectWithoutFollowing) {
  http_.Push(Redirect(301, "https://other.org/new"));
  ToolResult r = Fetch("https://example.com/old", "Find the price");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(http_.requests().size(), 1u);
  EXPECT_TRUE(provider_.requests().empty());
  std::string expected =
      "The URL redirects to a different host, and WebFetch does not follow that on its own.\n"
      "Original URL: https://example.com/old\nRedirect URL: https://other.org/new\n"
      "Status: 301 Moved Permanently\n\nTo get the content, call WebFetch again with url "
      "\"https://other.org/new\" and the same prompt:\nFind the price";
  EXPECT_EQ(r.content, Json(expected));
  EXPECT_EQ(r.structured["code"], Json(301));
  EXPECT_EQ(r.structured["codeText"], Json("Moved Permanently"));
  EXPECT_EQ(r.structured["result"], Json(expected));
}

TEST_F(WebFetchToolTest, StopsAfterTenRedirects) {
  for (int i = 0; i <= 10; ++i) http_.Push(Redirect(302, "/r" + std::to_string(i)));
  EXPECT_EQ(Fetch("https://example.com/").content,
            ErrorContent("Too many redirects (more than 10)"));
  EXPECT_EQ(http_.requests().size(), 11u);
}

TEST_F(WebFetchToolTest, ReportsRedirectWithoutLocation) {
  http_.Push(FakeHttpClient::Body(302, ""));
  EXPECT_EQ(Fetch("https://example.com/").content,
            ErrorContent("https://example.com/ answered 302 without a usable Location"));
}

TEST_F(WebFetchToolTest, ServesRepeatFetchesFromTheCacheForFifteenMinutes) {
  http_.Push(Page("<p>v1</p>"));
  http_.Push(Page("<p>v2</p>"));
  for (int i = 0; i < 3; ++i) provider_.Add(Answer("a"));
  Fetch("https://example.com/c");
  now_ms_ += 15 * 60 * 1000 - 1;
  Fetch("http://example.com/c", "Another question");
  EXPECT_EQ(http_.requests().size(), 1u);
  EXPECT_EQ(AskedText(1), "Web page content:\n---\nv1\n---\n\nAnother question");
  now_ms_ += 1;
  Fetch("https://example.com/c");
  EXPECT_EQ(http_.requests().size(), 2u);
  EXPECT_EQ(AskedText(2), "Web page content:\n---\nv2\n---\n\nWhat is it?");
}

TEST_F(WebFetchToolTest, ReadsLongPagesInWindowsByOffset) {
  std::string text = std::string(kWebFetchWindowChars - 1, 'a') + "\u00e9" + "tail";
  http_.Push(Page(text, "text/plain"));
  provider_.Add(Answer("first"));
  provider_.Add(Answer("second"));

  ToolResult first = Fetch("https://example.com/long", "Q");
  std::string note =
      "This is characters 0 to 100000 of the page's 100004. To read on, call "
      "WebFetch again with offset 100000.";
  EXPECT_EQ(first.content, Json("first\n\n[" + note + "]"));
  EXPECT_EQ(AskedText(0), "Web page content:\n---\n" + std::string(kWebFetchWindowChars - 1, 'a') +
                              "\u00e9\n---\n\n(" + note + ")\n\nQ");

  Json input = In(R"({"url":"https://example.com/long","prompt":"Q","offset":100000})");
  ToolResult second = tool_.Run(input, ctx_);
  EXPECT_EQ(second.content,
            Json("second\n\n[This is characters 100000 to 100004 of the page's 100004.]"));
  EXPECT_TRUE(AskedText(1).starts_with("Web page content:\n---\ntail\n---\n"));
  EXPECT_EQ(http_.requests().size(), 1u);

  input.Set("offset", 100004);
  EXPECT_EQ(tool_.Run(input, ctx_).content,
            ErrorContent("offset 100004 is past the end of the page text (100004 characters)"));
}

TEST_F(WebFetchToolTest, ReportsAFailedSideRequest) {
  http_.Push(Page("<p>x</p>"));
  ToolResult r = Fetch("https://example.com/");  // the fake provider has no reply scripted
  EXPECT_EQ(r.content, ErrorContent("Could not read the page: no scripted reply left"));
}

TEST_F(WebFetchToolTest, NeedsAnHttpClientAndAModel) {
  ctx_.http = nullptr;
  EXPECT_EQ(Fetch("https://example.com/").content,
            ErrorContent("WebFetch is not available in this run: no HTTP client"));
  ctx_.http = &http_;
  ctx_.provider = nullptr;
  EXPECT_EQ(Fetch("https://example.com/").content,
            ErrorContent("WebFetch is not available in this run: no model to read the page with"));
  ctx_.provider = &provider_;
  ctx_.small_model.clear();
  EXPECT_TRUE(Fetch("https://example.com/").is_error);
}

TEST_F(WebFetchToolTest, SchemaMatchesWebFetchInput) {
  Json schema = tool_.input_schema();
  EXPECT_EQ(schema["required"], base::JsonArray({"url", "prompt"}));
  EXPECT_EQ(schema["properties"]["offset"]["type"], Json("number"));
  EXPECT_EQ(schema["properties"].size(), 3u);
  EXPECT_FALSE(tool_.IsReadOnly(In("{}")));
}

}  // namespace
}  // namespace runner::tools
