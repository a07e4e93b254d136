#include "runner/memory/glob.h"

#include <gtest/gtest.h>

namespace runner::memory {
namespace {

using Patterns = std::vector<std::string>;

TEST(GlobMatch, StarsQuestionMarksClassesAndBraces) {
  EXPECT_TRUE(GlobMatch("/repo/*.md", "/repo/CLAUDE.md"));
  EXPECT_FALSE(GlobMatch("/repo/*.md", "/repo/docs/CLAUDE.md"));
  EXPECT_TRUE(GlobMatch("/repo/**/CLAUDE.md", "/repo/CLAUDE.md"));
  EXPECT_TRUE(GlobMatch("/repo/**/CLAUDE.md", "/repo/a/b/CLAUDE.md"));
  EXPECT_TRUE(GlobMatch("**/CLAUDE.local.md", "/home/ci/repo/CLAUDE.local.md"));
  EXPECT_TRUE(GlobMatch("/repo/**", "/repo/a/b"));
  EXPECT_TRUE(GlobMatch("/r?po/.claude/*", "/repo/.claude/CLAUDE.md"));
  EXPECT_FALSE(GlobMatch("/r?po", "/r/po"));
  EXPECT_TRUE(GlobMatch("src/*.{ts,tsx}", "src/a.tsx"));
  EXPECT_FALSE(GlobMatch("src/*.{ts,tsx}", "src/a.js"));
  EXPECT_TRUE(GlobMatch("v[0-9].[!x]", "v1.y"));
  EXPECT_FALSE(GlobMatch("v[0-9].[!x]", "v1.x"));
  EXPECT_TRUE(GlobMatch("a\\*b", "a*b"));
  EXPECT_FALSE(GlobMatch("a\\*b", "axb"));
}

TEST(PathPatternsMatch, AnchoredNamesAndDirectories) {
  EXPECT_TRUE(PathPatternsMatch({"src/**/*.ts"}, "src/api/user.ts"));
  EXPECT_TRUE(PathPatternsMatch({"src/**/*.ts"}, "src/user.ts"));
  EXPECT_FALSE(PathPatternsMatch({"src/**/*.ts"}, "lib/src/user.ts"));
  EXPECT_TRUE(PathPatternsMatch({"*.ts"}, "deep/in/tree/x.ts"));
  EXPECT_TRUE(PathPatternsMatch({"src/api"}, "src/api/handlers/x.go"));
  EXPECT_TRUE(PathPatternsMatch({"tests"}, "pkg/tests/a_test.go"));
  EXPECT_TRUE(PathPatternsMatch({"/docs/"}, "docs/x.md"));
  EXPECT_FALSE(PathPatternsMatch({"docs/*.md"}, "docs/sub/x.md"));
  EXPECT_FALSE(PathPatternsMatch({"*.ts"}, "../outside.ts"));
  EXPECT_FALSE(PathPatternsMatch({"*.ts"}, ""));
  EXPECT_FALSE(PathPatternsMatch({}, "a.ts"));
}

TEST(SplitPathPatterns, CommasOutsideBracesAndDirectorySuffixes) {
  EXPECT_EQ(SplitPathPatterns({"src/**/*.{ts,tsx}, tests/**"}), (Patterns{"src/**/*.{ts,tsx}", "tests"}));
  EXPECT_EQ(SplitPathPatterns({"a/**", " b "}), (Patterns{"a", "b"}));
  EXPECT_EQ(SplitPathPatterns({"**"}), Patterns{});
  EXPECT_EQ(SplitPathPatterns({" , "}), Patterns{});
}

}  // namespace
}  // namespace runner::memory
