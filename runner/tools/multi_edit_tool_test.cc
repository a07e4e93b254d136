#include "runner/tools/multi_edit_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/file_tracking.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class MultiEditToolTest : public ToolTest {
 protected:
  void WriteAndRecord(const std::string& name, const std::string& text) {
    WriteText(name, text);
    RecordRead(session_, PathOf(name));
  }
  ToolResult Edit(const std::string& name, std::string_view edits_json) {
    Json input = base::JsonObject({{"file_path", PathOf(name)}, {"edits", In(edits_json)}});
    return MultiEditTool().Run(input, ctx_);
  }
};

TEST_F(MultiEditToolTest, AppliesEditsInOrder) {
  WriteAndRecord("f.py", "a = 1\nb = 2\nc = 3\n");
  ToolResult r = Edit("f.py", R"([{"old_string":"a = 1","new_string":"a = 10"},
                                  {"old_string":"c = 3","new_string":"c = 30\nd = 4"}])");
  ASSERT_FALSE(r.is_error) << r.content.Dump();
  EXPECT_EQ(ReadText("f.py"), "a = 10\nb = 2\nc = 30\nd = 4\n");
  EXPECT_EQ(r.content, Json("Applied 2 edits to " + PathOf("f.py") + "."));
  // StructuredPatch makes one hunk of the changed region (structured_patch.h).
  EXPECT_EQ(r.structured,
            base::JsonObject({{"filePath", PathOf("f.py")},
                              {"edits", In(R"([{"old_string":"a = 1","new_string":"a = 10"},
                                  {"old_string":"c = 3","new_string":"c = 30\nd = 4"}])")},
                              {"originalFileContents", "a = 1\nb = 2\nc = 3\n"},
                              {"structuredPatch", In(R"([{"oldStart":1,"oldLines":3,"newStart":1,
                                  "newLines":4,"lines":["-a = 1","-b = 2","-c = 3","+a = 10",
                                  "+b = 2","+c = 30","+d = 4"]}])")},
                              {"userModified", false}}));
}

TEST_F(MultiEditToolTest, LaterEditsSeeEarlierResults) {
  WriteAndRecord("f.txt", "one two\n");
  ToolResult r = Edit("f.txt", R"([{"old_string":"one","new_string":"three"},
                                   {"old_string":"three two","new_string":"done"}])");
  EXPECT_FALSE(r.is_error) << r.content.Dump();
  // "three two" only exists once the first edit is applied.
  EXPECT_EQ(ReadText("f.txt"), "done\n");
}

TEST_F(MultiEditToolTest, ReplaceAllPerEdit) {
  WriteAndRecord("f.txt", "x x y y\n");
  ToolResult r = Edit("f.txt", R"([{"old_string":"x","new_string":"z","replace_all":true},
                                   {"old_string":"y y","new_string":"w"}])");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("f.txt"), "z z w\n");
}

TEST_F(MultiEditToolTest, IsAllOrNothingAndNamesTheFailingEdit) {
  WriteAndRecord("f.txt", "alpha\nbeta\n");
  ToolResult r = Edit("f.txt", R"([{"old_string":"alpha","new_string":"ALPHA"},
                                   {"old_string":"gamma","new_string":"GAMMA"}])");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content,
            ErrorContent("edits[1]: String to replace not found in file.\nString: gamma"));
  EXPECT_EQ(ReadText("f.txt"), "alpha\nbeta\n");
}

TEST_F(MultiEditToolTest, ReportsEachOfEditsErrors) {
  WriteAndRecord("f.txt", "a a\n");
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a","new_string":"b"}])").content,
            ErrorContent("edits[0]: Found 2 matches of the string to replace, but replace_all is "
                         "false. To replace all occurrences, set replace_all to true. To replace "
                         "only one occurrence, please provide more context to uniquely identify "
                         "the instance.\nString: a"));
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a a","new_string":"c"},
                              {"old_string":"c","new_string":"c"}])")
                .content,
            ErrorContent("edits[1]: No changes to make: old_string and new_string are exactly the "
                         "same."));
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"","new_string":"x"}])").content,
            ErrorContent("edits[0]: Cannot create new file - file already exists."));
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a a","new_string":"b c"},
                              {"old_string":"c","new_string":"d"}])")
                .content,
            ErrorContent("edits[1]: old_string is part of the new_string of an earlier edit: an "
                         "edit may not change text an earlier edit wrote. Fold the two into one "
                         "edit."));
  EXPECT_EQ(ReadText("f.txt"), "a a\n");
}

TEST_F(MultiEditToolTest, KeepsCrlfLineEndings) {
  WriteAndRecord("dos.txt", "a\r\nb\r\nc\r\n");
  Edit("dos.txt",
       R"([{"old_string":"a\nb","new_string":"x\ny"},{"old_string":"c","new_string":"z"}])");
  EXPECT_EQ(ReadText("dos.txt"), "x\r\ny\r\nz\r\n");
}

TEST_F(MultiEditToolTest, CreatesAMissingFileFromAnEmptyFirstOldString) {
  ToolResult r = Edit("new/f.txt", R"([{"old_string":"","new_string":"hello world\n"}])");
  ASSERT_FALSE(r.is_error) << r.content.Dump();
  EXPECT_EQ(r.content, Json("Applied 1 edit to " + PathOf("new/f.txt") + "."));
  EXPECT_EQ(ReadText("new/f.txt"), "hello world\n");
  EXPECT_EQ(r.structured["originalFileContents"], Json());
}

TEST_F(MultiEditToolTest, RefusesToEditTextAnEarlierEditWrote) {
  ToolResult r = Edit("new.txt", R"([{"old_string":"","new_string":"hello world\n"},
                                     {"old_string":"world","new_string":"there"}])");
  EXPECT_TRUE(r.content.AsString().starts_with("<tool_use_error>edits[1]: old_string is part of"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "new.txt"));
}

TEST_F(MultiEditToolTest, RefusesFileNotReadOrChangedSince) {
  WriteText("f.txt", "a\n");
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a","new_string":"b"}])").content,
            ErrorContent("File has not been read yet. Read it first before writing to it."));
  RecordRead(session_, PathOf("f.txt"));
  session_.read_mtimes[PathOf("f.txt")] -= 1;
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a","new_string":"b"}])").content,
            ErrorContent("File has been modified since read, either by the user or by a linter. "
                         "Read it again before attempting to write it."));
  EXPECT_EQ(ReadText("f.txt"), "a\n");
}

TEST_F(MultiEditToolTest, RefusesMissingFileRelativePathAndDirectory) {
  EXPECT_EQ(Edit("none.txt", R"([{"old_string":"a","new_string":"b"}])").content,
            ErrorContent("File does not exist. Note: your current working directory is " +
                         dir_.string() + "."));
  ToolResult relative = MultiEditTool().Run(
      In(R"({"file_path":"f.txt","edits":[{"old_string":"a","new_string":"b"}]})"), ctx_);
  EXPECT_EQ(relative.content, ErrorContent("file_path must be an absolute path, got 'f.txt'."));
  std::filesystem::create_directories(dir_ / "d");
  EXPECT_EQ(Edit("d", R"([{"old_string":"a","new_string":"b"}])").content,
            ErrorContent("EISDIR: illegal operation on a directory, edit '" + PathOf("d") + "'"));
}

TEST_F(MultiEditToolTest, ValidatesTheEditsList) {
  WriteAndRecord("f.txt", "a\n");
  auto issue = [](std::string text) {
    return ErrorContent("InputValidationError: MultiEdit failed due to the following issue:\n" +
                        text);
  };
  EXPECT_EQ(Edit("f.txt", R"("a")").content,
            issue("The parameter `edits` type is expected as `array`"));
  EXPECT_EQ(Edit("f.txt", "[]").content,
            issue("The parameter `edits` must hold at least one edit"));
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a","new_string":"b"},{"old_string":"a"}])").content,
            issue("The required parameter `new_string` is missing (in edits[1])"));
  EXPECT_EQ(Edit("f.txt", R"([{"old_string":"a","new_string":"b","replace_all":"yes"}])").content,
            issue("The parameter `replace_all` type is expected as `boolean` but provided as "
                  "`string` (in edits[0])"));
  EXPECT_EQ(ReadText("f.txt"), "a\n");
}

TEST(MultiEditTool, SchemaIsClaudeCodesMultiEditInput) {
  Json expected = *Json::Parse(R"j({
    "type": "object",
    "properties": {
      "file_path": {"type": "string", "description": "Absolute path of the file to change"},
      "edits": {
        "type": "array",
        "description": "The edits, applied in order",
        "items": {
          "type": "object",
          "properties": {
            "old_string": {"type": "string", "description": "The exact text to replace"},
            "new_string": {"type": "string", "description": "The text to put in its place"},
            "replace_all": {"type": "boolean", "description": "Replace every occurrence (default false)",
                            "default": false}
          },
          "required": ["old_string", "new_string"],
          "additionalProperties": false
        },
        "minItems": 1
      }
    },
    "required": ["file_path", "edits"],
    "additionalProperties": false
  })j");
  EXPECT_EQ(MultiEditTool().input_schema(), expected);
}

TEST(ApplyStringEdits, LeavesTheInputAloneOnFailure) {
  auto result = ApplyStringEdits("abc", {{"a", "x"}, {"q", "y"}});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, base::ErrorKind::kUsage);
  EXPECT_EQ(ApplyStringEdits("abc", {{"a", "x"}, {"b", "y"}}).value(), "xyc");
}

}  // namespace
}  // namespace runner::tools
