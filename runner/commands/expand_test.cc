#include "runner/commands/expand.h"

#include <gtest/gtest.h>

#include "runner/testing/scratch_tree.h"

namespace runner::commands {
namespace {

namespace fs = std::filesystem;
using base::Json;

class ExpandTest : public ::testing::Test {
 protected:
  ExpandTest() {
    in_.cwd = tree_.root();
    in_.session_id = "sess-1";
    in_.policy.cwd = tree_.root().string();
    in_.policy.working_dirs = {tree_.root().string()};
    in_.processes = &processes_;
    in_.env = {{"PATH", "/usr/bin:/bin"}, {"HOME", tree_.root().string()}};
  }
  CommandDef Command(const std::string& text, CommandScope scope = CommandScope::kProject) {
    return ParseCommandFile(text, "review-pr", tree_ / ".claude/commands/review-pr.md", scope);
  }
  static std::vector<std::string> Texts(const Json& content) {
    std::vector<std::string> out;
    for (const Json& b : content.items()) out.push_back(b["text"].AsString());
    return out;
  }
  testing::ScratchTree tree_;
  exec::PosixProcessRunner processes_;
  ExpandInputs in_;
};

using Texts_ = std::vector<std::string>;

TEST_F(ExpandTest, TagsThenTheSubstitutedPrompt) {
  auto e = Expand(Command("Review PR #$ARGUMENTS (session ${CLAUDE_SESSION_ID})."), "12", in_);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(Texts(e->content),
            (Texts_{"<command-message>review-pr</command-message>\n<command-name>/review-pr</command-name>\n"
                    "<command-args>12</command-args>",
                    "Review PR #12 (session sess-1)."}));
  auto bare = Expand(Command("Summarize."), "", in_);
  ASSERT_TRUE(bare);
  EXPECT_EQ(Texts(bare->content).at(0),
            "<command-message>review-pr</command-message>\n<command-name>/review-pr</command-name>");
}

TEST_F(ExpandTest, AllowedSnippetsRunInTheWorkingDirectory) {
  tree_.Write("marker.txt", "hello from the project\n");
  auto e = Expand(Command("---\nallowed-tools: Bash(cat:*), Bash(echo:*)\n---\n"
                          "File: !`cat marker.txt`\nArgs: !`echo $ARGUMENTS`\n```!\necho block >&2\n```\n"),
                  "a b", in_);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(Texts(e->content).at(1), "File: hello from the project\nArgs: a b\n[stderr]\nblock\n");
}

TEST_F(ExpandTest, ADeniedSnippetStopsEverythingBeforeAnythingRuns) {
  auto e = Expand(Command("---\nallowed-tools: Bash(touch:*)\n---\n!`touch ran.txt` then !`curl https://x.test`"),
                  "", in_);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message,
            "Shell command permission check failed for pattern \"!`curl https://x.test`\": Claude requested "
            "permissions to use Bash, but you haven't granted it yet.");
  EXPECT_FALSE(fs::exists(tree_ / "ran.txt"));
}

TEST_F(ExpandTest, SessionRulesApplyAndDenyRulesBeatAllowedTools) {
  in_.policy.allow = permissions::CliRuleEntries({"Bash(echo:*)"}, in_.cwd.string());
  auto allowed = Expand(Command("!`echo session-rule`"), "", in_);
  ASSERT_TRUE(allowed) << allowed.error().message;
  EXPECT_EQ(Texts(allowed->content).at(1), "session-rule");
  in_.policy.deny = permissions::CliRuleEntries({"Bash(echo:*)"}, in_.cwd.string());
  auto denied = Expand(Command("---\nallowed-tools: Bash(echo:*)\n---\n!`echo hi`"), "", in_);
  ASSERT_FALSE(denied);
  EXPECT_NE(denied.error().message.find("has been denied by the rule"), std::string::npos) << denied.error().message;
}

TEST_F(ExpandTest, FailingSnippetsFailTheCommandButGrepMayFindNothing) {
  in_.policy.mode = permissions::PermissionMode::kBypassPermissions;
  auto failed = Expand(Command("x !`echo oops >&2; exit 3`"), "", in_);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "Shell command failed for pattern \"!`echo oops >&2; exit 3`\": [stderr]\noops");
  tree_.Write("a.txt", "alpha\n");
  auto grep = Expand(Command("found: !`grep beta a.txt`."), "", in_);
  ASSERT_TRUE(grep) << grep.error().message;
  EXPECT_EQ(Texts(grep->content).at(1), "found: .");
}

TEST_F(ExpandTest, PolicyCanDisableSnippetsExceptInManagedCommands) {
  in_.shell_disabled = true;
  auto e = Expand(Command("a !`touch ran.txt` b"), "", in_);
  ASSERT_TRUE(e);
  EXPECT_EQ(Texts(e->content).at(1), "a [shell command execution disabled by policy] b");
  EXPECT_FALSE(fs::exists(tree_ / "ran.txt"));
  in_.policy.mode = permissions::PermissionMode::kBypassPermissions;
  auto managed = Expand(Command("a !`echo ok` b", CommandScope::kManaged), "", in_);
  ASSERT_TRUE(managed);
  EXPECT_EQ(Texts(managed->content).at(1), "a ok b");
}

TEST_F(ExpandTest, MentionedFilesAreAttachedAfterThePrompt) {
  tree_.Write("src/helpers.js", "export {}\n");
  auto e = Expand(Command("Review @src/helpers.js and @missing.js"), "", in_);
  ASSERT_TRUE(e);
  Texts_ texts = Texts(e->content);
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts[2], "<system-reminder>\nCalled the Read tool with the following input: {\"file_path\":\"" +
                          (tree_ / "src/helpers.js").string() + "\"}\n</system-reminder>");
  EXPECT_EQ(texts[3], "<system-reminder>\nResult of calling the Read tool:\n     1\texport {}\n</system-reminder>");
  EXPECT_EQ(e->attached_files, (std::vector<fs::path>{tree_ / "src/helpers.js"}));
}

TEST_F(ExpandTest, PrecedingBlocksGoBeforeThePrompt) {
  Json image = base::JsonObject({{"type", "image"}, {"source", base::JsonObject({{"type", "base64"}})}});
  auto e = Expand(Command("Describe."), "", in_, base::JsonArray({image}));
  ASSERT_TRUE(e);
  ASSERT_EQ(e->content.size(), 3u);
  EXPECT_EQ(e->content.at(1), image);
  EXPECT_EQ(e->content.at(2)["text"].AsString(), "Describe.");
}

TEST_F(ExpandTest, UnreadableFrontmatterIsAConfigError) {
  auto e = Expand(Command("---\nmodel:\n  - [x\n---\nBody"), "", in_);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().kind, base::ErrorKind::kConfig);
  EXPECT_NE(e.error().message.find("cannot run /review-pr: "), std::string::npos) << e.error().message;
}

}  // namespace
}  // namespace runner::commands
