#include "runner/permissions/path_rules.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

const PathRoots kRoots{"/repo", "/repo/sub", "/home/u"};

bool Below(std::string_view spec, std::string_view path) {
  return PathPattern(spec, kRoots).Matches(path, PathPattern::Reach::kBelowRoot);
}
bool Anywhere(std::string_view spec, std::string_view path) {
  return PathPattern(spec, kRoots).Matches(path, PathPattern::Reach::kAnywhere);
}

TEST(AbsolutePath, NormalisesLexically) {
  EXPECT_EQ(AbsolutePath("a/./b/../c/", "/w"), "/w/a/c");
  EXPECT_EQ(AbsolutePath("/x//y/", "/w"), "/x/y");
  EXPECT_EQ(AbsolutePath("../../..", "/w/v"), "/");
  EXPECT_EQ(AbsolutePath("/repo/../etc/passwd", "/w"), "/etc/passwd");
  EXPECT_EQ(AbsolutePath("", "/w"), "/w");
}

TEST(IsWithin, ComparesWholeComponents) {
  EXPECT_TRUE(IsWithin("/repo", "/repo"));
  EXPECT_TRUE(IsWithin("/repo/a/b", "/repo"));
  EXPECT_FALSE(IsWithin("/repository", "/repo"));
  EXPECT_FALSE(IsWithin("/etc", "/repo"));
  EXPECT_TRUE(IsWithin("/etc", "/"));
}

TEST(PathPattern, RootsPatternsLikeClaudeCode) {
  EXPECT_TRUE(Below("//etc/passwd", "/etc/passwd"));
  EXPECT_TRUE(Below("~/.ssh/**", "/home/u/.ssh/id_rsa"));
  EXPECT_TRUE(Below("~/.zshrc", "/home/u/.zshrc"));
  EXPECT_TRUE(Below("/docs/**", "/repo/docs/a.md"));  // the settings file's directory
  EXPECT_FALSE(Below("/docs/**", "/docs/a.md"));
  EXPECT_TRUE(Below("./src/**", "/repo/sub/src/x/y.c"));  // the current directory
  EXPECT_TRUE(Below("src/**", "/repo/sub/src/y.c"));
  EXPECT_FALSE(Below("src/**", "/repo/src/y.c"));
}

TEST(PathPattern, FollowsGitignoreGlobbing) {
  EXPECT_TRUE(Below("src/*.c", "/repo/sub/src/a.c"));
  EXPECT_FALSE(Below("src/*.c", "/repo/sub/src/deep/a.c"));
  EXPECT_TRUE(Below("src/**/*.c", "/repo/sub/src/deep/er/a.c"));
  EXPECT_TRUE(Below("src/**/*.c", "/repo/sub/src/a.c"));
  EXPECT_TRUE(Below("docs/", "/repo/sub/docs/a/b.md"));  // a directory covers its contents
  EXPECT_TRUE(Below("docs", "/repo/sub/docs/a/b.md"));
  EXPECT_TRUE(Below("f?le.[ch]", "/repo/sub/file.h"));
  EXPECT_FALSE(Below("f?le.[!ch]", "/repo/sub/file.h"));
  EXPECT_TRUE(Below("**", "/repo/sub/anything"));
}

TEST(PathPattern, LeadingBangNegatesAndBackslashBangIsLiteral) {
  const PathRoots roots{"/repo", "/repo/sub", "/home/u"};
  PathPattern negated("!docs/**", roots);
  EXPECT_TRUE(negated.negated());
  EXPECT_TRUE(negated.Matches("/repo/sub/docs/a.md", PathPattern::Reach::kBelowRoot));
  PathPattern literal("\\!important.txt", roots);
  EXPECT_FALSE(literal.negated());
  EXPECT_TRUE(literal.Matches("/repo/sub/!important.txt", PathPattern::Reach::kBelowRoot));
}

TEST(PathPattern, NameOnlyPatternsReachDependsOnTheRuleKind) {
  EXPECT_TRUE(Below("*.env", "/repo/sub/deep/.env"));
  EXPECT_TRUE(Below(".env", "/repo/sub/.env"));
  EXPECT_FALSE(Below(".env", "/elsewhere/.env"));
  EXPECT_TRUE(Anywhere(".env", "/elsewhere/.env"));
  EXPECT_TRUE(Anywhere("secrets", "/x/secrets/key.pem"));
  EXPECT_FALSE(Anywhere(".env", "/x/.envrc"));
}

}  // namespace
}  // namespace runner::permissions
