#include "runner/tools/ignore_rules.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

constexpr IgnoreMatch kNone = IgnoreMatch::kNone;
constexpr IgnoreMatch kIgnore = IgnoreMatch::kIgnore;
constexpr IgnoreMatch kWhitelist = IgnoreMatch::kWhitelist;

IgnoreMatch File(std::string_view rules, std::string_view path) {
  return IgnoreRules::Parse(rules).Match(path, false);
}
IgnoreMatch Dir(std::string_view rules, std::string_view path) {
  return IgnoreRules::Parse(rules).Match(path, true);
}

TEST(IgnoreRules, PatternWithoutSlashMatchesNameAtAnyDepth) {
  EXPECT_EQ(File("*.o\n", "main.o"), kIgnore);
  EXPECT_EQ(File("*.o\n", "a/b/main.o"), kIgnore);
  EXPECT_EQ(File("*.o\n", "main.c"), kNone);
  EXPECT_EQ(Dir("build\n", "x/build"), kIgnore);
}

TEST(IgnoreRules, SlashAnchorsToTheFilesDirectory) {
  EXPECT_EQ(File("/todo.txt\n", "todo.txt"), kIgnore);
  EXPECT_EQ(File("/todo.txt\n", "sub/todo.txt"), kNone);
  EXPECT_EQ(File("doc/*.txt\n", "doc/a.txt"), kIgnore);
  EXPECT_EQ(File("doc/*.txt\n", "x/doc/a.txt"), kNone);
  EXPECT_EQ(File("doc/*.txt\n", "doc/sub/a.txt"), kNone);
}

TEST(IgnoreRules, TrailingSlashMatchesDirectoriesOnly) {
  EXPECT_EQ(Dir("out/\n", "out"), kIgnore);
  EXPECT_EQ(Dir("out/\n", "a/out"), kIgnore);
  EXPECT_EQ(File("out/\n", "out"), kNone);
  EXPECT_EQ(Dir("/a/b/\n", "a/b"), kIgnore);
  EXPECT_EQ(Dir("/a/b/\n", "x/a/b"), kNone);
}

TEST(IgnoreRules, DoubleStar) {
  EXPECT_EQ(File("**/logs/*.log\n", "logs/x.log"), kIgnore);
  EXPECT_EQ(File("**/logs/*.log\n", "a/b/logs/x.log"), kIgnore);
  EXPECT_EQ(File("abc/**\n", "abc/x/y"), kIgnore);
  EXPECT_EQ(Dir("abc/**\n", "abc"), kNone);
  EXPECT_EQ(File("a/**/b\n", "a/x/y/b"), kIgnore);
}

TEST(IgnoreRules, LaterRulesWinAndNegationWhitelists) {
  EXPECT_EQ(File("*.log\n!keep.log\n", "keep.log"), kWhitelist);
  EXPECT_EQ(File("*.log\n!keep.log\n", "other.log"), kIgnore);
  EXPECT_EQ(File("!keep.log\n*.log\n", "keep.log"), kIgnore);
}

TEST(IgnoreRules, CommentsBlankLinesAndEscapes) {
  const char* rules =
      "# a comment\n"
      "\n"
      "\\#hash\n"
      "\\!bang\n"
      "trailing   \n"
      "space\\ \n"
      "\\*star\n";
  EXPECT_EQ(File(rules, "# a comment"), kNone);
  EXPECT_EQ(File(rules, "#hash"), kIgnore);
  EXPECT_EQ(File(rules, "!bang"), kIgnore);
  EXPECT_EQ(File(rules, "trailing"), kIgnore);
  EXPECT_EQ(File(rules, "space "), kIgnore);
  EXPECT_EQ(File(rules, "space"), kNone);
  EXPECT_EQ(File(rules, "*star"), kIgnore);
  EXPECT_EQ(File(rules, "xstar"), kNone);
}

TEST(IgnoreRules, CrlfBomAndMalformedLines) {
  IgnoreRules rules = IgnoreRules::Parse("\xEF\xBB\xBF*.tmp\r\n[oops\r\nkeep\r\n");
  EXPECT_EQ(rules.Match("a.tmp", false), kIgnore);
  EXPECT_EQ(rules.Match("keep", false), kIgnore);  // the malformed line is skipped
  EXPECT_EQ(rules.Match("[oops", false), kNone);
}

TEST(GlobOverrides, PlainGlobsKeepAndExcludeTheRestOfTheFiles) {
  auto overrides = GlobOverrides::Parse({"*.js", "!vendor/**"});
  ASSERT_TRUE(overrides.has_value());
  EXPECT_EQ(overrides->Match("a.js", false), kWhitelist);
  EXPECT_EQ(overrides->Match("src/a.js", false), kWhitelist);
  EXPECT_EQ(overrides->Match("vendor/a.js", false), kIgnore);
  EXPECT_EQ(overrides->Match("a.ts", false), kIgnore);
  EXPECT_EQ(overrides->Match("src", true), kNone);  // directories are still entered
}

TEST(GlobOverrides, OnlyExclusionsLeaveOtherFilesAlone) {
  auto overrides = GlobOverrides::Parse({"!.git", "!*.min.js"});
  ASSERT_TRUE(overrides.has_value());
  EXPECT_EQ(overrides->Match(".git", true), kIgnore);
  EXPECT_EQ(overrides->Match("x/app.min.js", false), kIgnore);
  EXPECT_EQ(overrides->Match("app.js", false), kNone);
}

TEST(GlobOverrides, ReportsMalformedGlobs) {
  auto overrides = GlobOverrides::Parse({"*.{js"});
  ASSERT_FALSE(overrides.has_value());
  EXPECT_EQ(overrides.error().message,
            "error parsing glob '*.{js': unclosed alternate group; missing '}'");
}

TEST(GlobOverrides, HashAndBangExclusionsAreLiteral) {
  auto overrides = GlobOverrides::Parse({"!#notes"});
  ASSERT_TRUE(overrides.has_value());
  EXPECT_EQ(overrides->Match("#notes", false), kIgnore);
}

using Texts = std::array<std::string, 4>;

TEST(IgnoreStack, NestedFilesAnchorWhereTheyLive) {
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "/top.txt\n", ""}, true);
  auto sub = IgnoreStack::FromTexts(root, "/r/sub", {"", "", "/local.txt\n!keep.log\n", ""}, false);
  EXPECT_EQ(sub->Match("/r/sub/local.txt", false), kIgnore);
  EXPECT_EQ(sub->Match("/r/local.txt", false), kNone);
  EXPECT_EQ(root->Match("/r/top.txt", false), kIgnore);
  EXPECT_EQ(sub->Match("/r/sub/top.txt", false), kNone);
}

TEST(IgnoreStack, NearerGitignoreOverridesParent) {
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "*.log\n", ""}, true);
  auto sub = IgnoreStack::FromTexts(root, "/r/sub", {"", "", "!keep.log\n", ""}, false);
  EXPECT_EQ(sub->Match("/r/sub/keep.log", false), kWhitelist);
  EXPECT_EQ(sub->Match("/r/sub/other.log", false), kIgnore);
}

TEST(IgnoreStack, GitignoreNeedsARepository) {
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "*.log\n", "*.tmp\n"}, false);
  EXPECT_EQ(root->Match("/r/a.log", false), kNone);
  auto with_ignore = IgnoreStack::FromTexts(nullptr, "/r", {"", "*.log\n", "", ""}, false);
  EXPECT_EQ(with_ignore->Match("/r/a.log", false), kIgnore);
}

TEST(IgnoreStack, GitExcludeAppliesInTheRepository) {
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "", "secret.txt\n"}, true);
  EXPECT_EQ(root->Match("/r/x/secret.txt", false), kIgnore);
}

TEST(IgnoreStack, SourcesHaveRipgrepPrecedence) {
  // .rgignore beats .ignore beats .gitignore, whatever the depth.
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "!a.txt\n", "", ""}, true);
  auto sub = IgnoreStack::FromTexts(root, "/r/s", {"", "", "a.txt\nb.txt\n", ""}, false);
  EXPECT_EQ(sub->Match("/r/s/a.txt", false), kWhitelist);
  EXPECT_EQ(sub->Match("/r/s/b.txt", false), kIgnore);
  auto rg = IgnoreStack::FromTexts(sub, "/r/s/t", {"!b.txt\n", "", "", ""}, false);
  EXPECT_EQ(rg->Match("/r/s/t/b.txt", false), kWhitelist);
}

TEST(IgnoreStack, GitignoreAboveANestedRepositoryDoesNotApply) {
  auto outer = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "*.log\n", ""}, true);
  auto inner = IgnoreStack::FromTexts(outer, "/r/vendor/lib", {"", "", "", ""}, true);
  EXPECT_EQ(inner->Match("/r/vendor/lib/a.log", false), kNone);
  EXPECT_EQ(outer->Match("/r/vendor/a.log", false), kIgnore);
}

TEST(IgnoreStack, ParentRulesSeeTheWholeRelativePath) {
  auto root = IgnoreStack::FromTexts(nullptr, "/r", {"", "", "/sub/gen/\n", ""}, true);
  auto sub = IgnoreStack::FromTexts(root, "/r/sub", {"", "", "", ""}, false);
  EXPECT_EQ(sub->Match("/r/sub/gen", true), kIgnore);
  EXPECT_EQ(sub->Match("/r/sub/gen", false), kNone);
}

TEST(IgnoreStack, RootDirectoryOfTheFilesystem) {
  auto root = IgnoreStack::FromTexts(nullptr, "", {"", "tmp/\n", "", ""}, false);
  EXPECT_EQ(root->Match("/tmp", true), kIgnore);
}

TEST(IgnoreMarkers, NotesOnlyIgnoreFileNames) {
  IgnoreMarkers m;
  for (const char* name : {"a.txt", ".gitignore", ".git", ".gitattributes"}) m.Note(name);
  EXPECT_TRUE(m.gitignore);
  EXPECT_TRUE(m.git);
  EXPECT_FALSE(m.ignore);
  EXPECT_FALSE(m.rgignore);
}

}  // namespace
}  // namespace runner::tools
