#include "runner/hooks/matcher.h"

#include <gtest/gtest.h>

namespace runner::hooks {
namespace {

Matcher Compiled(std::string_view text,
                 MatcherSeparators separators = MatcherSeparators::kPipeOrComma) {
  auto m = Matcher::Compile(text, separators);
  EXPECT_TRUE(m.has_value()) << text;
  return m.value_or(Matcher());
}

TEST(Matcher, StarEmptyAndBlankMatchEverything) {
  for (std::string_view text : {"*", "", "   "}) {
    Matcher m = Compiled(text);
    EXPECT_EQ(m.kind(), Matcher::Kind::kAll) << text;
    EXPECT_TRUE(m.Matches("Bash"));
    EXPECT_TRUE(m.Matches(""));
  }
  EXPECT_TRUE(Matcher().Matches("anything"));
}

TEST(Matcher, PlainNameIsExactAndCaseSensitive) {
  Matcher m = Compiled("Bash");
  EXPECT_EQ(m.kind(), Matcher::Kind::kExactList);
  EXPECT_TRUE(m.Matches("Bash"));
  EXPECT_FALSE(m.Matches("bash"));
  EXPECT_FALSE(m.Matches("BashOutput"));
  EXPECT_FALSE(m.Matches("MyBash"));
}

TEST(Matcher, PipeAndCommaListsWithSpaces) {
  Matcher pipe = Compiled("Edit|Write");
  Matcher comma = Compiled("Edit, Write");
  Matcher mixed = Compiled(" Edit |MultiEdit,  Write ");
  EXPECT_EQ(pipe.names(), (std::vector<std::string>{"Edit", "Write"}));
  EXPECT_EQ(comma.names(), (std::vector<std::string>{"Edit", "Write"}));
  EXPECT_EQ(mixed.names(), (std::vector<std::string>{"Edit", "MultiEdit", "Write"}));
  EXPECT_TRUE(comma.Matches("Write"));
  EXPECT_FALSE(comma.Matches("Edit, Write"));
  EXPECT_FALSE(pipe.Matches("Read"));
}

TEST(Matcher, EmptyListItemsAreDropped) {
  EXPECT_EQ(Compiled("Edit||Write,").names(), (std::vector<std::string>{"Edit", "Write"}));
}

TEST(Matcher, PipeOnlyEventsKeepCommaLiteral) {
  Matcher m = Compiled("rate_limit,server_error|overloaded", MatcherSeparators::kPipeOnly);
  EXPECT_EQ(m.names(), (std::vector<std::string>{"rate_limit,server_error", "overloaded"}));
  EXPECT_FALSE(m.Matches("rate_limit"));
  EXPECT_TRUE(m.Matches("overloaded"));
}

TEST(Matcher, McpServerPrefixWithoutRegexCharsIsExact) {
  // sdk hooks docs: `mcp__memory` is compared as an exact string and matches no tool.
  Matcher m = Compiled("mcp__memory");
  EXPECT_EQ(m.kind(), Matcher::Kind::kExactList);
  EXPECT_FALSE(m.Matches("mcp__memory__create_entities"));
}

TEST(Matcher, RegexIsAnUnanchoredSearch) {
  Matcher dot = Compiled("Notebook.*");
  EXPECT_EQ(dot.kind(), Matcher::Kind::kRegex);
  EXPECT_TRUE(dot.Matches("NotebookEdit"));
  EXPECT_TRUE(dot.Matches("MyNotebookEdit"));  // a search, not a full match

  Matcher anchored = Compiled("^Notebook");
  EXPECT_TRUE(anchored.Matches("NotebookEdit"));
  EXPECT_FALSE(anchored.Matches("MyNotebookEdit"));

  Matcher mcp = Compiled("mcp__memory__.*");
  EXPECT_TRUE(mcp.Matches("mcp__memory__create_entities"));
  EXPECT_FALSE(mcp.Matches("mcp__filesystem__read_file"));

  Matcher writes = Compiled("mcp__.*__write.*");
  EXPECT_TRUE(writes.Matches("mcp__fs__write_file"));
  EXPECT_FALSE(writes.Matches("mcp__fs__read_file"));
}

TEST(Matcher, RegexAlternationAndFullAnchors) {
  Matcher m = Compiled("^(Edit|Write)$");
  EXPECT_TRUE(m.Matches("Edit"));
  EXPECT_FALSE(m.Matches("MultiEdit"));
  Matcher ci = Compiled("[Bb]ash");
  EXPECT_TRUE(ci.Matches("bash"));
  EXPECT_TRUE(ci.Matches("Bash"));
}

TEST(Matcher, InvalidRegexIsAConfigErrorNamingIt) {
  auto m = Matcher::Compile("Edit(");
  ASSERT_FALSE(m.has_value());
  EXPECT_EQ(m.error().kind, base::ErrorKind::kConfig);
  EXPECT_NE(m.error().message.find("\"Edit(\""), std::string::npos) << m.error().message;
}

TEST(Matcher, LookbehindIsNotSupportedByStdRegex) {
  // JavaScript accepts `(?<!mcp__)Write`; std::regex ECMAScript does not (documented limit).
  EXPECT_FALSE(Matcher::Compile("(?<!mcp__)Write").has_value());
}

TEST(Matcher, KeepsTheTextAsWritten) {
  EXPECT_EQ(Compiled(" Edit , Write").text(), " Edit , Write");
}

}  // namespace
}  // namespace runner::hooks
