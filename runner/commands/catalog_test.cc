#include "runner/commands/catalog.h"

#include <gtest/gtest.h>

#include "runner/testing/scratch_tree.h"

namespace runner::commands {
namespace {

namespace fs = std::filesystem;

class CatalogTree : public ::testing::Test {
 protected:
  CatalogTree() {
    in_.cwd = tree_ / "home/src/repo/app";
    in_.home = tree_ / "home";
    in_.user_dir = tree_ / "home/.claude";
    in_.managed_dir = tree_ / "etc";
    fs::create_directories(in_.cwd);
    fs::create_directories(tree_ / "home/src/repo/.git");
  }
  std::vector<std::string> Names() {
    std::vector<std::string> out;
    for (const CommandDef& c : LoadCommands(in_)) {
      out.push_back(c.name + " " + c.path.lexically_relative(tree_.root()).string());
    }
    return out;
  }
  testing::ScratchTree tree_;
  CatalogInputs in_;
};

using Lines = std::vector<std::string>;

TEST_F(CatalogTree, FindsManagedUserAndProjectCommandsWithNamespaces) {
  tree_.Write("etc/.claude/commands/policy.md", "p");
  tree_.Write("home/.claude/commands/mine.md", "m");
  tree_.Write("home/src/repo/app/.claude/commands/review-pr.md", "r");
  tree_.Write("home/src/repo/app/.claude/commands/frontend/component.md", "c");
  tree_.Write("home/src/repo/app/.claude/commands/frontend/forms/input.md", "i");
  tree_.Write("home/src/repo/app/.claude/commands/notes.txt", "not a command");
  tree_.Write("home/src/repo/app/.claude/commands/.hidden.md", "hidden");
  tree_.Write("home/src/repo/app/.claude/commands/.drafts/x.md", "hidden dir");
  tree_.Write("home/src/repo/.claude/commands/repo-wide.md", "w");
  EXPECT_EQ(Names(), (Lines{"policy etc/.claude/commands/policy.md",
                            "mine home/.claude/commands/mine.md",
                            "frontend:component home/src/repo/app/.claude/commands/frontend/component.md",
                            "frontend:forms:input home/src/repo/app/.claude/commands/frontend/forms/input.md",
                            "review-pr home/src/repo/app/.claude/commands/review-pr.md",
                            "repo-wide home/src/repo/.claude/commands/repo-wide.md"}));
  std::vector<CommandDef> all = LoadCommands(in_);
  EXPECT_EQ(all[0].scope, CommandScope::kManaged);
  EXPECT_EQ(all[1].scope, CommandScope::kUser);
  EXPECT_EQ(all[2].scope, CommandScope::kProject);
}

TEST_F(CatalogTree, TheProjectWalkStopsAtTheGitRootAndNeverReachesHome) {
  tree_.Write("home/src/.claude/commands/above-git-root.md", "x");
  fs::remove_all(tree_ / "home/src/repo/.git");
  tree_.Write("home/src/.claude/commands/above-repo.md", "y");
  // Without a repository the walk goes up to, not including, the home directory.
  EXPECT_EQ(Names(), (Lines{"above-git-root home/src/.claude/commands/above-git-root.md",
                            "above-repo home/src/.claude/commands/above-repo.md"}));
  fs::create_directories(tree_ / "home/src/repo/.git");
  EXPECT_EQ(Names(), Lines{});
}

TEST_F(CatalogTree, FirstOfANameWinsAndSourcesApply) {
  tree_.Write("home/.claude/commands/deploy.md", "user deploy");
  tree_.Write("home/src/repo/app/.claude/commands/deploy.md", "project deploy");
  std::vector<CommandDef> all = LoadCommands(in_);
  ASSERT_NE(FindCommand(all, "deploy"), nullptr);
  EXPECT_EQ(FindCommand(all, "deploy")->body, "user deploy");
  EXPECT_EQ(FindCommand(all, "nope"), nullptr);
  in_.user = false;
  EXPECT_EQ(FindCommand(LoadCommands(in_), "deploy")->body, "project deploy");
  in_.project = false;
  EXPECT_TRUE(LoadCommands(in_).empty());
}

TEST_F(CatalogTree, SymlinkedFilesCountOnce) {
  fs::path real = tree_.Write("home/src/repo/app/.claude/commands/a.md", "a");
  fs::create_symlink(real, tree_ / "home/src/repo/app/.claude/commands/b.md");
  EXPECT_EQ(Names(), (Lines{"a home/src/repo/app/.claude/commands/a.md"}));
}

}  // namespace
}  // namespace runner::commands
