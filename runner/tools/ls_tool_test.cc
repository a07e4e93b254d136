#include "runner/tools/ls_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class LsToolTest : public ToolTest {
 protected:
  ToolResult Ls(Json extra = Json::MakeObject()) {
    if (!extra.Contains("path")) extra.Set("path", dir_.string());
    return LsTool().Run(extra, ctx_);
  }
};

TEST_F(LsToolTest, SchemaIsTheOlderLsInput) {
  EXPECT_EQ(LsTool().input_schema(), *Json::Parse(R"({
    "type": "object",
    "properties": {
      "path": {"type": "string", "description": "Absolute path of the directory to list"},
      "ignore": {"type": "array", "description": "Glob patterns of entries to leave out",
                 "items": {"type": "string"}}
    },
    "required": ["path"],
    "additionalProperties": false
  })"));
  EXPECT_TRUE(LsTool().IsReadOnly(Json::MakeObject()));
}

TEST_F(LsToolTest, PrintsAnIndentedTree) {
  WriteText("b.txt", "");
  WriteText("a/x.c", "");
  WriteText("a/deep/y.h", "");
  WriteText("a.md", "");
  WriteText("a-b/z", "");
  ToolResult r = Ls();
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("- " + dir_.string() +
                            "/\n"
                            "  - a-b/\n"
                            "    - z\n"
                            "  - a.md\n"
                            "  - a/\n"
                            "    - deep/\n"
                            "      - y.h\n"
                            "    - x.c\n"
                            "  - b.txt"));
}

TEST_F(LsToolTest, LeavesOutHiddenPycacheIgnoredAndPatterns) {
  std::filesystem::create_directories(dir_ / ".git");
  WriteText(".gitignore", "build/\n");
  WriteText(".env", "");
  WriteText("build/out.o", "");
  WriteText("pkg/__pycache__/m.pyc", "");
  WriteText("pkg/m.py", "");
  WriteText("debug.log", "");
  WriteText("keep.txt", "");
  ToolResult r = Ls(*Json::Parse(R"({"ignore":["*.log"]})"));
  EXPECT_EQ(r.content, Json("- " + dir_.string() +
                            "/\n"
                            "  - keep.txt\n"
                            "  - pkg/\n"
                            "    - m.py"));
}

TEST_F(LsToolTest, CapsAt1000EntriesShallowestFirst) {
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 110; ++j) {
      WriteText("d" + std::to_string(i) + "/f" + std::to_string(j), "");
    }
  }
  ToolResult r = Ls();
  const std::string& text = r.content.AsString();
  EXPECT_TRUE(text.starts_with("There are more than 1000 files and directories below " +
                               dir_.string() +
                               ". The first 1000, shallowest first, are listed "
                               "below; pass a deeper path to LS, or use Glob or Grep, to see the "
                               "rest.\n\n- " +
                               dir_.string() + "/\n  - d0/\n"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1000 + 2);
  // d0 … d8 hold the 990 files that fit; d9 is listed, empty-handed.
  EXPECT_TRUE(text.ends_with("    - f99\n  - d9/"));
}

TEST_F(LsToolTest, EmptyDirectory) { EXPECT_EQ(Ls().content, Json("- " + dir_.string() + "/")); }

TEST_F(LsToolTest, ErrorsForMissingPathFileAndBadIgnore) {
  WriteText("f.txt", "");
  EXPECT_EQ(Ls(*Json::Parse(R"({"path":"/no/such"})")).content,
            ErrorContent("Directory does not exist: /no/such. Note: your current working "
                         "directory is " +
                         dir_.string() + "."));
  EXPECT_EQ(Ls(base::JsonObject({{"path", PathOf("f.txt")}})).content,
            ErrorContent("Path is not a directory: " + PathOf("f.txt")));
  EXPECT_EQ(Ls(*Json::Parse(R"({"ignore":"*.log"})")).content,
            ErrorContent("InputValidationError: LS failed due to the following issue:\nThe "
                         "parameter `ignore` type is expected as `array` of `string` but "
                         "provided as `\"*.log\"`"));
  EXPECT_EQ(Ls(*Json::Parse(R"({"ignore":[3]})")).content,
            ErrorContent("InputValidationError: LS failed due to the following issue:\nThe "
                         "parameter `ignore` type is expected as `array` of `string` but "
                         "provided as an item `3`"));
  EXPECT_EQ(Ls(*Json::Parse(R"({"ignore":["[x"]})")).content,
            ErrorContent("error parsing glob '[x': unclosed character class; missing ']'"));
  EXPECT_EQ(LsTool().Run(Json::MakeObject(), ctx_).content,
            ErrorContent("InputValidationError: LS failed due to the following issue:\nThe "
                         "required parameter `path` is missing"));
}

TEST_F(LsToolTest, CancelledListingIsAnError) {
  cancel_.Cancel(base::CancelReason::kInterrupt);
  EXPECT_EQ(Ls().content, ErrorContent("LS was cancelled"));
}

}  // namespace
}  // namespace runner::tools
