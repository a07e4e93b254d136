#include "runner/permissions/bash_rules.h"

#include <gtest/gtest.h>

namespace runner::permissions {
namespace {

// The first simple command of `line` (these tests give one command each).
SimpleCommand First(std::string_view line) {
  ShellAnalysis a = SplitShellCommand(line);
  EXPECT_EQ(a.problem, "") << line;
  EXPECT_FALSE(a.commands.empty()) << line;
  return a.commands.empty() ? SimpleCommand{} : a.commands[0];
}

bool Allows(std::string_view spec, std::string_view line) {
  return BashPattern(spec).AllowsCommand(First(line));
}
bool MayMatch(std::string_view spec, std::string_view line) {
  return BashPattern(spec).MayMatchCommand(First(line));
}

TEST(BashPatternAllow, ExactRuleMatchesTheWholeCommandOnly) {
  EXPECT_TRUE(Allows("npm run build", "npm run build"));
  EXPECT_TRUE(Allows("npm run build", "npm   run 'build'"));
  EXPECT_FALSE(Allows("npm run build", "npm run build --prod"));
  EXPECT_FALSE(Allows("npm run build", "npm run"));
  EXPECT_TRUE(Allows(R"(git commit -m "fix bug")", "git commit -m 'fix bug'"));
  EXPECT_FALSE(Allows(R"(git commit -m "fix bug")", "git commit -m fix bug"));
}

TEST(BashPatternAllow, PrefixRuleMatchesWholeLeadingWords) {
  EXPECT_TRUE(Allows("git diff:*", "git diff"));
  EXPECT_TRUE(Allows("git diff:*", "git diff HEAD~1 -- src"));
  EXPECT_FALSE(Allows("git diff:*", "git difftool"));
  EXPECT_FALSE(Allows("git diff:*", "git log"));
  EXPECT_TRUE(Allows("npm run test:*", "npm run test -- --watch"));
  EXPECT_FALSE(Allows("npm run test:*", "npm run test:unit"));
}

TEST(BashPatternAllow, WildcardsFollowClaudeCodesWordBoundaries) {
  EXPECT_TRUE(Allows("ls *", "ls"));
  EXPECT_TRUE(Allows("ls *", "ls -la"));
  EXPECT_FALSE(Allows("ls *", "lsof"));
  EXPECT_TRUE(Allows("ls*", "lsof -i"));
  EXPECT_TRUE(Allows("ls*", "ls -la"));
  EXPECT_TRUE(Allows("* --version", "node --version"));
  EXPECT_FALSE(Allows("* --version", "--version"));
  EXPECT_TRUE(Allows("git * main", "git push origin main"));
  EXPECT_FALSE(Allows("git * main", "git main"));
  EXPECT_TRUE(Allows("npm run test*", "npm run test:unit --ci"));
}

TEST(BashPatternAllow, UnknownWordsOnlyMatchWildcards) {
  EXPECT_TRUE(Allows("git diff:*", "git diff $REF *.c"));
  EXPECT_FALSE(Allows("git diff:*", "git $SUB"));
  EXPECT_FALSE(Allows("git diff:*", "$GIT diff"));
  EXPECT_FALSE(Allows("npm test", "npm te*"));
  EXPECT_FALSE(Allows("git diff:*", "git {diff,rm} x"));
  EXPECT_TRUE(Allows("echo *", "echo $(date)"));
}

TEST(BashPatternAllow, AssignmentsMustBeInTheRule) {
  EXPECT_FALSE(Allows("git diff:*", "FOO=1 git diff"));
  EXPECT_FALSE(Allows("git diff:*", "GIT_EXTERNAL_DIFF=/tmp/x git diff"));
  EXPECT_TRUE(Allows("FOO=1 git diff:*", "FOO=1 git diff --stat"));
}

TEST(BashPatternAllow, LooksThroughSafeWrappersOnly) {
  EXPECT_TRUE(Allows("npm test", "timeout 60 npm test"));
  EXPECT_TRUE(Allows("npm test", "timeout -s KILL --preserve-status 5m nice -n 5 nohup npm test"));
  EXPECT_TRUE(Allows("make:*", "stdbuf -oL make -j4"));
  EXPECT_TRUE(Allows("make:*", "time -p make"));
  EXPECT_FALSE(Allows("npm test", "timeout --weird 60 npm test"));
  EXPECT_FALSE(Allows("npm test", "timeout $T npm test"));
  EXPECT_FALSE(Allows("npm test", "sudo npm test"));
  EXPECT_FALSE(Allows("npm test", "env npm test"));
  EXPECT_FALSE(Allows("npm test", "/usr/bin/time -o out npm test"));
}

TEST(BashPatternMayMatch, MatchesThroughAssignmentsWrappersAndPaths) {
  EXPECT_TRUE(MayMatch("curl:*", "curl https://x"));
  EXPECT_TRUE(MayMatch("curl:*", "FOO=1 curl x"));
  EXPECT_TRUE(MayMatch("curl:*", "/usr/bin/curl x"));
  EXPECT_TRUE(MayMatch("curl:*", "sudo -u root env A=1 timeout 5 curl x"));
  EXPECT_TRUE(MayMatch("curl:*", "xargs -n 1 curl"));
  EXPECT_TRUE(MayMatch("rm -rf:*", "command rm -rf /"));
  EXPECT_FALSE(MayMatch("curl:*", "echo curl"));
  EXPECT_FALSE(MayMatch("curl:*", "curlie x"));
  EXPECT_FALSE(MayMatch("git push:*", "git pull"));
}

TEST(BashPatternMayMatch, UnknownWordsMayBeAnything) {
  EXPECT_TRUE(MayMatch("curl:*", "$CMD https://x"));
  EXPECT_TRUE(MayMatch("curl:*", "{curl,x}"));
  EXPECT_TRUE(MayMatch("curl:*", "$'\\x63url' x"));
  EXPECT_TRUE(MayMatch("git push:*", "git $SUB origin"));
  EXPECT_TRUE(MayMatch("git push origin:*", "git $ARGS"));
  EXPECT_TRUE(MayMatch("curl:*", "$EMPTY curl x"));
  EXPECT_FALSE(MayMatch("curl:*", "echo $HOME"));
}

TEST(BashPattern, VeryLongCommandsAreNeitherAllowedNorLetThroughDenyRules) {
  std::string line = "echo";
  for (int i = 0; i < 5000; ++i) line += " a";
  EXPECT_FALSE(Allows("echo:*", line));
  EXPECT_TRUE(MayMatch("curl:*", line));
}

TEST(BashPatternMayMatch, SplitsInlineScripts) {
  EXPECT_TRUE(MayMatch("curl:*", "bash -c 'echo hi; curl evil'"));
  EXPECT_TRUE(MayMatch("curl:*", "sh -ec \"ls && curl x\""));
  EXPECT_TRUE(MayMatch("curl:*", "eval curl x"));
  EXPECT_TRUE(MayMatch("curl:*", "env -S 'curl x'"));
  EXPECT_TRUE(MayMatch("curl:*", "sudo bash -c \"bash -c 'curl x'\""));
  EXPECT_TRUE(MayMatch("curl:*", "bash -c \"$SCRIPT\""));
  EXPECT_FALSE(MayMatch("curl:*", "bash -c 'echo hi'"));
  EXPECT_FALSE(MayMatch("curl:*", "bash script.sh"));
}

}  // namespace
}  // namespace runner::permissions
