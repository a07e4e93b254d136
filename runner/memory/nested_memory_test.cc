#include "runner/memory/nested_memory.h"

#include <gtest/gtest.h>

#include <thread>

#include "runner/testing/scratch_tree.h"

namespace runner::memory {
namespace {

namespace fs = std::filesystem;

class NestedTree : public ::testing::Test {
 protected:
  NestedTree() {
    in_.cwd = tree_ / "repo";
    in_.managed_dir = tree_ / "etc";
    in_.home = tree_ / "home";
    fs::create_directories(in_.cwd);
  }
  std::vector<std::string> Paths(const std::vector<MemoryFile>& files) {
    std::vector<std::string> out;
    for (const MemoryFile& f : files) out.push_back(f.path.lexically_relative(tree_.root()).string());
    return out;
  }
  testing::ScratchTree tree_;
  MemoryInputs in_;
};

using Lines = std::vector<std::string>;

TEST_F(NestedTree, ReadingAFileBringsTheCLAUDEmdFilesOnTheWayDownOnce) {
  tree_.Write("repo/CLAUDE.md", "top: loaded at start");
  tree_.Write("repo/src/CLAUDE.md", "src rules @conventions.md");
  tree_.Write("repo/src/conventions.md", "conventions");
  tree_.Write("repo/src/net/.claude/CLAUDE.md", "net rules");
  tree_.Write("repo/src/net/CLAUDE.local.md", "my net notes");
  tree_.Write("repo/src/net/socket.cc", "int x;");
  NestedMemory nested(in_, LoadStartupMemory(in_));
  std::vector<MemoryFile> first = nested.ForRead(tree_ / "repo/src/net/socket.cc");
  EXPECT_EQ(Paths(first), (Lines{"repo/src/CLAUDE.md", "repo/src/conventions.md",
                                 "repo/src/net/.claude/CLAUDE.md", "repo/src/net/CLAUDE.local.md"}));
  EXPECT_EQ(first[1].parent, tree_ / "repo/src/CLAUDE.md");
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/src/net/socket.cc").empty());
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/src/other.cc").empty());
}

TEST_F(NestedTree, FilesInTheWorkingDirectoryOrOutsideItBringNothing) {
  tree_.Write("repo/CLAUDE.md", "top");
  tree_.Write("elsewhere/CLAUDE.md", "not ours");
  NestedMemory nested(in_, {});
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/main.cc").empty());
  EXPECT_TRUE(nested.ForRead(tree_ / "elsewhere/x.cc").empty());
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/../elsewhere/x.cc").empty());
}

TEST_F(NestedTree, ReadingAMemoryFileItselfAttachesOnlyTheOthers) {
  tree_.Write("repo/a/CLAUDE.md", "a");
  tree_.Write("repo/a/b/CLAUDE.md", "b");
  NestedMemory nested(in_, {});
  EXPECT_EQ(Paths(nested.ForRead(tree_ / "repo/a/b/CLAUDE.md")), (Lines{"repo/a/CLAUDE.md"}));
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/a/b/c.txt").empty());
}

TEST_F(NestedTree, ImportsMustStayInsideTheWorkingDirectoryAndSourcesApply) {
  tree_.Write("repo/lib/CLAUDE.md", "@../../outside.md @~/mine.md @inside.md");
  tree_.Write("repo/lib/CLAUDE.local.md", "local");
  tree_.Write("repo/lib/inside.md", "inside");
  tree_.Write("outside.md", "outside");
  tree_.Write("home/mine.md", "mine");
  in_.external_imports = true;  // never applies below the working directory
  in_.local = false;
  NestedMemory nested(in_, {});
  EXPECT_EQ(Paths(nested.ForRead(tree_ / "repo/lib/x.h")), (Lines{"repo/lib/CLAUDE.md", "repo/lib/inside.md"}));
}

TEST_F(NestedTree, StartupFilesAreNeverAttachedAgain) {
  tree_.Write("repo/CLAUDE.md", "@docs/CLAUDE.md");
  tree_.Write("repo/docs/CLAUDE.md", "docs, already imported at start");
  NestedMemory nested(in_, LoadStartupMemory(in_));
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/docs/guide.md").empty());
}

TEST_F(NestedTree, ParallelReadsAttachEachFileOnce) {
  tree_.Write("repo/pkg/CLAUDE.md", "pkg");
  NestedMemory nested(in_, {});
  std::vector<size_t> counts(8);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < counts.size(); ++i) {
    threads.emplace_back([&, i] { counts[i] = nested.ForRead(tree_ / ("repo/pkg/f" + std::to_string(i))).size(); });
  }
  for (auto& t : threads) t.join();
  size_t total = 0;
  for (size_t c : counts) total += c;
  EXPECT_EQ(total, 1u);
}

TEST_F(NestedTree, RulesScopedToPathsComeWithAMatchingRead) {
  in_.user_dir = tree_ / "home/.claude";
  tree_.Write("etc/.claude/rules/go.md", "---\npaths: \"**/*.go\"\n---\nmanaged go rule");
  tree_.Write("home/.claude/rules/ts.md", "---\npaths: [\"web/**/*.ts\"]\n---\nuser ts rule");
  tree_.Write("repo/.claude/rules/api.md", "---\npaths:\n  - svc/api/**\n---\napi rule");
  tree_.Write("repo/.claude/rules/always.md", "loaded at start");
  tree_.Write("repo/svc/.claude/rules/local-any.md", "svc rule without paths");
  tree_.Write("repo/svc/.claude/rules/local-go.md", "---\npaths: \"*.go\"\n---\nsvc go rule");
  tree_.Write("repo/svc/.claude/rules/local-py.md", "---\npaths: \"*.py\"\n---\nsvc py rule");
  std::vector<MemoryFile> startup = LoadStartupMemory(in_);
  EXPECT_EQ(Paths(startup), (Lines{"repo/.claude/rules/always.md"}));
  NestedMemory nested(in_, startup);
  EXPECT_EQ(Paths(nested.ForRead(tree_ / "repo/svc/api/server.go")),
            (Lines{"etc/.claude/rules/go.md", "repo/svc/.claude/rules/local-any.md",
                   "repo/svc/.claude/rules/local-go.md", "repo/.claude/rules/api.md"}));
  EXPECT_EQ(Paths(nested.ForRead(tree_ / "repo/web/app/main.ts")), (Lines{"home/.claude/rules/ts.md"}));
  EXPECT_EQ(Paths(nested.ForRead(tree_ / "repo/svc/tool.py")), (Lines{"repo/svc/.claude/rules/local-py.md"}));
  EXPECT_TRUE(nested.ForRead(tree_ / "repo/svc/api/client.go").empty());
}

}  // namespace
}  // namespace runner::memory
