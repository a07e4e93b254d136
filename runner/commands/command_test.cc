#include "runner/commands/command.h"

#include <gtest/gtest.h>

namespace runner::commands {
namespace {

using Strings = std::vector<std::string>;

TEST(ParseCommandFile, ReadsTheFrontmatterKeys) {
  CommandDef d = ParseCommandFile(
      "---\n"
      "description: Create a git commit\n"
      "argument-hint: [message]\n"
      "allowed-tools: Bash(git add:*), Bash(git status:*) Read\n"
      "model: haiku\n"
      "arguments: [issue, branch, \"0\"]\n"
      "disable-model-invocation: true\n"
      "context: fork\n"
      "---\n"
      "## Context\n",
      "commit", "/repo/.claude/commands/commit.md", CommandScope::kProject);
  EXPECT_EQ(d.name, "commit");
  EXPECT_EQ(d.body, "## Context\n");
  EXPECT_EQ(d.description, "Create a git commit");
  EXPECT_EQ(d.argument_hint, "[message]");
  EXPECT_EQ(d.allowed_tools, (Strings{"Bash(git add:*)", "Bash(git status:*)", "Read"}));
  EXPECT_EQ(d.model, "haiku");
  EXPECT_EQ(d.argument_names, (Strings{"issue", "branch"}));
  EXPECT_TRUE(d.disable_model_invocation);
  EXPECT_TRUE(d.error.empty());
}

TEST(ParseCommandFile, ListsAndPlainFiles) {
  CommandDef d = ParseCommandFile("---\nallowed-tools:\n  - Bash(git log:*)\n  - \"Read, Grep\"\n"
                                  "arguments: a b\nmodel: inherit\n---\nBody",
                                  "x", "x.md", CommandScope::kUser);
  EXPECT_EQ(d.allowed_tools, (Strings{"Bash(git log:*)", "Read", "Grep"}));
  EXPECT_EQ(d.argument_names, (Strings{"a", "b"}));
  EXPECT_FALSE(d.model);
  CommandDef plain = ParseCommandFile("Just a prompt: $ARGUMENTS\n", "p", "p.md", CommandScope::kProject);
  EXPECT_EQ(plain.body, "Just a prompt: $ARGUMENTS\n");
  EXPECT_TRUE(plain.allowed_tools.empty());
  EXPECT_FALSE(plain.disable_model_invocation);
}

TEST(ParseCommandFile, BadFrontmatterIsRecordedNotFatal) {
  CommandDef d = ParseCommandFile("---\nallowed-tools:\n  - [Bash\n---\nBody\n", "bad", "/c/bad.md",
                                  CommandScope::kProject);
  EXPECT_EQ(d.body, "Body\n");
  EXPECT_NE(d.error.find("/c/bad.md: invalid YAML frontmatter"), std::string::npos) << d.error;
}

}  // namespace
}  // namespace runner::commands
