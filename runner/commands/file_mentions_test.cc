#include "runner/commands/file_mentions.h"

#include <gtest/gtest.h>

#include "runner/testing/scratch_tree.h"

namespace runner::commands {
namespace {

using Mentions = std::vector<FileMention>;

TEST(FindFileMentions, PathsQuotedPathsAndLineRanges) {
  EXPECT_EQ(FindFileMentions("Review @src/utils/helpers.js. Compare @\"My File.md\" with @a.cc#L10-20,"
                             " @b.cc#L5 and @src/utils/helpers.js; mail x@y.z"),
            (Mentions{{"src/utils/helpers.js", {}, {}}, {"My File.md", {}, {}}, {"a.cc", 10, 20},
                      {"b.cc", 5, {}}}));
  EXPECT_EQ(FindFileMentions("@... @ @\"\""), Mentions{});
}

TEST(AttachFile, NumberedLinesInsideTwoReminders) {
  testing::ScratchTree tree;
  tree.Write("src/a.txt", "one\ntwo\nthree\n");
  std::filesystem::path attached;
  std::vector<std::string> blocks = AttachFile({"src/a.txt", {}, {}}, tree.root(), {}, &attached);
  std::string path = (tree / "src/a.txt").string();
  EXPECT_EQ(attached, tree / "src/a.txt");
  EXPECT_EQ(blocks, (std::vector<std::string>{
                        "<system-reminder>\nCalled the Read tool with the following input: {\"file_path\":\"" +
                            path + "\"}\n</system-reminder>",
                        "<system-reminder>\nResult of calling the Read tool:\n     1\tone\n     2\ttwo\n     3\tthree\n"
                        "</system-reminder>"}));
  blocks = AttachFile({"src/a.txt", 2, 2}, tree.root(), {});
  EXPECT_EQ(blocks.at(1), "<system-reminder>\nResult of calling the Read tool:\n     2\ttwo\n</system-reminder>");
}

TEST(AttachFile, SkipsMissingDirectoriesAndBinaryFiles) {
  testing::ScratchTree tree;
  tree.Write("dir/x", "x");
  tree.Write("bin.dat", std::string("a\0b", 3));
  EXPECT_TRUE(AttachFile({"missing.txt", {}, {}}, tree.root(), {}).empty());
  EXPECT_TRUE(AttachFile({"dir", {}, {}}, tree.root(), {}).empty());
  EXPECT_TRUE(AttachFile({"bin.dat", {}, {}}, tree.root(), {}).empty());
  EXPECT_TRUE(AttachFile({"~/x", {}, {}}, tree.root(), {}).empty());
  EXPECT_EQ(AttachFile({"~/dir/x", {}, {}}, "/nowhere", tree.root()).size(), 2u);
}

TEST(AttachFile, LongFilesAreCutWithANote) {
  testing::ScratchTree tree;
  std::string text;
  for (int i = 1; i <= kMaxAttachedLines + 5; ++i) text += "line\n";
  tree.Write("big.txt", text);
  std::vector<std::string> blocks = AttachFile({"big.txt", {}, {}}, tree.root(), {});
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_NE(blocks[1].find("  2000\tline\n</system-reminder>"), std::string::npos);
  EXPECT_NE(blocks[2].find("Only lines 1-2000 of"), std::string::npos) << blocks[2];
}

}  // namespace
}  // namespace runner::commands
