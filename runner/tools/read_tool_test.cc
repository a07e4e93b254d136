#include "runner/tools/read_tool.h"

#include <gtest/gtest.h>

#include "runner/tools/file_tracking.h"
#include "runner/tools/read_media.h"
#include "runner/tools/tool_test_support.h"

namespace runner::tools {
namespace {

using base::Json;

class ReadToolTest : public ToolTest {
 protected:
  ToolResult Read(const std::string& path, Json extra = Json::MakeObject()) {
    extra.Set("file_path", path);
    return ReadTool().Run(extra, ctx_);
  }
};

TEST_F(ReadToolTest, NumbersLinesLikeCatN) {
  WriteText("a.txt", "alpha\nbeta\n");
  ToolResult r = Read(PathOf("a.txt"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("     1\talpha\n     2\tbeta"));
  EXPECT_EQ(r.structured,
            base::JsonObject({{"type", "text"},
                              {"file", base::JsonObject({{"filePath", PathOf("a.txt")},
                                                         {"content", "alpha\nbeta"},
                                                         {"numLines", 2},
                                                         {"startLine", 1},
                                                         {"totalLines", 2}})}}));
}

TEST_F(ReadToolTest, HonoursOffsetAndLimit) {
  WriteText("n.txt", "1\n2\n3\n4\n5\n");
  ToolResult r = Read(PathOf("n.txt"), *Json::Parse(R"({"offset":2,"limit":2})"));
  EXPECT_EQ(r.content, Json("     2\t2\n     3\t3"));
  EXPECT_EQ(r.structured["file"]["numLines"], Json(2));
  EXPECT_EQ(r.structured["file"]["startLine"], Json(2));
  EXPECT_EQ(r.structured["file"]["totalLines"], Json(5));
}

TEST_F(ReadToolTest, LimitsToDefaultLineCount) {
  std::string text;
  for (int i = 1; i <= 2500; ++i) text += std::to_string(i) + "\n";
  WriteText("long.txt", text);
  ToolResult r = Read(PathOf("long.txt"));
  EXPECT_EQ(r.structured["file"]["numLines"], Json(2000));
  EXPECT_EQ(r.structured["file"]["totalLines"], Json(2500));
  EXPECT_TRUE(r.content.AsString().ends_with("  2000\t2000"));
}

TEST_F(ReadToolTest, CutsVeryLongLines) {
  WriteText("wide.txt", std::string(5000, 'x') + "\n");
  ToolResult r = Read(PathOf("wide.txt"));
  EXPECT_EQ(r.structured["file"]["content"], Json(std::string(2000, 'x')));
}

TEST_F(ReadToolTest, WarnsWhenOffsetIsPastTheEnd) {
  WriteText("short.txt", "one\n");
  ToolResult r = Read(PathOf("short.txt"), *Json::Parse(R"({"offset":10})"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("<system-reminder>Warning: the file exists but is shorter than the "
                            "provided offset (10). The file has 1 lines.</system-reminder>"));
}

TEST_F(ReadToolTest, NotesEmptyFile) {
  WriteText("empty.txt", "");
  ToolResult r = Read(PathOf("empty.txt"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("<system-reminder>Warning: the file exists but the contents are "
                            "empty.</system-reminder>"));
  EXPECT_EQ(r.structured["file"]["totalLines"], Json(0));
}

TEST_F(ReadToolTest, ReportsMissingFileWithCwd) {
  ToolResult r = Read(PathOf("nope.txt"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("File does not exist. Note: your current working directory "
                                    "is " +
                                    dir_.string() + "."));
  EXPECT_EQ(r.structured, Json("Error: File does not exist. Note: your current working "
                               "directory is " +
                               dir_.string() + "."));
}

TEST_F(ReadToolTest, RefusesRelativePath) {
  ToolResult r = Read("a.txt");
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("file_path must be an absolute path, got 'a.txt'."));
}

TEST_F(ReadToolTest, RefusesDirectory) {
  ToolResult r = Read(dir_.string());
  EXPECT_EQ(r.content,
            ErrorContent("EISDIR: illegal operation on a directory, read '" + dir_.string() + "'"));
}

TEST_F(ReadToolTest, RefusesBinaryFile) {
  WriteText("bin.dat", std::string("ab\0cd", 5));
  ToolResult r = Read(PathOf("bin.dat"));
  EXPECT_TRUE(r.is_error);
  EXPECT_TRUE(r.content.AsString().starts_with("<tool_use_error>Cannot read binary file"));
}

TEST_F(ReadToolTest, RefusesLargeFileWithoutRangeButAllowsWithLimit) {
  WriteText("big.txt", std::string(300 * 1024, 'a') + "\n");
  ToolResult whole = Read(PathOf("big.txt"));
  EXPECT_TRUE(whole.is_error);
  EXPECT_NE(whole.content.AsString().find("exceeds maximum allowed size"), std::string::npos);
  EXPECT_FALSE(Read(PathOf("big.txt"), *Json::Parse(R"({"limit":1})")).is_error);
  EXPECT_FALSE(Read(PathOf("big.txt"), *Json::Parse(R"({"allow_large":true})")).is_error);
}

TEST_F(ReadToolTest, RecordsMtimeForLaterWrites) {
  WriteText("a.txt", "x\n");
  Read(PathOf("a.txt"));
  ASSERT_EQ(session_.read_mtimes.count(PathOf("a.txt")), 1u);
  EXPECT_EQ(session_.read_mtimes[PathOf("a.txt")], FileMtimeNs(PathOf("a.txt")));
}

TEST_F(ReadToolTest, RejectsWrongParameterTypes) {
  WriteText("a.txt", "x\n");
  ToolResult r = Read(PathOf("a.txt"), *Json::Parse(R"({"offset":"2"})"));
  EXPECT_TRUE(r.is_error);
  EXPECT_EQ(r.content, ErrorContent("InputValidationError: Read failed due to the following "
                                    "issue:\nThe parameter `offset` type is expected as `number` "
                                    "but provided as `string`"));
}

TEST_F(ReadToolTest, ShowsCrlfFilesWithoutCarriageReturns) {
  WriteText("dos.txt", "a\r\nb\r\n");
  EXPECT_EQ(Read(PathOf("dos.txt")).content, Json("     1\ta\n     2\tb"));
}

TEST_F(ReadToolTest, ReturnsImagesAsImageBlocks) {
  std::string gif("GIF89a\x02\0\x01\0", 10);
  WriteText("pic.GIF", gif);
  ToolResult r = Read(PathOf("pic.GIF"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, ImageReadResult(PathOf("pic.GIF"), gif).content);
  EXPECT_EQ(r.content.at(0)["source"]["media_type"], Json("image/gif"));
  EXPECT_EQ(r.structured["type"], Json("image"));
  EXPECT_EQ(session_.read_mtimes.count(PathOf("pic.GIF")), 1u);
}

TEST_F(ReadToolTest, RefusesImagesOverTheSizeLimitBeforeReadingThem) {
  WriteText("huge.png", "");
  std::filesystem::resize_file(dir_ / "huge.png", kReadMaxImageBytes + 1);
  ToolResult r = Read(PathOf("huge.png"));
  EXPECT_EQ(r.content,
            ErrorContent(MediaTooLargeMessage(ReadKind::kImage, kReadMaxImageBytes + 1)));
  EXPECT_EQ(session_.read_mtimes.count(PathOf("huge.png")), 0u);
}

TEST_F(ReadToolTest, RefusesDamagedImage) {
  WriteText("bad.png", "not a png");
  EXPECT_TRUE(Read(PathOf("bad.png")).is_error);
}

TEST_F(ReadToolTest, ReturnsPdfAsDocumentBlock) {
  WriteText("doc.pdf", "%PDF-1.4\n%%EOF\n");
  ToolResult r = Read(PathOf("doc.pdf"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, PdfReadResult(PathOf("doc.pdf"), "%PDF-1.4\n%%EOF\n", std::nullopt).content);
  EXPECT_EQ(r.structured["type"], Json("pdf"));
}

TEST_F(ReadToolTest, ChecksPdfPagesButSendsTheWholeDocument) {
  WriteText("doc.pdf", "%PDF-1.4\n");
  ToolResult ok = Read(PathOf("doc.pdf"), *Json::Parse(R"({"pages":"2-3"})"));
  EXPECT_FALSE(ok.is_error);
  EXPECT_EQ(ok.content.size(), 2u);
  ToolResult bad = Read(PathOf("doc.pdf"), *Json::Parse(R"({"pages":"3-1"})"));
  EXPECT_EQ(bad.content, ErrorContent("Invalid pages parameter: \"3-1\". The range must not end "
                                      "before it starts."));
}

TEST_F(ReadToolTest, IgnoresPagesForOtherFiles) {
  WriteText("a.txt", "x\n");
  EXPECT_EQ(Read(PathOf("a.txt"), *Json::Parse(R"({"pages":"bogus"})")).content, Json("     1\tx"));
}

TEST_F(ReadToolTest, RendersNotebooksAndRecordsTheRead) {
  std::string nb = R"({"cells":[{"cell_type":"code","id":"c1","source":"1+1","outputs":[
      {"output_type":"execute_result","data":{"text/plain":"2"}}]}],"nbformat":4})";
  WriteText("nb.ipynb", nb);
  ToolResult r = Read(PathOf("nb.ipynb"));
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content,
            base::JsonArray({base::JsonObject(
                {{"type", "text"}, {"text", "<cell id=\"c1\">1+1</cell id=\"c1\">\n2"}})}));
  EXPECT_EQ(r.structured["type"], Json("notebook"));
  EXPECT_EQ(session_.read_mtimes.count(PathOf("nb.ipynb")), 1u);
}

TEST_F(ReadToolTest, RefusesBrokenNotebook) {
  WriteText("nb.ipynb", "{");
  ToolResult r = Read(PathOf("nb.ipynb"));
  EXPECT_TRUE(r.is_error);
  EXPECT_TRUE(r.content.AsString().starts_with("<tool_use_error>Notebook is not valid JSON"));
}

}  // namespace
}  // namespace runner::tools
