#include "runner/tools/html_to_markdown.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

TEST(HtmlToMarkdown, ConvertsHeadingsAndParagraphs) {
  EXPECT_EQ(HtmlToMarkdown("<html><body><h1>Title</h1>\n<p>First\n   paragraph.</p>"
                           "<p>Second</p><h3>Sub</h3>text</body></html>"),
            "# Title\n\nFirst paragraph.\n\nSecond\n\n### Sub\n\ntext");
}

TEST(HtmlToMarkdown, DropsScriptsStylesNavigationAndHead) {
  EXPECT_EQ(HtmlToMarkdown("<!DOCTYPE html><html><head><title>T</title><style>p{}</style>"
                           "</head><body><nav><ul><li>Home</li></ul></nav>"
                           "<script>if (a < b) { x = '</div>'; }</script>"
                           "<!-- note --><p>Body</p><button>Click</button></body></html>"),
            "Body");
}

TEST(HtmlToMarkdown, EndsAnUnclosedHeadAtBody) {
  EXPECT_EQ(HtmlToMarkdown("<head><meta charset=utf-8><body><p>Shown</p>"), "Shown");
}

TEST(HtmlToMarkdown, WritesLinksWithResolvedTargets) {
  LinkResolver resolve = [](std::string_view href) {
    return "https://example.com/" + std::string(href);
  };
  EXPECT_EQ(HtmlToMarkdown("<p>See <a href=\"docs\"> the docs </a>, or "
                           "<a href='#top'>top</a> and <a name=x>anchor</a>.</p>",
                           resolve),
            "See [the docs](https://example.com/docs) , or top and anchor.");
}

TEST(HtmlToMarkdown, KeepsHrefsAsWrittenWithoutResolver) {
  EXPECT_EQ(HtmlToMarkdown("<a href=\"/x?a=1&amp;b=2\">X</a><a href=\"/empty\"> </a>"),
            "[X](/x?a=1&b=2)");
}

TEST(HtmlToMarkdown, WritesNestedAndOrderedLists) {
  EXPECT_EQ(HtmlToMarkdown("<p>Intro</p><ul><li>one</li><li><p>two</p><ul><li>two.a</li>"
                           "</ul></li></ul><ol start=\"3\"><li>three</li><li>four</li></ol>"),
            "Intro\n\n- one\n- two\n  - two.a\n\n3. three\n4. four");
}

TEST(HtmlToMarkdown, DropsEmptyListItems) {
  EXPECT_EQ(HtmlToMarkdown("<ul><li><button>x</button></li><li>kept</li><li> </li></ul>"),
            "- kept");
}

TEST(HtmlToMarkdown, FencesPreformattedTextAndQuotesInlineCode) {
  EXPECT_EQ(HtmlToMarkdown("<p>Run <code>make  all</code> now.</p>"
                           "<pre><code>\nint main() {\n  return 0;\n}\n</code></pre><p>After</p>"),
            "Run `make all` now.\n\n```\nint main() {\n  return 0;\n}\n```\n\nAfter");
}

TEST(HtmlToMarkdown, DecodesEntitiesInText) {
  EXPECT_EQ(HtmlToMarkdown("<p>Fish &amp; chips &mdash; &#163;5&nbsp;each</p>"),
            "Fish & chips — £5 each");
}

TEST(HtmlToMarkdown, WritesTablesAsPipeRows) {
  EXPECT_EQ(HtmlToMarkdown("<table><tr><th>Name</th><th>Size</th></tr>"
                           "<tr><td><p>a.txt</p></td><td>3</td></tr></table>"),
            "| Name | Size |\n| --- | --- |\n| a.txt | 3 |");
}

TEST(HtmlToMarkdown, PrefixesBlockQuotesAndKeepsBreaksAndRules) {
  EXPECT_EQ(HtmlToMarkdown("<blockquote><p>Quoted line</p></blockquote>one<br>two<hr>end"),
            "> Quoted line\n\none\ntwo\n\n---\n\nend");
}

TEST(HtmlToMarkdown, ShowsImagesWithAltTextOnly) {
  EXPECT_EQ(HtmlToMarkdown("<img src=\"a.png\" alt=\"Diagram\"><img src=\"b.png\">"
                           "<img src=\"data:image/png;base64,xx\" alt=\"Inline\">"),
            "![Diagram](a.png)Inline");
}

TEST(HtmlToMarkdown, TreatsAStrayLessThanAsText) {
  EXPECT_EQ(HtmlToMarkdown("<p>1 < 2 and 3 <= 4</p>"), "1 < 2 and 3 <= 4");
}

TEST(HtmlToMarkdown, SurvivesTruncatedMarkup) {
  EXPECT_EQ(HtmlToMarkdown("<p>Start</p><a href=\"x"), "Start");
  EXPECT_EQ(HtmlToMarkdown("<p>Start<script>never closed"), "Start");
}

TEST(HtmlToMarkdown, RecognisesHtmlByTypeOrOpening) {
  EXPECT_TRUE(IsHtml("text/html; charset=utf-8", ""));
  EXPECT_TRUE(IsHtml("application/xhtml+xml", ""));
  EXPECT_FALSE(IsHtml("text/plain", "<html>"));
  EXPECT_TRUE(IsHtml("", "  <!DOCTYPE html><html>"));
  EXPECT_FALSE(IsHtml("", "plain words"));
}

}  // namespace
}  // namespace runner::tools
