#include "runner/memory/memory.h"

#include <gtest/gtest.h>

#include "runner/testing/scratch_tree.h"

namespace runner::memory {
namespace {

namespace fs = std::filesystem;

/// A machine: /etc/claude-code (managed), a home with ~/.claude, and a repository with the
/// session starting in repo/app.
class MemoryTree : public ::testing::Test {
 protected:
  MemoryTree() {
    in_.cwd = tree_ / "repo/app";
    in_.managed_dir = tree_ / "etc/claude-code";
    in_.user_dir = tree_ / "home/.claude";
    in_.home = tree_ / "home";
    fs::create_directories(in_.cwd);
  }
  /// (path relative to the tree, type, parent relative to the tree) of each loaded file.
  std::vector<std::string> Loaded() {
    std::vector<std::string> out;
    for (const MemoryFile& f : LoadStartupMemory(in_)) {
      std::string line = f.path.lexically_relative(tree_.root()).string();
      if (!f.parent.empty()) line += " <- " + f.parent.lexically_relative(tree_.root()).string();
      out.push_back(line);
    }
    return out;
  }
  testing::ScratchTree tree_;
  MemoryInputs in_;
};

using Lines = std::vector<std::string>;

TEST_F(MemoryTree, OrdersManagedUserThenProjectDirectoriesFromTheTopDown) {
  tree_.Write("repo/app/CLAUDE.local.md", "app local");
  tree_.Write("repo/app/CLAUDE.md", "app");
  tree_.Write("repo/app/.claude/CLAUDE.md", "app dot-claude");
  tree_.Write("repo/CLAUDE.md", "repo");
  tree_.Write("repo/CLAUDE.local.md", "repo local");
  tree_.Write("home/.claude/CLAUDE.md", "user");
  tree_.Write("etc/claude-code/CLAUDE.md", "managed");
  tree_.Write("repo/app/sub/CLAUDE.md", "below cwd: not loaded at start");
  std::vector<MemoryFile> files = LoadStartupMemory(in_);
  ASSERT_EQ(files.size(), 7u);
  EXPECT_EQ(files[0], (MemoryFile{tree_ / "etc/claude-code/CLAUDE.md", MemoryType::kManaged, "managed", {}}));
  EXPECT_EQ(files[1], (MemoryFile{tree_ / "home/.claude/CLAUDE.md", MemoryType::kUser, "user", {}}));
  EXPECT_EQ(files[2], (MemoryFile{tree_ / "repo/CLAUDE.md", MemoryType::kProject, "repo", {}}));
  EXPECT_EQ(files[3], (MemoryFile{tree_ / "repo/CLAUDE.local.md", MemoryType::kLocal, "repo local", {}}));
  EXPECT_EQ(files[4].path, tree_ / "repo/app/CLAUDE.md");
  EXPECT_EQ(files[5].path, tree_ / "repo/app/.claude/CLAUDE.md");
  EXPECT_EQ(files[6], (MemoryFile{tree_ / "repo/app/CLAUDE.local.md", MemoryType::kLocal, "app local", {}}));
}

TEST_F(MemoryTree, SettingSourcesPickUserProjectAndLocalButNeverManaged) {
  tree_.Write("etc/claude-code/CLAUDE.md", "managed");
  tree_.Write("home/.claude/CLAUDE.md", "user");
  tree_.Write("repo/app/CLAUDE.md", "project");
  tree_.Write("repo/app/CLAUDE.local.md", "local");
  in_.user = in_.project = in_.local = false;
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/CLAUDE.md"}));
  in_.project = true;
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/CLAUDE.md", "repo/app/CLAUDE.md"}));
  in_.project = false;
  in_.user = in_.local = true;
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/CLAUDE.md", "home/.claude/CLAUDE.md", "repo/app/CLAUDE.local.md"}));
  in_.user_dir.reset();  // neither CLAUDE_CONFIG_DIR nor HOME
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/CLAUDE.md", "repo/app/CLAUDE.local.md"}));
}

TEST_F(MemoryTree, ImportsFollowTheirImporterRelativeToItsDirectory) {
  tree_.Write("repo/app/CLAUDE.md", "Rules: @docs/style.md and @./docs/../README\n");
  tree_.Write("repo/app/docs/style.md", "style, see @tabs.md");
  tree_.Write("repo/app/docs/tabs.md", "tabs");
  tree_.Write("repo/app/README", "readme");
  tree_.Write("repo/app/CLAUDE.local.md", "local");
  std::vector<MemoryFile> files = LoadStartupMemory(in_);
  ASSERT_EQ(files.size(), 5u);
  EXPECT_EQ(files[1], (MemoryFile{tree_ / "repo/app/docs/style.md", MemoryType::kProject,
                                  "style, see @tabs.md", tree_ / "repo/app/CLAUDE.md"}));
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "repo/app/docs/style.md <- repo/app/CLAUDE.md",
                             "repo/app/docs/tabs.md <- repo/app/docs/style.md",
                             "repo/app/README <- repo/app/CLAUDE.md", "repo/app/CLAUDE.local.md"}));
}

TEST_F(MemoryTree, ImportsStopAtDepthFive) {
  tree_.Write("repo/app/CLAUDE.md", "@d1.md");
  for (int i = 1; i <= 6; ++i) {
    tree_.Write("repo/app/d" + std::to_string(i) + ".md", "level " + std::to_string(i) + " @d" + std::to_string(i + 1) + ".md");
  }
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "repo/app/d1.md <- repo/app/CLAUDE.md",
                             "repo/app/d2.md <- repo/app/d1.md", "repo/app/d3.md <- repo/app/d2.md",
                             "repo/app/d4.md <- repo/app/d3.md"}));
}

TEST_F(MemoryTree, CyclesAndRepeatsLoadEachFileOnce) {
  tree_.Write("repo/app/CLAUDE.md", "@a.md @b.md");
  tree_.Write("repo/app/a.md", "a imports @b.md and @CLAUDE.md");
  tree_.Write("repo/app/b.md", "b imports @a.md");
  tree_.Write("repo/app/.claude/CLAUDE.md", "also @../a.md");
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "repo/app/a.md <- repo/app/CLAUDE.md",
                             "repo/app/b.md <- repo/app/a.md", "repo/app/.claude/CLAUDE.md"}));
}

TEST_F(MemoryTree, MissingEmptyBinaryAndDirectoryImportsAreSkipped) {
  tree_.Write("repo/app/CLAUDE.md", "@missing.md @empty.md @logo.png @docs @notes.txt");
  tree_.Write("repo/app/empty.md", "---\ntitle: x\n---\n  \n<!-- only a comment -->\n");
  tree_.Write("repo/app/logo.png", "not really a png");
  tree_.Write("repo/app/docs/x.md", "x");
  tree_.Write("repo/app/notes.txt", "notes");
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "repo/app/notes.txt <- repo/app/CLAUDE.md"}));
}

TEST_F(MemoryTree, CodeSpansAndBlocksDoNotImport) {
  tree_.Write("repo/app/CLAUDE.md", "Install `@scope/pkg`.\n```\n@fenced.md\n```\n@real.md\n");
  tree_.Write("repo/app/real.md", "real");
  tree_.Write("repo/app/fenced.md", "fenced");
  tree_.Write("repo/app/scope/pkg", "pkg");
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "repo/app/real.md <- repo/app/CLAUDE.md"}));
}

TEST_F(MemoryTree, HomeImportsAndTheWorkingDirectoryBoundary) {
  tree_.Write("home/.claude/CLAUDE.md", "@~/notes/me.md @/" + (tree_ / "shared/team.md").string().substr(1));
  tree_.Write("home/notes/me.md", "me");
  tree_.Write("shared/team.md", "team");
  tree_.Write("repo/CLAUDE.md", "@app/inside.md @outside.md @~/notes/me.md");
  tree_.Write("repo/outside.md", "outside cwd");
  tree_.Write("repo/app/inside.md", "inside cwd");
  // User memory may import from anywhere; project memory only from inside the working
  // directory unless external imports were approved.
  EXPECT_EQ(Loaded(), (Lines{"home/.claude/CLAUDE.md", "home/notes/me.md <- home/.claude/CLAUDE.md",
                             "shared/team.md <- home/.claude/CLAUDE.md", "repo/CLAUDE.md",
                             "repo/app/inside.md <- repo/CLAUDE.md"}));
  in_.external_imports = true;
  in_.user = false;
  EXPECT_EQ(Loaded(), (Lines{"repo/CLAUDE.md", "repo/app/inside.md <- repo/CLAUDE.md",
                             "repo/outside.md <- repo/CLAUDE.md", "home/notes/me.md <- repo/CLAUDE.md"}));
}

TEST_F(MemoryTree, FrontmatterAndBlockCommentsAreNotPartOfTheContent) {
  tree_.Write("repo/app/CLAUDE.md", "---\npaths: src/**\n---\n<!-- for maintainers -->\n# Rules\nUse tabs.\n");
  std::vector<MemoryFile> files = LoadStartupMemory(in_);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].content, "# Rules\nUse tabs.\n");
}

TEST_F(MemoryTree, SymlinkedFilesImportRelativeToTheirRealDirectory) {
  tree_.Write("shared/rules/CLAUDE.md", "@style.md");
  tree_.Write("shared/rules/style.md", "real style");
  tree_.Write("repo/app/style.md", "wrong style");
  fs::create_symlink(tree_ / "shared/rules/CLAUDE.md", tree_ / "repo/app/CLAUDE.md");
  in_.external_imports = true;
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.md", "shared/rules/style.md <- repo/app/CLAUDE.md"}));
}

TEST_F(MemoryTree, RulesLoadAfterTheirDirectorysCLAUDEmdUnlessScopedToPaths) {
  tree_.Write("etc/claude-code/.claude/rules/security.md", "managed rule");
  tree_.Write("home/.claude/rules/style/tabs.md", "user rule");
  tree_.Write("repo/app/CLAUDE.md", "app");
  tree_.Write("repo/app/CLAUDE.local.md", "local");
  tree_.Write("repo/app/.claude/rules/b-testing.md", "testing @../../extra.md");
  tree_.Write("repo/app/.claude/rules/a-api/http.md", "http");
  tree_.Write("repo/app/.claude/rules/scoped.md", "---\npaths: src/**/*.ts\n---\nonly for ts");
  tree_.Write("repo/app/.claude/rules/notes.txt", "not a rule");
  tree_.Write("repo/app/extra.md", "extra");
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/.claude/rules/security.md",
                             "home/.claude/rules/style/tabs.md", "repo/app/CLAUDE.md",
                             "repo/app/.claude/rules/a-api/http.md", "repo/app/.claude/rules/b-testing.md",
                             "repo/app/extra.md <- repo/app/.claude/rules/b-testing.md",
                             "repo/app/CLAUDE.local.md"}));
  in_.user = in_.project = false;
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/.claude/rules/security.md", "repo/app/CLAUDE.local.md"}));
}

TEST_F(MemoryTree, AdditionalDirectoriesLoadLastAsProjectMemory) {
  tree_.Write("repo/app/CLAUDE.local.md", "local");
  tree_.Write("libs/shared/CLAUDE.md", "shared @notes.md");
  tree_.Write("libs/shared/notes.md", "outside cwd: needs approval");
  tree_.Write("libs/shared/.claude/rules/r.md", "rule");
  in_.additional_dirs = {tree_ / "libs/shared"};
  in_.project = false;  // the setting sources do not apply to them
  std::vector<MemoryFile> files = LoadStartupMemory(in_);
  EXPECT_EQ(Loaded(), (Lines{"repo/app/CLAUDE.local.md", "libs/shared/CLAUDE.md", "libs/shared/.claude/rules/r.md"}));
  EXPECT_EQ(files[1].type, MemoryType::kProject);
}

TEST_F(MemoryTree, ExcludedFilesAreSkippedButManagedOnesNever) {
  tree_.Write("etc/claude-code/CLAUDE.md", "managed");
  tree_.Write("repo/CLAUDE.md", "parent repo");
  tree_.Write("repo/app/CLAUDE.md", "app @docs/x.md");
  tree_.Write("repo/app/docs/x.md", "x");
  tree_.Write("repo/app/CLAUDE.local.md", "local");
  in_.excludes = {(tree_ / "repo/CLAUDE.md").string(), "**/docs/*.md", "**/etc/claude-code/*"};
  EXPECT_EQ(Loaded(), (Lines{"etc/claude-code/CLAUDE.md", "repo/app/CLAUDE.md", "repo/app/CLAUDE.local.md"}));
}

}  // namespace
}  // namespace runner::memory
