#include "runner/tools/html_lexer.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

TEST(HtmlLexer, DecodesNamedReferences) {
  EXPECT_EQ(DecodeEntities("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"),
            "a & b <c> \"d\" 'e'");
  EXPECT_EQ(DecodeEntities("x&nbsp;y &mdash; &copy;2025"), "x y — ©2025");
}

TEST(HtmlLexer, DecodesNumericReferences) {
  EXPECT_EQ(DecodeEntities("&#39;&#x27;&#X41;&#8364;&#x1F600;"), "''A€😀");
}

TEST(HtmlLexer, ReplacesInvalidCodePoints) {
  EXPECT_EQ(DecodeEntities("&#0;&#xD800;&#x110000;"), "\uFFFD\uFFFD\uFFFD");
}

TEST(HtmlLexer, KeepsUnknownOrUnterminatedReferences) {
  EXPECT_EQ(DecodeEntities("R&D &bogus; &amp &#x; a&b"), "R&D &bogus; &amp &#x; a&b");
}

TEST(HtmlLexer, ScansStartTagsWithAttributes) {
  std::string_view html = R"(x<A HREF="/a?b=1&amp;c=2" data-x='q>r' checked id=main>y)";
  HtmlTag tag;
  size_t end = ScanHtmlTag(html, 1, tag);
  EXPECT_EQ(html.substr(end), "y");
  EXPECT_EQ(tag.name, "a");
  EXPECT_FALSE(tag.closing);
  EXPECT_EQ(tag.attributes,
            (std::vector<std::pair<std::string, std::string>>{
                {"href", "/a?b=1&c=2"}, {"data-x", "q>r"}, {"checked", ""}, {"id", "main"}}));
  EXPECT_EQ(tag.Attribute("id"), "main");
  EXPECT_EQ(tag.Attribute("missing"), "");
}

TEST(HtmlLexer, ScansEndAndSelfClosingTags) {
  HtmlTag end_tag;
  EXPECT_EQ(ScanHtmlTag("</DIV >", 0, end_tag), 7u);
  EXPECT_EQ(end_tag.name, "div");
  EXPECT_TRUE(end_tag.closing);
  HtmlTag br;
  EXPECT_EQ(ScanHtmlTag("<br/>", 0, br), 5u);
  EXPECT_TRUE(br.self_closing);
}

TEST(HtmlLexer, TreatsNonTagsAsTextAndCutTagsAsTheEnd) {
  HtmlTag tag;
  EXPECT_EQ(ScanHtmlTag("< b", 0, tag), std::string_view::npos);
  EXPECT_EQ(ScanHtmlTag("<3", 0, tag), std::string_view::npos);
  std::string_view cut = "<a href=\"unterminated";
  EXPECT_EQ(ScanHtmlTag(cut, 0, tag), cut.size());
  EXPECT_EQ(tag.name, "");
}

TEST(HtmlLexer, SkipsRawTextToTheEndTag) {
  std::string_view html = "<script>if (a</b) {}</SCRIPT >after";
  EXPECT_EQ(html.substr(SkipRawText(html, 8, "script")), "after");
  EXPECT_EQ(SkipRawText("never closed", 0, "style"), 12u);
}

}  // namespace
}  // namespace runner::tools
