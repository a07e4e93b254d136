#include "runner/base/frontmatter.h"

#include <gtest/gtest.h>

namespace runner::base {
namespace {

TEST(Frontmatter, ParsesScalarsAndSequences) {
  auto fm = ParseFrontmatter("---\ndescription: Review\nallowed-tools: [Read, \"Bash(git log:*)\"]\n---\nBody\n");
  ASSERT_TRUE(fm) << fm.error().message;
  EXPECT_EQ(fm->fields, JsonObject({{"description", "Review"},
                                    {"allowed-tools", JsonArray({"Read", "Bash(git log:*)"})}}));
  EXPECT_EQ(fm->body, "Body\n");
}

TEST(Frontmatter, TextWithoutBlockIsAllBody) {
  auto fm = ParseFrontmatter("# Title\n---\n");
  ASSERT_TRUE(fm);
  EXPECT_TRUE(fm->fields.empty());
  EXPECT_EQ(fm->body, "# Title\n---\n");
}

TEST(Frontmatter, UnclosedBlockAndBadYamlAreErrors) {
  EXPECT_FALSE(ParseFrontmatter("---\na: b\n"));
  EXPECT_FALSE(ParseFrontmatter("---\na:\n  - [b\n---\nx"));
  EXPECT_FALSE(ParseFrontmatter("---\n- a\n---\nx"));
}

TEST(Frontmatter, ValuesWithYamlSyntaxGetASecondTryQuoted) {
  auto fm = ParseFrontmatter(
      "---\nargument-hint: [pr-number] [priority]\ndescription: Use src/*.{ts,tsx}: \"now\"\n"
      "allowed-tools: [Read, Grep]\nmodel: 'haiku'\n---\nBody");
  ASSERT_TRUE(fm) << fm.error().message;
  EXPECT_EQ(fm->fields, JsonObject({{"argument-hint", "[pr-number] [priority]"},
                                    {"description", "Use src/*.{ts,tsx}: \"now\""},
                                    {"allowed-tools", JsonArray({"Read", "Grep"})},
                                    {"model", "haiku"}}));
  auto broken_list = ParseFrontmatter("---\nallowed-tools: [Bash\n---\nx");
  ASSERT_TRUE(broken_list);
  EXPECT_EQ(broken_list->fields, JsonObject({{"allowed-tools", "[Bash"}}));
}

TEST(Frontmatter, StripKeepsBodyWithoutParsing) {
  EXPECT_EQ(StripFrontmatter("\xEF\xBB\xBF---\npaths: [\n---\nBody"), "Body");
  EXPECT_EQ(StripFrontmatter("---\r\nx: 1\r\n---\r\nBody\r\n"), "Body\r\n");
  EXPECT_EQ(StripFrontmatter("No block\n---\n"), "No block\n---\n");
  EXPECT_EQ(StripFrontmatter("---\nunclosed\n"), "---\nunclosed\n");
}

}  // namespace
}  // namespace runner::base
