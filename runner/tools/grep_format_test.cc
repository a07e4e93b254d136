#include "runner/tools/grep_format.h"

#include <gtest/gtest.h>

namespace runner::tools {
namespace {

using base::Json;

HitLine M(int64_t n, std::string text) { return {n, true, std::move(text)}; }
HitLine C(int64_t n, std::string text) { return {n, false, std::move(text)}; }

GrepFileResult File(std::string path, int64_t mtime, std::vector<HitLine> lines, size_t count = 0) {
  GrepFileResult f;
  f.path = std::move(path);
  f.mtime_ns = mtime;
  f.hits.count = count == 0 ? lines.size() : count;
  f.hits.lines = std::move(lines);
  return f;
}

std::vector<GrepFileResult> TwoFiles() {
  return {File("/r/b.c", 100, {M(3, "b three"), C(4, "b four")}, 1),
          File("/r/a.c", 200, {M(1, "a one"), M(5, "a five")})};
}

TEST(FormatGrepResult, FilesModeListsNewestFirst) {
  ToolResult r = FormatGrepResult(TwoFiles(), {.mode = GrepMode::kFilesWithMatches});
  EXPECT_FALSE(r.is_error);
  EXPECT_EQ(r.content, Json("Found 2 files\n/r/a.c\n/r/b.c"));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"mode":"files_with_matches",
      "filenames":["/r/a.c","/r/b.c"],"numFiles":2,"totalFiles":2})"));
}

TEST(FormatGrepResult, FilesModeBreaksTiesByPath) {
  std::vector<GrepFileResult> files = {File("/r/z", 5, {}, 1), File("/r/y", 5, {}, 1),
                                       File("/r/x", 9, {}, 1)};
  ToolResult r = FormatGrepResult(files, {.mode = GrepMode::kFilesWithMatches});
  EXPECT_EQ(r.content, Json("Found 3 files\n/r/x\n/r/y\n/r/z"));
}

TEST(FormatGrepResult, FilesModePaginates) {
  std::vector<GrepFileResult> files;
  for (int i = 0; i < 5; ++i) files.push_back(File("/f" + std::to_string(i), i, {}, 1));
  ToolResult r =
      FormatGrepResult(files, {.mode = GrepMode::kFilesWithMatches, .head_limit = 2, .offset = 1});
  EXPECT_EQ(r.content, Json("Found 2 files limit: 2, offset: 1\n/f3\n/f2"));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"mode":"files_with_matches",
      "filenames":["/f3","/f2"],"numFiles":2,"totalFiles":5,"appliedLimit":2,
      "appliedOffset":1})"));
}

TEST(FormatGrepResult, FilesModeWithNothingOrPastTheEnd) {
  ToolResult none = FormatGrepResult({}, {.mode = GrepMode::kFilesWithMatches});
  EXPECT_EQ(none.content, Json("No files found"));
  EXPECT_EQ(none.structured, *Json::Parse(R"({"mode":"files_with_matches","filenames":[],
      "numFiles":0,"totalFiles":0})"));
  ToolResult past =
      FormatGrepResult(TwoFiles(), {.mode = GrepMode::kFilesWithMatches, .offset = 5});
  EXPECT_EQ(past.content,
            Json("No entries at this offset. [Showing results with pagination = offset: 5]"));
}

TEST(FormatGrepResult, DefaultLimitIs250AndZeroMeansAll) {
  std::vector<GrepFileResult> files;
  for (int i = 0; i < 300; ++i) files.push_back(File("/f" + std::to_string(i), i, {}, 1));
  ToolResult limited = FormatGrepResult(files, {.mode = GrepMode::kFilesWithMatches});
  EXPECT_EQ(limited.structured["numFiles"], Json(250));
  EXPECT_EQ(limited.structured["appliedLimit"], Json(250));
  EXPECT_TRUE(limited.content.AsString().starts_with("Found 250 files limit: 250\n/f299\n"));
  ToolResult all = FormatGrepResult(files, {.mode = GrepMode::kFilesWithMatches, .head_limit = 0});
  EXPECT_EQ(all.structured["numFiles"], Json(300));
  EXPECT_FALSE(all.structured.Contains("appliedLimit"));
}

TEST(FormatGrepResult, ContentModeWithPathsAndNumbers) {
  ToolResult r = FormatGrepResult(TwoFiles(), {.mode = GrepMode::kContent});
  EXPECT_EQ(r.content, Json("/r/a.c:1:a one\n/r/a.c:5:a five\n/r/b.c:3:b three\n/r/b.c-4-b four"));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"mode":"content","numFiles":0,"filenames":[],
      "content":"/r/a.c:1:a one\n/r/a.c:5:a five\n/r/b.c:3:b three\n/r/b.c-4-b four",
      "numLines":4,"totalLines":4})"));
}

TEST(FormatGrepResult, ContentModeBreaksBetweenGroupsWithContext) {
  ToolResult r = FormatGrepResult(TwoFiles(), {.mode = GrepMode::kContent, .context_breaks = true});
  EXPECT_EQ(r.content,
            Json("/r/a.c:1:a one\n--\n/r/a.c:5:a five\n--\n/r/b.c:3:b three\n/r/b.c-4-b four"));
}

TEST(FormatGrepResult, ContentModeWithoutLineNumbersOrForOneFile) {
  ToolResult plain =
      FormatGrepResult(TwoFiles(), {.mode = GrepMode::kContent, .line_numbers = false});
  EXPECT_EQ(plain.content, Json("/r/a.c:a one\n/r/a.c:a five\n/r/b.c:b three\n/r/b.c-b four"));
  std::vector<GrepFileResult> one = {File("/r/a.c", 1, {M(2, "x"), C(3, "y")})};
  ToolResult single = FormatGrepResult(one, {.mode = GrepMode::kContent, .single_file = true});
  EXPECT_EQ(single.content, Json("2:x\n3-y"));
  ToolResult bare = FormatGrepResult(
      one, {.mode = GrepMode::kContent, .line_numbers = false, .single_file = true});
  EXPECT_EQ(bare.content, Json("x\ny"));
}

TEST(FormatGrepResult, ContentModePaginatesLines) {
  ToolResult r =
      FormatGrepResult(TwoFiles(), {.mode = GrepMode::kContent, .head_limit = 2, .offset = 1});
  EXPECT_EQ(r.content, Json("/r/a.c:5:a five\n/r/b.c:3:b three\n\n"
                            "[Showing results with pagination = limit: 2, offset: 1]"));
  EXPECT_EQ(r.structured["numLines"], Json(2));
  EXPECT_EQ(r.structured["totalLines"], Json(4));
  EXPECT_EQ(r.structured["appliedLimit"], Json(2));
  EXPECT_EQ(r.structured["appliedOffset"], Json(1));
}

TEST(FormatGrepResult, ContentModeEmptyResults) {
  EXPECT_EQ(FormatGrepResult({}, {.mode = GrepMode::kContent}).content, Json("No matches found"));
  EXPECT_EQ(FormatGrepResult(TwoFiles(), {.mode = GrepMode::kContent, .offset = 9}).content,
            Json("No entries at this offset\n\n[Showing results with pagination = offset: 9]"));
}

TEST(FormatGrepResult, LongLinesAreOmittedAndBadUtf8Replaced) {
  std::vector<GrepFileResult> files = {
      File("/r/x", 1,
           {M(1, std::string(501, 'a')), C(2, std::string(501, 'b')), M(3, std::string(500, 'c')),
            M(4, "bad \xff")})};
  ToolResult r = FormatGrepResult(files, {.mode = GrepMode::kContent});
  EXPECT_EQ(r.content, Json("/r/x:1:[Omitted long matching line]\n/r/x-2-[Omitted long context "
                            "line]\n/r/x:3:" +
                            std::string(500, 'c') + "\n/r/x:4:bad \xEF\xBF\xBD"));
}

TEST(FormatGrepResult, CountModeByPathWithTotals) {
  ToolResult r = FormatGrepResult(TwoFiles(), {.mode = GrepMode::kCount});
  EXPECT_EQ(r.content, Json("/r/a.c:2\n/r/b.c:1\n\nFound 3 total occurrences across 2 files."));
  EXPECT_EQ(r.structured, *Json::Parse(R"({"mode":"count","numFiles":2,"filenames":[],
      "content":"/r/a.c:2\n/r/b.c:1","numMatches":3})"));
}

TEST(FormatGrepResult, CountModeSingularPaginatedAndEmpty) {
  std::vector<GrepFileResult> one = {File("/r/a", 1, {}, 1)};
  EXPECT_EQ(FormatGrepResult(one, {.mode = GrepMode::kCount}).content,
            Json("/r/a:1\n\nFound 1 total occurrence across 1 file."));
  ToolResult paged = FormatGrepResult(TwoFiles(), {.mode = GrepMode::kCount, .head_limit = 1});
  EXPECT_EQ(paged.content, Json("/r/a.c:2\n\nFound 3 total occurrences across 2 files. with "
                                "pagination = limit: 1"));
  EXPECT_EQ(FormatGrepResult(TwoFiles(), {.mode = GrepMode::kCount, .offset = 4}).content,
            Json("No entries at this offset\n\nFound 3 total occurrences across 2 files. with "
                 "pagination = offset: 4"));
  EXPECT_EQ(FormatGrepResult({}, {.mode = GrepMode::kCount}).content,
            Json("No matches found\n\nFound 0 total occurrences across 0 files."));
}

}  // namespace
}  // namespace runner::tools
