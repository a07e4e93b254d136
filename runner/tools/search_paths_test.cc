#include "runner/tools/search_paths.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

TEST(SplitAbsoluteGlob, CutsAtTheFirstWildcardComponent) {
  auto split = SplitAbsoluteGlob("/src/app/**/*.ts");
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ(split->dir, "/src/app");
  EXPECT_EQ(split->pattern, "**/*.ts");
  split = SplitAbsoluteGlob("/src/a*/b.c");
  EXPECT_EQ(split->dir, "/src");
  EXPECT_EQ(split->pattern, "a*/b.c");
  split = SplitAbsoluteGlob("/etc/hosts");
  EXPECT_EQ(split->dir, "/etc");
  EXPECT_EQ(split->pattern, "hosts");
  split = SplitAbsoluteGlob("/*.txt");
  EXPECT_EQ(split->dir, "/");
  EXPECT_EQ(split->pattern, "*.txt");
  EXPECT_EQ(SplitAbsoluteGlob("src/**"), std::nullopt);
}

TEST(ResolveSearchPath, UsesTheCurrentDirectory) {
  ToolSession session;
  session.bash_cwd = "/work/repo";
  ToolContext ctx;
  ctx.project_dir = "/work/project";
  EXPECT_EQ(ResolveSearchPath(Json(), ctx), "/work/project");
  ctx.session = &session;
  EXPECT_EQ(ResolveSearchPath(Json(), ctx), "/work/repo");
  EXPECT_EQ(ResolveSearchPath(Json(""), ctx), "/work/repo");
  EXPECT_EQ(ResolveSearchPath(Json("src/../lib/"), ctx), "/work/repo/lib");
  EXPECT_EQ(ResolveSearchPath(Json("/abs//dir/"), ctx), "/abs/dir");
}

TEST(SearchPaths, MessagesAndVcsExclusions) {
  ToolContext ctx;
  ctx.project_dir = "/p";
  EXPECT_EQ(MissingPathMessage("Path", "x", ctx),
            "Path does not exist: x. Note: your current working directory is /p.");
  EXPECT_EQ(VcsExcludeGlobs(),
            (std::vector<std::string>{"!.git", "!.svn", "!.hg", "!.bzr", "!.jj", "!.sl"}));
}

}  // namespace
}  // namespace runner::tools
