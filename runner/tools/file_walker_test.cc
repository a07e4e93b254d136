#include "runner/tools/file_walker.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

class FileWalkerTest : public ToolTest {
 protected:
  /// Sorted root-relative paths of the files the walk yields.
  std::vector<std::string> Walk(const WalkOptions& options = {}) {
    std::mutex mu;
    std::vector<std::string> found;
    WalkEnd end = WalkFiles(dir_, options, &cancel_, [&](const WalkedFile& f, size_t worker) {
      EXPECT_LT(worker, WalkThreads(options));
      EXPECT_EQ(std::string(f.path), (dir_ / f.rel_path).string());
      EXPECT_TRUE(f.rel_path.ends_with(f.name));
      std::lock_guard lock(mu);
      found.emplace_back(f.rel_path);
    });
    EXPECT_EQ(end, WalkEnd::kComplete);
    std::sort(found.begin(), found.end());
    return found;
  }
  void MakeRepo() { std::filesystem::create_directories(dir_ / ".git" / "info"); }
};

using Files = std::vector<std::string>;

TEST_F(FileWalkerTest, YieldsFilesAndSkipsHiddenAndGit) {
  WriteText("a.txt", "");
  WriteText("src/b.c", "");
  WriteText("src/deep/c.h", "");
  WriteText(".hidden", "");
  WriteText(".config/x", "");
  WriteText(".git/HEAD", "");
  EXPECT_EQ(Walk(), (Files{"a.txt", "src/b.c", "src/deep/c.h"}));
}

TEST_F(FileWalkerTest, IncludesHiddenWhenAskedButNeverGit) {
  WriteText("a.txt", "");
  WriteText(".config/x", "");
  WriteText(".git/HEAD", "");
  EXPECT_EQ(Walk({.hidden = HiddenFiles::kInclude}), (Files{".config/x", "a.txt"}));
}

TEST_F(FileWalkerTest, GitignoreAppliesOnlyInARepository) {
  WriteText(".gitignore", "*.log\nbuild/\n");
  WriteText("a.log", "");
  WriteText("build/out.txt", "");
  WriteText("keep.txt", "");
  EXPECT_EQ(Walk(), (Files{"a.log", "build/out.txt", "keep.txt"}));
  MakeRepo();
  EXPECT_EQ(Walk(), (Files{"keep.txt"}));
  EXPECT_EQ(Walk({.ignore_files = IgnoreFiles::kDisregard}),
            (Files{"a.log", "build/out.txt", "keep.txt"}));
}

TEST_F(FileWalkerTest, NestedIgnoreFilesAndNegation) {
  MakeRepo();
  WriteText(".gitignore", "*.gen\n");
  WriteText("pkg/.gitignore", "!keep.gen\n/local/\n");
  WriteText("pkg/keep.gen", "");
  WriteText("pkg/drop.gen", "");
  WriteText("pkg/local/x.txt", "");
  WriteText("local/y.txt", "");
  WriteText("top.gen", "");
  EXPECT_EQ(Walk(), (Files{"local/y.txt", "pkg/keep.gen"}));
}

TEST_F(FileWalkerTest, GitInfoExcludeAndDotIgnoreWithoutGit) {
  WriteText(".ignore", "secret*\n");
  WriteText("secret.txt", "");
  WriteText("public.txt", "");
  EXPECT_EQ(Walk(), (Files{"public.txt"}));
  MakeRepo();
  WriteText(".git/info/exclude", "public.txt\n");
  EXPECT_EQ(Walk(), Files{});
}

TEST_F(FileWalkerTest, IgnoreFileOnlyInASubdirectory) {
  WriteText("sub/.ignore", "x.txt\n");
  WriteText("sub/x.txt", "");
  WriteText("sub/y.txt", "");
  WriteText("x.txt", "");
  EXPECT_EQ(Walk(), (Files{"sub/y.txt", "x.txt"}));
}

TEST_F(FileWalkerTest, ReadsIgnoreFilesOfTheRootsAncestors) {
  MakeRepo();
  WriteText(".gitignore", "sub/skip.txt\n");
  WriteText("sub/skip.txt", "");
  WriteText("sub/keep.txt", "");
  std::vector<std::string> found;
  WalkFiles(dir_ / "sub", {}, nullptr,
            [&](const WalkedFile& f, size_t) { found.emplace_back(f.rel_path); });
  EXPECT_EQ(found, (Files{"keep.txt"}));
}

TEST_F(FileWalkerTest, NeverFollowsSymlinks) {
  WriteText("real/a.txt", "");
  std::filesystem::create_directory_symlink(dir_ / "real", dir_ / "link");
  std::filesystem::create_directory_symlink(dir_, dir_ / "real" / "loop");
  std::filesystem::create_symlink(dir_ / "real" / "a.txt", dir_ / "file-link");
  EXPECT_EQ(Walk(), (Files{"real/a.txt"}));
}

TEST_F(FileWalkerTest, OverridesComeFirstAndTypesFilterFiles) {
  MakeRepo();
  WriteText(".gitignore", "gen.js\n");
  WriteText("gen.js", "");
  WriteText("app.js", "");
  WriteText("app.ts", "");
  WriteText(".eslintrc.js", "");
  auto overrides = GlobOverrides::Parse({"*.js"});
  ASSERT_TRUE(overrides.has_value());
  // A glob override keeps a file even when it is ignored or hidden, as rg -g does.
  EXPECT_EQ(Walk({.overrides = &*overrides}), (Files{".eslintrc.js", "app.js", "gen.js"}));
  auto types = GlobOverrides::Parse({"*.ts"});
  ASSERT_TRUE(types.has_value());
  EXPECT_EQ(Walk({.types = &*types}), (Files{"app.ts"}));
}

TEST_F(FileWalkerTest, ManyDirectoriesOnManyThreads) {
  Files expected;
  for (int d = 0; d < 60; ++d) {
    for (int f = 0; f < 5; ++f) {
      std::string name = "d" + std::to_string(d) + "/sub/f" + std::to_string(f);
      WriteText(name, "");
      expected.push_back(name);
    }
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(Walk({.threads = 4}), expected);
  EXPECT_EQ(Walk({.threads = 1}), expected);
}

TEST_F(FileWalkerTest, StopsWhenCancelled) {
  WriteText("a/b.txt", "");
  cancel_.Cancel(base::CancelReason::kInterrupt);
  size_t seen = 0;
  WalkEnd end = WalkFiles(dir_, {}, &cancel_, [&](const WalkedFile&, size_t) { ++seen; });
  EXPECT_EQ(end, WalkEnd::kCancelled);
  EXPECT_EQ(seen, 0u);
}

TEST_F(FileWalkerTest, MissingRootYieldsNothing) {
  std::vector<FoundFile> files = ListFiles(dir_ / "absent", {}, nullptr);
  EXPECT_TRUE(files.empty());
}

TEST_F(FileWalkerTest, ListFilesReportsModificationTimes) {
  WriteText("x.txt", "x");
  struct stat st {};
  ASSERT_EQ(::stat(PathOf("x.txt").c_str(), &st), 0);
  std::vector<FoundFile> files = ListFiles(dir_, {}, nullptr);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].path, PathOf("x.txt"));
  EXPECT_EQ(files[0].mtime_ns, st.st_mtim.tv_sec * 1'000'000'000LL + st.st_mtim.tv_nsec);
}

TEST(FileWalker, DefaultThreadsAreBounded) {
  EXPECT_GE(DefaultWalkThreads(), 1u);
  EXPECT_LE(DefaultWalkThreads(), 8u);
}

}  // namespace
}  // namespace runner::tools
