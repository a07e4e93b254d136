#include "runner/commands/shell_snippets.h"

#include <gtest/gtest.h>

namespace runner::commands {
namespace {

TEST(FindShellSnippets, InlineAtLineStartOrAfterWhitespaceAndBlocks) {
  std::string text =
      "- Status: !`git status`\n!`git branch --show-current`\nnot!`this` nor !`` nor !` `\n"
      "```!\nls -1\necho done\n```\ntail !`date`";
  std::vector<ShellSnippet> s = FindShellSnippets(text);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0].command, "git status");
  EXPECT_EQ(s[0].Pattern(text), "!`git status`");
  EXPECT_EQ(s[1].command, "git branch --show-current");
  EXPECT_EQ(s[2].command, "ls -1\necho done");
  EXPECT_EQ(s[2].Pattern(text), "```!\nls -1\necho done\n```");
  EXPECT_EQ(s[3].Pattern(text), "!`date`");
}

TEST(FindShellSnippets, UnclosedPatternsAreText) {
  EXPECT_TRUE(FindShellSnippets("say !`hello").empty());
  EXPECT_TRUE(FindShellSnippets("```!\nnever closed").empty());
}

TEST(FormatSnippetOutput, StdoutThenLabelledStderr) {
  EXPECT_EQ(FormatSnippetOutput("abc123 fix\n", ""), "abc123 fix");
  EXPECT_EQ(FormatSnippetOutput(" out \n", "warn\n"), "out\n[stderr]\nwarn");
  EXPECT_EQ(FormatSnippetOutput("", "only err"), "[stderr]\nonly err");
  EXPECT_EQ(FormatSnippetOutput("\n", " \n"), "");
}

TEST(ExitOneIsNotAFailure, SearchAndDiffCommands) {
  EXPECT_TRUE(ExitOneIsNotAFailure("grep -r TODO src"));
  EXPECT_TRUE(ExitOneIsNotAFailure(" git diff --stat"));
  EXPECT_TRUE(ExitOneIsNotAFailure("diff a b"));
  EXPECT_TRUE(ExitOneIsNotAFailure("find . -name x"));
  EXPECT_FALSE(ExitOneIsNotAFailure("git log"));
  EXPECT_FALSE(ExitOneIsNotAFailure("make test"));
}

}  // namespace
}  // namespace runner::commands
