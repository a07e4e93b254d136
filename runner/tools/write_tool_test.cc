#include "runner/tools/write_tool.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "runner/tools/file_tracking.h"
#include "runner/tools/read_tool.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class WriteToolTest : public ToolTest {
 protected:
  ToolResult Write(const std::string& path, const std::string& content) {
    return WriteTool().Run(base::JsonObject({{"file_path", path}, {"content", content}}), ctx_);
  }
  void MarkRead(const std::string& name) {
    ReadTool().Run(base::JsonObject({{"file_path", PathOf(name)}}), ctx_);
  }
};

TEST_F(WriteToolTest, CreatesFileAndParentDirectories) {
  ToolResult r = Write(PathOf("new/dir/f.txt"), "hello\n");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("new/dir/f.txt"), "hello\n");
  EXPECT_EQ(r.content, Json("File created successfully at: " + PathOf("new/dir/f.txt")));
  EXPECT_EQ(r.structured, base::JsonObject({{"type", "create"},
                                            {"filePath", PathOf("new/dir/f.txt")},
                                            {"content", "hello\n"},
                                            {"structuredPatch", Json::MakeArray()},
                                            {"originalFile", nullptr}}));
}

TEST_F(WriteToolTest, RefusesOverwritingUnreadFile) {
  WriteText("f.txt", "old\n");
  ToolResult r = Write(PathOf("f.txt"), "new\n");
  EXPECT_EQ(r.content,
            ErrorContent("File has not been read yet. Read it first before writing to it."));
  EXPECT_EQ(ReadText("f.txt"), "old\n");
}

TEST_F(WriteToolTest, RefusesWhenFileChangedSinceRead) {
  WriteText("f.txt", "old\n");
  MarkRead("f.txt");
  session_.read_mtimes[PathOf("f.txt")] -= 1'000'000'000;  // as if read a second earlier
  ToolResult r = Write(PathOf("f.txt"), "new\n");
  EXPECT_EQ(r.content, ErrorContent("File has been modified since read, either by the user or by "
                                    "a linter. Read it again before attempting to write it."));
  EXPECT_EQ(ReadText("f.txt"), "old\n");
}

TEST_F(WriteToolTest, OverwritesReadFileKeepingModeAndReportsUpdate) {
  WriteText("run.sh", "echo a\n");
  ::chmod(PathOf("run.sh").c_str(), 0750);
  MarkRead("run.sh");
  ToolResult r = Write(PathOf("run.sh"), "echo b\n");
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(ReadText("run.sh"), "echo b\n");
  struct stat st {};
  ASSERT_EQ(::stat(PathOf("run.sh").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0750u);
  EXPECT_EQ(r.content, Json("The file " + PathOf("run.sh") + " has been updated successfully."));
  EXPECT_EQ(r.structured["type"], Json("update"));
  EXPECT_EQ(r.structured["originalFile"], Json("echo a\n"));
  EXPECT_EQ(r.structured["structuredPatch"], *Json::Parse(R"([{"oldStart":1,"oldLines":1,
      "newStart":1,"newLines":1,"lines":["-echo a","+echo b"]}])"));
}

TEST_F(WriteToolTest, AllowsSecondWriteWithoutRereading) {
  ASSERT_FALSE(Write(PathOf("f.txt"), "one").is_error);
  EXPECT_FALSE(Write(PathOf("f.txt"), "two").is_error);
  EXPECT_EQ(ReadText("f.txt"), "two");
}

TEST_F(WriteToolTest, WritesThroughSymlink) {
  WriteText("target.txt", "old");
  std::filesystem::create_symlink(dir_ / "target.txt", dir_ / "link.txt");
  MarkRead("link.txt");
  ASSERT_FALSE(Write(PathOf("link.txt"), "new").is_error);
  EXPECT_TRUE(std::filesystem::is_symlink(dir_ / "link.txt"));
  EXPECT_EQ(ReadText("target.txt"), "new");
}

TEST_F(WriteToolTest, RefusesRelativePathAndDirectory) {
  EXPECT_EQ(Write("f.txt", "x").content,
            ErrorContent("file_path must be an absolute path, got 'f.txt'."));
  EXPECT_EQ(
      Write(dir_.string(), "x").content,
      ErrorContent("EISDIR: illegal operation on a directory, write '" + dir_.string() + "'"));
}

TEST_F(WriteToolTest, RejectsMissingContent) {
  ToolResult r = WriteTool().Run(base::JsonObject({{"file_path", PathOf("f.txt")}}), ctx_);
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: Write failed due to the following "
                                    "issue:\nThe required parameter `content` is missing"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "f.txt"));
}

}  // namespace
}  // namespace runner::tools
