#include "runner/tools/glob_tool.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class GlobToolTest : public ToolTest {
 protected:
  ToolResult Glob(std::string_view json) { return GlobTool().Run(In(json), ctx_); }
  ToolResult GlobIn(std::string_view pattern) {
    return GlobTool().Run(base::JsonObject({{"pattern", pattern}, {"path", dir_.string()}}), ctx_);
  }
  void SetMtime(const std::string& name, int64_t seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, PathOf(name).c_str(), times, 0), 0);
  }
  /// The structured result with the timing zeroed, for whole-value comparisons.
  static Json Stable(const ToolResult& r) {
    Json s = r.structured;
    EXPECT_GE(s["durationMs"].AsInt(-1), 0);
    s.Set("durationMs", 0);
    return s;
  }
};

TEST_F(GlobToolTest, SchemaMatchesGlobInput) {
  Json schema = GlobTool().input_schema();
  std::map<std::string, std::string> types;
  for (const auto& [name, prop] : schema["properties"].members()) {
    types[name] = prop["type"].AsString();
  }
  EXPECT_EQ(types, (std::map<std::string, std::string>{{"pattern", "string"}, {"path", "string"}}));
  EXPECT_EQ(schema["required"], *Json::Parse(R"(["pattern"])"));
  EXPECT_TRUE(GlobTool().IsReadOnly(Json::MakeObject()));
}

TEST_F(GlobToolTest, ListsMatchesOldestFirstAsAbsolutePaths) {
  WriteText("src/new.ts", "");
  WriteText("src/deep/old.ts", "");
  WriteText("src/mid.ts", "");
  WriteText("src/skip.js", "");
  SetMtime("src/new.ts", 3000);
  SetMtime("src/deep/old.ts", 1000);
  SetMtime("src/mid.ts", 2000);
  ToolResult r = GlobIn("**/*.ts");
  EXPECT_FALSE(r.is_error);
  std::vector<std::string> expected = {PathOf("src/deep/old.ts"), PathOf("src/mid.ts"),
                                       PathOf("src/new.ts")};
  EXPECT_EQ(r.content, Json(expected[0] + "\n" + expected[1] + "\n" + expected[2]));
  EXPECT_EQ(Stable(r), base::JsonObject(
                           {{"filenames", base::JsonArray({expected[0], expected[1], expected[2]})},
                            {"durationMs", 0},
                            {"numFiles", 3},
                            {"truncated", false},
                            {"totalMatches", 3},
                            {"countIsComplete", true}}));
}

TEST_F(GlobToolTest, PatternsWithoutSlashMatchNamesAtAnyDepth) {
  WriteText("a.md", "");
  WriteText("docs/b.md", "");
  WriteText("docs/c.txt", "");
  SetMtime("a.md", 1);
  SetMtime("docs/b.md", 2);
  EXPECT_EQ(GlobIn("*.md").content, Json(PathOf("a.md") + "\n" + PathOf("docs/b.md")));
  EXPECT_EQ(GlobIn("docs/*").content.AsString().find("a.md"), std::string::npos);
  EXPECT_EQ(GlobIn("docs/*.{md,txt}").structured["numFiles"], Json(2));
}

TEST_F(GlobToolTest, NoFilesFound) {
  WriteText("a.txt", "");
  ToolResult r = GlobIn("**/*.rs");
  EXPECT_EQ(r.content, Json("No files found"));
  EXPECT_EQ(Stable(r), *Json::Parse(R"({"filenames":[],"durationMs":0,"numFiles":0,
      "truncated":false,"totalMatches":0,"countIsComplete":true})"));
}

TEST_F(GlobToolTest, TruncatesAfter100WithANote) {
  for (int i = 0; i < 105; ++i) {
    std::string name = "f" + std::to_string(1000 + i) + ".txt";
    WriteText(name, "");
    SetMtime(name, 1000 + i);
  }
  ToolResult r = GlobIn("*.txt");
  const std::string& text = r.content.AsString();
  EXPECT_TRUE(text.starts_with(PathOf("f1000.txt") + "\n"));
  EXPECT_TRUE(text.ends_with(PathOf("f1099.txt") +
                             "\n(Showing 100 of 105 matching files; 5 more are not listed. "
                             "Narrow the pattern or path to see the rest.)"));
  EXPECT_EQ(r.structured["numFiles"], Json(100));
  EXPECT_EQ(r.structured["truncated"], Json(true));
  EXPECT_EQ(r.structured["totalMatches"], Json(105));
}

TEST_F(GlobToolTest, HonoursIgnoreFilesIncludesHiddenSkipsVcs) {
  std::filesystem::create_directories(dir_ / ".git");
  WriteText(".gitignore", "dist/\n");
  WriteText("dist/app.js", "");
  WriteText(".github/workflows/ci.yml", "");
  WriteText(".git/hooks/x.yml", "");
  WriteText(".hg/store.yml", "");
  WriteText("config.yml", "");
  SetMtime(".github/workflows/ci.yml", 1);
  SetMtime("config.yml", 2);
  EXPECT_EQ(GlobIn("**/*.yml").content,
            Json(PathOf(".github/workflows/ci.yml") + "\n" + PathOf("config.yml")));
  EXPECT_EQ(GlobIn("**/*.js").content, Json("No files found"));
}

TEST_F(GlobToolTest, DefaultsToTheShellsDirectoryAndResolvesRelativePaths) {
  WriteText("sub/a.c", "");
  WriteText("b.c", "");
  {
    std::lock_guard lock(session_.mu);
    session_.bash_cwd = dir_ / "sub";
  }
  EXPECT_EQ(Glob(R"({"pattern":"*.c"})").content, Json(PathOf("sub/a.c")));
  EXPECT_EQ(Glob(R"({"pattern":"*.c","path":".."})").structured["numFiles"], Json(2));
}

TEST_F(GlobToolTest, AbsolutePatternsChooseTheirOwnDirectory) {
  WriteText("x/y/z.go", "");
  WriteText("other.go", "");
  ToolResult r = Glob(R"({"pattern":")" + PathOf("x") + R"(/**/*.go"})");
  EXPECT_EQ(r.content, Json(PathOf("x/y/z.go")));
}

TEST_F(GlobToolTest, MissingOrNonDirectoryPathIsAnError) {
  WriteText("file.txt", "");
  ToolResult missing = Glob(R"({"pattern":"*","path":"/no/such/dir"})");
  EXPECT_TRUE(missing.is_error);
  EXPECT_EQ(missing.content, ErrorContent("Directory does not exist: /no/such/dir. Note: your "
                                          "current working directory is " +
                                          dir_.string() + "."));
  ToolResult file = Glob(R"({"pattern":"*","path":")" + PathOf("file.txt") + "\"}");
  EXPECT_EQ(file.content, ErrorContent("Path is not a directory: " + PathOf("file.txt")));
}

TEST_F(GlobToolTest, InvalidPatternAndInputAreErrors) {
  EXPECT_EQ(GlobIn("src/[oops").content,
            ErrorContent("error parsing glob 'src/[oops': unclosed character class; missing ']'"));
  EXPECT_EQ(Glob(R"({"path":"/tmp"})").content,
            ErrorContent("InputValidationError: Glob failed due to the following issue:\nThe "
                         "required parameter `pattern` is missing"));
}

TEST_F(GlobToolTest, CancelledSearchIsAnError) {
  WriteText("a.txt", "");
  cancel_.Cancel(base::CancelReason::kInterrupt);
  EXPECT_EQ(GlobIn("*").content, ErrorContent("Glob was cancelled"));
}

}  // namespace
}  // namespace runner::tools
