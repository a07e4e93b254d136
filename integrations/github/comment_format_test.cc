#include "integrations/github/comment_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace integrations::github {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr const char* kJob = "https://github.com/acme/widgets/actions/runs/77";

TEST(InitialCommentBody, HasWorkingLineSpinnerJobLinkAndMarker) {
  const std::string body = InitialCommentBody(kJob);
  EXPECT_TRUE(
      body.starts_with("Claude Code is working… <img src=\"" + std::string(kSpinnerUrl) + "\""));
  EXPECT_THAT(body,
              HasSubstr("\n\n[View job run](https://github.com/acme/widgets/actions/runs/77)\n"));
  EXPECT_TRUE(body.ends_with(std::string(kTrackingMarker)));
  EXPECT_TRUE(IsTrackingComment(body));
  EXPECT_FALSE(IsTrackingComment("Claude Code is working…"));
  EXPECT_THAT(InitialCommentBody(""), Not(HasSubstr("View job run")));
}

TEST(AddTrackingMarker, AddsTheMarkerOnce) {
  EXPECT_EQ(AddTrackingMarker("- [x] done"), "- [x] done\n" + std::string(kTrackingMarker));
  const std::string once = AddTrackingMarker("text\n");
  EXPECT_EQ(once, "text\n" + std::string(kTrackingMarker));
  EXPECT_EQ(AddTrackingMarker(once), once);
}

TEST(FormatDuration, SecondsMinutesHours) {
  struct Case {
    int64_t ms;
    const char* want;
  };
  for (const Case& c :
       {Case{-5, "0s"}, Case{0, "0s"}, Case{999, "0s"}, Case{45'000, "45s"}, Case{59'999, "59s"},
        Case{60'000, "1m 0s"}, Case{83'400, "1m 23s"}, Case{3'599'000, "59m 59s"},
        Case{3'600'000, "1h 0m"}, Case{3'720'000, "1h 2m"}, Case{90'061'000, "25h 1m"}}) {
    EXPECT_EQ(FormatDuration(c.ms), c.want) << c.ms;
  }
}

FinalReport Success() {
  FinalReport r;
  r.outcome = FinalReport::Outcome::kSuccess;
  r.trigger_user = "alice";
  r.duration_ms = 83'000;
  r.cost_usd = 0.01234;
  r.turns = 3;
  r.job_url = kJob;
  r.branch = "claude/issue-12-20261121-1530";
  r.branch_url = "https://github.com/acme/widgets/tree/claude/issue-12-20261121-1530";
  r.compare_url =
      "https://github.com/acme/widgets/compare/main...claude/issue-12-20261121-1530?quick_pull=1";
  return r;
}

TEST(FinalCommentBody, SuccessReplacesTheWorkingPartsWithAHeader) {
  const std::string current = InitialCommentBody(kJob);
  // The agent replaced the body with its own content (the tool keeps the marker) and left
  // the spinner on its last line.
  const std::string agent =
      "### Done\n- [x] Read the code\n- [x] Fixed the bug\n\nWorking on tests <img src=\"" +
      std::string(kSpinnerUrl) + "\" width=\"14px\" />\n" + std::string(kTrackingMarker);
  const std::string want =
      "**Claude finished @alice's task in 1m 23s** —— [View "
      "job](https://github.com/acme/widgets/actions/runs/77)"
      " • "
      "[`claude/issue-12-20261121-1530`](https://github.com/acme/widgets/tree/claude/"
      "issue-12-20261121-1530)"
      " • [Create PR "
      "➔](https://github.com/acme/widgets/compare/main...claude/"
      "issue-12-20261121-1530?quick_pull=1)"
      "\n\n<sub>Cost $0.0123 · 3 turns</sub>"
      "\n\n---\n\n### Done\n- [x] Read the code\n- [x] Fixed the bug\n\nWorking on tests"
      "\n\n<!-- claude-runner-tracking -->";
  EXPECT_EQ(FinalCommentBody(agent, Success()), want);

  // The untouched initial body leaves no content and no `---`.
  const std::string bare = FinalCommentBody(current, Success());
  EXPECT_THAT(bare, Not(HasSubstr("working")));
  EXPECT_THAT(bare, Not(HasSubstr("---")));
  EXPECT_THAT(bare, Not(HasSubstr("View job run")));
  EXPECT_TRUE(bare.ends_with("</sub>\n\n" + std::string(kTrackingMarker))) << bare;
}

TEST(FinalCommentBody, ViewPrWinsOverCreatePr) {
  FinalReport r = Success();
  r.pr_url = "https://github.com/acme/widgets/pull/13";
  const std::string body = FinalCommentBody("answer", r);
  EXPECT_THAT(body, HasSubstr(" • [View PR ➔](https://github.com/acme/widgets/pull/13)\n"));
  EXPECT_THAT(body, Not(HasSubstr("Create PR")));
}

TEST(FinalCommentBody, FailureShowsTheErrorInAFence) {
  FinalReport r;
  r.outcome = FinalReport::Outcome::kFailure;
  r.duration_ms = 45'000;
  r.job_url = kJob;
  r.error = "git push failed: ```remote rejected```";
  const std::string want =
      "**Claude encountered an error after 45s** —— [View "
      "job](https://github.com/acme/widgets/actions/runs/77)"
      "\n\n````\ngit push failed: ```remote rejected```\n````"
      "\n\n---\n\n- [ ] Step one"
      "\n\n<!-- claude-runner-tracking -->";
  EXPECT_EQ(FinalCommentBody("- [ ] Step one\n<!-- claude-runner-tracking -->", r), want);
}

TEST(FinalCommentBody, CancelledAndTimedOutHaveTheirOwnWords) {
  FinalReport r;
  r.duration_ms = 600'000;
  r.outcome = FinalReport::Outcome::kCancelled;
  EXPECT_TRUE(FinalCommentBody("", r).starts_with("**Claude was cancelled after 10m 0s**\n\n<!--"))
      << FinalCommentBody("", r);
  r.outcome = FinalReport::Outcome::kTimedOut;
  r.turns = 1;
  EXPECT_TRUE(FinalCommentBody("", r).starts_with(
      "**Claude timed out after 10m 0s**\n\n<sub>Cost $0.0000 · 1 turn</sub>"));
}

TEST(FinalCommentBody, IsIdempotentOverAnEarlierFinalBody) {
  FinalReport failed;
  failed.outcome = FinalReport::Outcome::kFailure;
  failed.duration_ms = 1000;
  failed.job_url = kJob;
  failed.error = "boom";
  failed.turns = 2;
  const std::string first = FinalCommentBody("My answer.\n\n---\n\nMore.", failed);
  // A rerun finishing on the same comment keeps the agent's content and only swaps the header.
  const std::string second = FinalCommentBody(first, Success());
  EXPECT_EQ(second, FinalCommentBody("My answer.\n\n---\n\nMore.", Success()));
  EXPECT_THAT(second, Not(HasSubstr("boom")));
  EXPECT_EQ(FinalCommentBody(second, Success()), second);
}

TEST(CompareUrl, EncodesTitleAndBody) {
  EXPECT_EQ(
      CompareUrl("https://github.com/", "acme/widgets", "main", "claude/issue-12-20261121-1530",
                 "Issue #12: Changes from Claude",
                 "Fixes #12\n\nGenerated with [Claude Code](https://claude.ai/code) & co"),
      "https://github.com/acme/widgets/compare/main...claude/issue-12-20261121-1530?quick_pull=1"
      "&title=Issue%20%2312%3A%20Changes%20from%20Claude"
      "&body=Fixes%20%2312%0A%0AGenerated%20with%20%5BClaude%20Code%5D%28https%3A%2F%2Fclaude.ai%"
      "2Fcode%29%20%26%20co");
  EXPECT_EQ(CompareUrl("https://ghe.example", "o/r", "release/1.x", "b#1", "", ""),
            "https://ghe.example/o/r/compare/release/1.x...b%231?quick_pull=1&title=&body=");
}

TEST(FencedBlock, FenceOutgrowsBackticksInside) {
  EXPECT_EQ(FencedBlock("x"), "```\nx\n```");
  EXPECT_EQ(FencedBlock("a ``` b\n", "diff"), "````diff\na ``` b\n````");
  EXPECT_EQ(FencedBlock("`````"), "``````\n`````\n``````");
}

}  // namespace
}  // namespace integrations::github
