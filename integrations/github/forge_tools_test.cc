#include "integrations/github/forge_tools.h"

#include <gtest/gtest.h>

namespace integrations::github {
namespace {

using runner::base::Json;

constexpr const char* kPatch =
    "@@ -1,4 +1,5 @@\n"
    " def greet(name):\n"
    "-    return \"Helo, \" + name\n"
    "+    return f\"Hello, {name}!\"\n"
    "+\n"
    " \n"
    " print(greet(\"x\"))\n"
    "@@ -20,2 +21,2 @@ def tail():\n"
    "-    a = 1\n"
    "+    a = 2\n"
    "     return a\n";

TEST(LinesOfPatch, NumbersBothSidesOfEveryHunk) {
  DiffLines lines = LinesOfPatch(kPatch);
  EXPECT_EQ(lines.right, (std::vector<int64_t>{1, 2, 3, 4, 5, 21, 22}));
  EXPECT_EQ(lines.left, (std::vector<int64_t>{1, 2, 3, 4, 20, 21}));
}

TEST(ReviewDraft, AcceptsDiffLinesAndExplainsTheRest) {
  ReviewDraft draft({{"greet.py", "", "modified", 3, 2, kPatch}});
  EXPECT_TRUE(draft.Add({"greet.py", "nice", 2, "RIGHT", 0, ""}));
  EXPECT_TRUE(draft.Add({"greet.py", "was wrong", 2, "LEFT", 0, ""}));
  auto outside = draft.Add({"greet.py", "x", 12, "RIGHT", 0, ""});
  ASSERT_FALSE(outside);
  EXPECT_NE(outside.error().message.find("line 12 of greet.py is not in the diff"), std::string::npos);
  auto other_file = draft.Add({"other.py", "x", 1, "RIGHT", 0, ""});
  ASSERT_FALSE(other_file);
  EXPECT_NE(other_file.error().message.find("not changed by this pull request"), std::string::npos);
  EXPECT_FALSE(draft.Add({"greet.py", "range", 3, "RIGHT", 3, ""}));  // start must be below line
  EXPECT_TRUE(draft.Add({"greet.py", "range", 3, "RIGHT", 1, ""}));
  EXPECT_EQ(draft.comments().size(), 3u);
}

TEST(InlineCommentTool, QueuesThroughTheToolInterface) {
  ReviewDraft draft({{"greet.py", "", "modified", 3, 2, kPatch}});
  runner::agent::ExternalTool tool = InlineCommentTool(draft);
  EXPECT_EQ(tool.name, "mcp__github_inline_comment__create_inline_comment");
  auto ok = tool.run(Json::Parse(R"({"path":"greet.py","body":"```suggestion\nx\n```","line":3})").value());
  EXPECT_FALSE(ok.is_error) << ok.text;
  auto bad = tool.run(Json::Parse(R"({"path":"greet.py","body":"x","line":99})").value());
  EXPECT_TRUE(bad.is_error);
  ASSERT_EQ(draft.comments().size(), 1u);
  EXPECT_EQ(draft.comments()[0].side, "RIGHT");
}

TEST(UpdateCommentTool, PassesTheBodyAndReportsFailures) {
  std::string seen;
  bool fail = false;
  runner::agent::ExternalTool tool = UpdateCommentTool([&](const std::string& body) -> runner::base::Result<void> {
    if (fail) return runner::base::Fail(runner::base::ErrorKind::kNetwork, "boom");
    seen = body;
    return {};
  });
  EXPECT_EQ(tool.name, "mcp__github_comment__update_claude_comment");
  EXPECT_FALSE(tool.run(Json::Parse(R"({"body":"- [x] done"})").value()).is_error);
  EXPECT_EQ(seen, "- [x] done");
  fail = true;
  auto r = tool.run(Json::Parse(R"({"body":"y"})").value());
  EXPECT_TRUE(r.is_error);
  EXPECT_NE(r.text.find("boom"), std::string::npos);
}

}  // namespace
}  // namespace integrations::github
