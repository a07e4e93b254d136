#include "runner/tools/grep_tool.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <map>
#include <set>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class GrepToolTest : public ToolTest {
 protected:
  ToolResult Grep(std::string_view json) { return GrepTool().Run(In(json), ctx_); }
  ToolResult GrepIn(std::string_view json) {
    Json input = In(json);
    input.Set("path", dir_.string());
    return GrepTool().Run(input, ctx_);
  }
  /// Sets a file's mtime to `seconds` after the epoch.
  void SetMtime(const std::string& name, int64_t seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, PathOf(name).c_str(), times, 0), 0);
  }
};

TEST_F(GrepToolTest, SchemaMatchesGrepInput) {
  Json schema = GrepTool().input_schema();
  std::map<std::string, std::string> types;
  for (const auto& [name, prop] : schema["properties"].members()) {
    types[name] = prop["type"].AsString();
  }
  EXPECT_EQ(types, (std::map<std::string, std::string>{{"pattern", "string"},
                                                       {"path", "string"},
                                                       {"glob", "string"},
                                                       {"output_mode", "string"},
                                                       {"-B", "number"},
                                                       {"-A", "number"},
                                                       {"-C", "number"},
                                                       {"context", "number"},
                                                       {"-n", "boolean"},
                                                       {"-i", "boolean"},
                                                       {"-o", "boolean"},
                                                       {"type", "string"},
                                                       {"head_limit", "number"},
                                                       {"offset", "number"},
                                                       {"multiline", "boolean"}}));
  EXPECT_EQ(schema["required"], *Json::Parse(R"(["pattern"])"));
  EXPECT_EQ(schema["properties"]["output_mode"]["enum"],
            *Json::Parse(R"(["content","files_with_matches","count"])"));
  EXPECT_TRUE(GrepTool().IsReadOnly(Json::MakeObject()));
}

TEST_F(GrepToolTest, FilesWithMatchesNewestFirst) {
  WriteText("old.txt", "a needle here\n");
  WriteText("new.txt", "needle\n");
  WriteText("none.txt", "hay\n");
  SetMtime("old.txt", 1000);
  SetMtime("new.txt", 2000);
  ToolResult r = GrepIn(R"({"pattern":"needle"})");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("Found 2 files\n" + PathOf("new.txt") + "\n" + PathOf("old.txt")));
  EXPECT_EQ(
      r.structured,
      base::JsonObject({{"mode", "files_with_matches"},
                        {"filenames", base::JsonArray({PathOf("new.txt"), PathOf("old.txt")})},
                        {"numFiles", 2},
                        {"totalFiles", 2}}));
}

TEST_F(GrepToolTest, ContentModeWithContextAndNumbers) {
  WriteText("src/b.c", "one\nTODO two\nthree\nfour\nfive\nTODO six\n");
  WriteText("src/a.c", "TODO first\n");
  ToolResult r = GrepIn(R"({"pattern":"TODO","output_mode":"content","-B":1})");
  std::string a = PathOf("src/a.c");
  std::string b = PathOf("src/b.c");
  EXPECT_EQ(r.content, Json(a + ":1:TODO first\n--\n" + b + "-1-one\n" + b + ":2:TODO two\n--\n" +
                            b + "-5-five\n" + b + ":6:TODO six"));
  EXPECT_EQ(r.structured["numLines"], Json(7));
}

TEST_F(GrepToolTest, ContextOptionsApplyOnlyToContentMode) {
  WriteText("a.txt", "x\nhit\ny\n");
  ToolResult files = GrepIn(R"({"pattern":"hit","-C":1})");
  EXPECT_EQ(files.content, Json("Found 1 file\n" + PathOf("a.txt")));
  ToolResult context = GrepIn(R"({"pattern":"hit","output_mode":"content","context":1,
                                  "-A":0,"-n":false})");
  std::string a = PathOf("a.txt");
  EXPECT_EQ(context.content, Json(a + "-x\n" + a + ":hit\n" + a + "-y"));
}

TEST_F(GrepToolTest, CountMode) {
  WriteText("a.txt", "x x\nx\n");
  WriteText("b.txt", "x\n");
  ToolResult r = GrepIn(R"({"pattern":"x","output_mode":"count"})");
  EXPECT_EQ(r.content, Json(PathOf("a.txt") + ":2\n" + PathOf("b.txt") +
                            ":1\n\nFound 3 total occurrences across 2 files."));
}

TEST_F(GrepToolTest, OnlyMatchingCaseInsensitiveAndMultiline) {
  WriteText("a.txt", "Foo foo\nfunc(\n  arg)\n");
  ToolResult o = GrepIn(R"({"pattern":"foo","output_mode":"content","-o":true,"-i":true})");
  std::string a = PathOf("a.txt");
  EXPECT_EQ(o.content, Json(a + ":1:Foo\n" + a + ":1:foo"));
  ToolResult m = GrepIn(R"j({"pattern":"func\\(.*?\\)","output_mode":"content",
                            "multiline":true})j");
  EXPECT_EQ(m.content, Json(a + ":2:func(\n" + a + ":3:  arg)"));
  ToolResult single = GrepIn(R"j({"pattern":"func\\(.*?\\)"})j");
  EXPECT_EQ(single.content, Json("No files found"));
  // A pattern that cannot match a line break is counted per line, as `rg -c -U` does.
  ToolResult count = GrepIn(R"({"pattern":"o","multiline":true,"output_mode":"count"})");
  EXPECT_EQ(count.structured["numMatches"], Json(1));
}

TEST_F(GrepToolTest, GlobFilterTakesSeveralPatterns) {
  for (const char* name : {"a.js", "b.ts", "c.py", "d.rb", "e.txt", "sub/f.ts"}) {
    WriteText(name, "hit\n");
  }
  ToolResult r = GrepIn(R"({"pattern":"hit","glob":"*.js,*.ts *.{py,rb}","output_mode":"count"})");
  EXPECT_EQ(r.structured["content"],
            Json(PathOf("a.js") + ":1\n" + PathOf("b.ts") + ":1\n" + PathOf("c.py") + ":1\n" +
                 PathOf("d.rb") + ":1\n" + PathOf("sub/f.ts") + ":1"));
  ToolResult negated = GrepIn(R"({"pattern":"hit","glob":"!*.ts","output_mode":"count"})");
  EXPECT_EQ(negated.structured["numFiles"], Json(4));
}

TEST_F(GrepToolTest, TypeFilter) {
  for (const char* name : {"a.py", "b.pyi", "c.rs", "Makefile"}) WriteText(name, "hit\n");
  ToolResult py = GrepIn(R"({"pattern":"hit","type":"py","output_mode":"count"})");
  EXPECT_EQ(py.structured["content"], Json(PathOf("a.py") + ":1\n" + PathOf("b.pyi") + ":1"));
  ToolResult make = GrepIn(R"({"pattern":"hit","type":"make","output_mode":"count"})");
  EXPECT_EQ(make.structured["content"], Json(PathOf("Makefile") + ":1"));
}

TEST_F(GrepToolTest, SkipsBinaryIgnoredAndVcsFilesButSearchesHidden) {
  std::filesystem::create_directories(dir_ / ".git");
  WriteText(".gitignore", "build/\n");
  WriteText("build/out.txt", "hit\n");
  WriteText(".git/config", "hit\n");
  WriteText(".svn/entries", "hit\n");
  WriteText(".env", "hit\n");
  WriteText("bin.dat", std::string("hit\n\0\0", 6));
  WriteText("late-nul.dat", "hit\n" + std::string(10000, 'x') + std::string(1, '\0'));
  WriteText("src.txt", "hit\n");
  ToolResult r = GrepIn(R"({"pattern":"hit","output_mode":"count"})");
  EXPECT_EQ(r.structured["content"], Json(PathOf(".env") + ":1\n" + PathOf("src.txt") + ":1"));
}

TEST_F(GrepToolTest, PathMayBeAFile) {
  WriteText("one.txt", "a\nhit\n");
  ToolResult r =
      Grep(R"({"pattern":"hit","output_mode":"content","path":")" + PathOf("one.txt") + "\"}");
  EXPECT_EQ(r.content, Json("2:hit"));
  ToolResult files = Grep(R"({"pattern":"hit","path":")" + PathOf("one.txt") + "\"}");
  EXPECT_EQ(files.content, Json("Found 1 file\n" + PathOf("one.txt")));
}

TEST_F(GrepToolTest, DefaultsToTheShellsDirectoryAndResolvesRelativePaths) {
  WriteText("sub/a.txt", "hit\n");
  WriteText("top.txt", "hit\n");
  {
    std::lock_guard lock(session_.mu);
    session_.bash_cwd = dir_ / "sub";
  }
  EXPECT_EQ(Grep(R"({"pattern":"hit"})").content, Json("Found 1 file\n" + PathOf("sub/a.txt")));
  EXPECT_EQ(Grep(R"({"pattern":"hit","path":".."})").structured["totalFiles"], Json(2));
}

TEST_F(GrepToolTest, HeadLimitDefaultsTo250Lines) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += "hit\n";
  WriteText("many.txt", text);
  ToolResult r = GrepIn(R"({"pattern":"hit","output_mode":"content"})");
  EXPECT_EQ(r.structured["numLines"], Json(250));
  EXPECT_EQ(r.structured["totalLines"], Json(300));
  EXPECT_EQ(r.structured["appliedLimit"], Json(250));
  EXPECT_TRUE(
      r.content.AsString().ends_with(":250:hit\n\n[Showing results with pagination = limit: 250]"));
}

TEST_F(GrepToolTest, PatternsMayStartWithADash) {
  WriteText("a.txt", "x --flag\n");
  EXPECT_EQ(GrepIn(R"({"pattern":"--flag"})").structured["numFiles"], Json(1));
}

TEST_F(GrepToolTest, NoMatches) {
  WriteText("a.txt", "nothing\n");
  EXPECT_EQ(GrepIn(R"({"pattern":"absent"})").content, Json("No files found"));
  EXPECT_EQ(GrepIn(R"({"pattern":"absent","output_mode":"content"})").content,
            Json("No matches found"));
}

TEST_F(GrepToolTest, InvalidRegexIsAnError) {
  ToolResult r = GrepIn(R"({"pattern":"(unclosed"})");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("Invalid regular expression /(unclosed/: missing closing "
                                    "parenthesis at offset 9"));
}

TEST_F(GrepToolTest, MissingPathIsAnError) {
  ToolResult r = Grep(R"({"pattern":"x","path":"/no/such/dir"})");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("Path does not exist: /no/such/dir. Note: your current "
                                    "working directory is " +
                                    dir_.string() + "."));
}

TEST_F(GrepToolTest, UnknownTypeAndBadGlobAreErrors) {
  EXPECT_EQ(GrepIn(R"({"pattern":"x","type":"cobol"})").content,
            ErrorContent("unrecognized file type: cobol"));
  EXPECT_EQ(GrepIn(R"({"pattern":"x","glob":"[ab"})").content,
            ErrorContent("error parsing glob '[ab': unclosed character class; missing ']'"));
}

TEST_F(GrepToolTest, RejectsBadValues) {
  EXPECT_EQ(GrepIn(R"({"pattern":"x","output_mode":"lines"})").content,
            ErrorContent("InputValidationError: Grep failed due to the following issue:\nThe "
                         "parameter `output_mode` must be one of \"content\", "
                         "\"files_with_matches\", \"count\" but provided as `\"lines\"`"));
  EXPECT_EQ(GrepIn(R"({"pattern":"x","head_limit":-1})").content,
            ErrorContent("head_limit must be a whole number of 0 or more, got -1. Pass 0 for "
                         "unlimited."));
  EXPECT_EQ(GrepIn(R"({"pattern":"x","offset":1.5})").content,
            ErrorContent("offset must be a whole number of 0 or more, got 1.5."));
  EXPECT_EQ(GrepIn(R"({"pattern":"x","-A":-2})").content,
            ErrorContent("-A must be a whole number of 0 or more, got -2."));
  EXPECT_EQ(Grep(R"({"path":"/tmp"})").content,
            ErrorContent("InputValidationError: Grep failed due to the following issue:\nThe "
                         "required parameter `pattern` is missing"));
  EXPECT_EQ(GrepIn(R"({"pattern":"x","-i":"yes"})").content,
            ErrorContent("InputValidationError: Grep failed due to the following issue:\nThe "
                         "parameter `-i` type is expected as `boolean` but provided as "
                         "`string`"));
}

TEST_F(GrepToolTest, CancelledSearchIsAnError) {
  WriteText("a.txt", "hit\n");
  cancel_.Cancel(base::CancelReason::kInterrupt);
  EXPECT_EQ(GrepIn(R"({"pattern":"hit"})").content, ErrorContent("Grep was cancelled"));
}

}  // namespace
}  // namespace runner::tools
