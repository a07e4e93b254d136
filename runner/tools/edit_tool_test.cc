#include "runner/tools/edit_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/read_tool.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class EditToolTest : public ToolTest {
 protected:
  ToolResult Edit(const std::string& name, const std::string& old_s, const std::string& new_s,
                  bool replace_all = false) {
    Json input = base::JsonObject(
        {{"file_path", PathOf(name)}, {"old_string", old_s}, {"new_string", new_s}});
    if (replace_all) input.Set("replace_all", true);
    return EditTool().Run(input, ctx_);
  }
  void WriteAndRead(const std::string& name, const std::string& text) {
    WriteText(name, text);
    ReadTool().Run(base::JsonObject({{"file_path", PathOf(name)}}), ctx_);
  }
};

TEST_F(EditToolTest, ReplacesUniqueString) {
  WriteAndRead("f.py", "a = 1\nb = 2\nc = 3\n");
  ToolResult r = Edit("f.py", "b = 2", "b = 20");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("f.py"), "a = 1\nb = 20\nc = 3\n");
  EXPECT_EQ(r.content, Json("The file " + PathOf("f.py") + " has been updated successfully."));
  EXPECT_EQ(r.structured, base::JsonObject({{"filePath", PathOf("f.py")},
                                            {"oldString", "b = 2"},
                                            {"newString", "b = 20"},
                                            {"originalFile", "a = 1\nb = 2\nc = 3\n"},
                                            {"structuredPatch", *Json::Parse(R"([{"oldStart":1,
      "oldLines":3,"newStart":1,"newLines":3,"lines":[" a = 1","-b = 2","+b = 20"," c = 3"]}])")},
                                            {"userModified", false},
                                            {"replaceAll", false}}));
}

TEST_F(EditToolTest, RefusesAmbiguousMatchWithoutReplaceAll) {
  WriteAndRead("f.txt", "x\nx\nx\n");
  ToolResult r = Edit("f.txt", "x", "y");
  EXPECT_EQ(
      r.content,
      ErrorContent(
          "Found 3 matches of the string to replace, but replace_all is false. To replace all "
          "occurrences, set replace_all to true. To replace only one occurrence, please provide "
          "more "
          "context to uniquely identify the instance.\nString: x"));
  EXPECT_EQ(ReadText("f.txt"), "x\nx\nx\n");
}

TEST_F(EditToolTest, ReplacesAllOccurrencesWhenAsked) {
  WriteAndRead("f.txt", "foo bar foo\nfoo\n");
  ToolResult r = Edit("f.txt", "foo", "baz", true);
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("f.txt"), "baz bar baz\nbaz\n");
  EXPECT_EQ(r.structured["replaceAll"], Json(true));
}

TEST_F(EditToolTest, ReportsStringNotFound) {
  WriteAndRead("f.txt", "hello\n");
  EXPECT_EQ(Edit("f.txt", "bye", "ciao").content,
            ErrorContent("String to replace not found in file.\nString: bye"));
}

TEST_F(EditToolTest, RefusesIdenticalStrings) {
  WriteAndRead("f.txt", "hello\n");
  EXPECT_EQ(Edit("f.txt", "hello", "hello").content,
            ErrorContent("No changes to make: old_string and new_string are exactly the same."));
}

TEST_F(EditToolTest, RefusesUnreadFile) {
  WriteText("f.txt", "hello\n");
  EXPECT_EQ(Edit("f.txt", "hello", "bye").content,
            ErrorContent("File has not been read yet. Read it first before writing to it."));
}

TEST_F(EditToolTest, RefusesFileChangedSinceRead) {
  WriteAndRead("f.txt", "hello\n");
  session_.read_mtimes[PathOf("f.txt")] -= 1'000'000'000;
  EXPECT_EQ(Edit("f.txt", "hello", "bye").content,
            ErrorContent("File has been modified since read, either by the user or by a linter. "
                         "Read it again before attempting to write it."));
  EXPECT_EQ(ReadText("f.txt"), "hello\n");
}

TEST_F(EditToolTest, AllowsConsecutiveEditsWithoutRereading) {
  WriteAndRead("f.txt", "a b\n");
  ASSERT_FALSE(Edit("f.txt", "a", "A").is_error);
  ASSERT_FALSE(Edit("f.txt", "b", "B").is_error);
  EXPECT_EQ(ReadText("f.txt"), "A B\n");
}

TEST_F(EditToolTest, CreatesNewFileFromEmptyOldString) {
  ToolResult r = Edit("sub/new.txt", "", "fresh\n");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("sub/new.txt"), "fresh\n");
  EXPECT_EQ(r.structured["originalFile"], Json());
}

TEST_F(EditToolTest, RefusesEmptyOldStringOnNonEmptyFile) {
  WriteAndRead("f.txt", "content\n");
  EXPECT_EQ(Edit("f.txt", "", "x").content,
            ErrorContent("Cannot create new file - file already exists."));
}

TEST_F(EditToolTest, ReportsMissingFile) {
  EXPECT_EQ(Edit("missing.txt", "a", "b").content,
            ErrorContent("File does not exist. Note: your current working directory is " +
                         dir_.string() + "."));
}

TEST_F(EditToolTest, PreservesCrlfLineEndings) {
  WriteAndRead("dos.txt", "one\r\ntwo\r\nthree\r\n");
  ToolResult r = Edit("dos.txt", "one\ntwo", "uno\ndos");
  EXPECT_FALSE(r.is_error) << r.content.Dump();
  EXPECT_EQ(ReadText("dos.txt"), "uno\r\ndos\r\nthree\r\n");
}

TEST_F(EditToolTest, RefusesRelativePath) {
  Json input = *Json::Parse(R"({"file_path":"f.txt","old_string":"a","new_string":"b"})");
  EXPECT_EQ(EditTool().Run(input, ctx_).content,
            ErrorContent("file_path must be an absolute path, got 'f.txt'."));
}

TEST_F(EditToolTest, RejectsWrongReplaceAllType) {
  Json input = base::JsonObject({{"file_path", PathOf("f.txt")},
                                 {"old_string", "a"},
                                 {"new_string", "b"},
                                 {"replace_all", "yes"}});
  EXPECT_EQ(EditTool().Run(input, ctx_).content,
            ErrorContent("InputValidationError: Edit failed due to the following issue:\nThe "
                         "parameter `replace_all` type is expected as `boolean` but provided as "
                         "`string`"));
}

TEST(EditHelpers, ConvertsOnlyBareNewlinesToCrlf) {
  EXPECT_EQ(ToCrlf("a\nb\r\nc\n"), "a\r\nb\r\nc\r\n");
  EXPECT_EQ(ToCrlf("\n"), "\r\n");
}

TEST(EditHelpers, CountsNonOverlappingOccurrences) {
  EXPECT_EQ(CountOccurrences("aaaa", "aa"), 2u);
  EXPECT_EQ(CountOccurrences("abc", "d"), 0u);
}

}  // namespace
}  // namespace runner::tools
