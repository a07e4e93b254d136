#include "integrations/github/event.h"

#include <gtest/gtest.h>

#include "integrations/github/webhook_examples_for_test.h"

namespace integrations::github {
namespace {

using runner::base::Json;
using testing::Example;

GithubEvent Parse(std::string_view name, const Json& payload) {
  auto e = ParseEvent(name, payload);
  EXPECT_TRUE(e.has_value()) << (e ? "" : e.error().message);
  return e ? *e : GithubEvent{};
}

TEST(GithubEvent, IssueCommentCreated) {
  GithubEvent e = Parse("issue_comment", Example("issue_comment", "created"));
  EXPECT_EQ(e.kind, EventKind::kIssueComment);
  EXPECT_EQ(e.action, "created");
  EXPECT_EQ(e.repo_owner, "Codertocat");
  EXPECT_EQ(e.repo_name, "Hello-World");
  EXPECT_EQ(e.actor_login, "Codertocat");
  EXPECT_EQ(e.actor_type, "User");
  EXPECT_FALSE(e.actor_is_bot());
  EXPECT_EQ(e.number, 1);
  EXPECT_FALSE(e.is_pr);
  EXPECT_EQ(e.title, "Spelling error in the README file");
  EXPECT_EQ(e.comment_id, 492700400);
  EXPECT_TRUE(e.comment_body.starts_with("You are totally right!"));
}

TEST(GithubEvent, IssueCommentOnPullRequestIsPr) {
  Json payload = Example("issue_comment", "created");
  Json issue = payload["issue"];
  issue.Set("pull_request", runner::base::JsonObject({{"url", "https://api.github.com/x"}}));
  payload.Set("issue", issue);
  EXPECT_TRUE(Parse("issue_comment", payload).is_pr);
}

TEST(GithubEvent, IssuesAssignedAndLabeled) {
  GithubEvent assigned = Parse("issues", Example("issues", "assigned"));
  EXPECT_EQ(assigned.kind, EventKind::kIssues);
  EXPECT_EQ(assigned.assignee, "Codertocat");
  EXPECT_EQ(assigned.number, 1);
  GithubEvent labeled = Parse("issues", Example("issues", "labeled"));
  EXPECT_EQ(labeled.label, "bug");
  GithubEvent opened = Parse("issues", Example("issues", "opened"));
  EXPECT_EQ(opened.action, "opened");
  EXPECT_TRUE(opened.body.starts_with("It looks like you accidently spelled"));
}

TEST(GithubEvent, PullRequestOpenedAndSynchronize) {
  GithubEvent e = Parse("pull_request", Example("pull_request", "opened"));
  EXPECT_EQ(e.kind, EventKind::kPullRequest);
  EXPECT_TRUE(e.is_pr);
  EXPECT_EQ(e.number, 2);
  EXPECT_EQ(e.title, "Update the README with new information.");
  EXPECT_EQ(e.head_ref, "changes");
  EXPECT_EQ(e.base_ref, "master");
  EXPECT_EQ(e.head_repo, "Codertocat/Hello-World");
  EXPECT_FALSE(e.from_fork);
  GithubEvent sync = Parse("pull_request", Example("pull_request", "synchronize"));
  EXPECT_EQ(sync.action, "synchronize");
  EXPECT_TRUE(sync.is_pr);
  EXPECT_GT(sync.number, 0);
}

TEST(GithubEvent, PullRequestTargetFromFork) {
  Json payload = Example("pull_request", "opened");
  Json pr = payload["pull_request"];
  Json head = pr["head"];
  Json repo = head["repo"];
  repo.Set("full_name", "someone/Hello-World");
  head.Set("repo", repo);
  pr.Set("head", head);
  payload.Set("pull_request", pr);
  GithubEvent e = Parse("pull_request_target", payload);
  EXPECT_EQ(e.kind, EventKind::kPullRequest);
  EXPECT_EQ(e.name, "pull_request_target");
  EXPECT_TRUE(e.from_fork);
  EXPECT_EQ(e.head_repo, "someone/Hello-World");
}

TEST(GithubEvent, PullRequestReviewSubmitted) {
  GithubEvent e = Parse("pull_request_review", Example("pull_request_review", "submitted"));
  EXPECT_EQ(e.kind, EventKind::kPullRequestReview);
  EXPECT_EQ(e.review_id, 237895671);
  EXPECT_EQ(e.review_body, "");  // the example review has a null body
  EXPECT_EQ(e.number, 2);
  EXPECT_TRUE(e.is_pr);
}

TEST(GithubEvent, PullRequestReviewCommentCreated) {
  GithubEvent e = Parse("pull_request_review_comment",
                        Example("pull_request_review_comment", "created", 1));
  EXPECT_EQ(e.kind, EventKind::kPullRequestReviewComment);
  EXPECT_EQ(e.comment_id, 284312630);
  EXPECT_EQ(e.comment_body, "Maybe you should use more emoji on this line.");
  ASSERT_TRUE(e.review_comment.has_value());
  EXPECT_EQ(e.review_comment->path, "README.md");
  EXPECT_EQ(e.review_comment->line, 265);
  EXPECT_EQ(e.review_comment->diff_hunk, "@@ -1 +1 @@\n-# Hello-World");
  EXPECT_FALSE(e.review_comment->in_reply_to.has_value());
  // The first example is on an outdated diff: no line.
  GithubEvent outdated = Parse("pull_request_review_comment",
                               Example("pull_request_review_comment", "created", 0));
  ASSERT_TRUE(outdated.review_comment.has_value());
  EXPECT_FALSE(outdated.review_comment->line.has_value());
}

TEST(GithubEvent, WorkflowDispatchAndRun) {
  GithubEvent d = Parse("workflow_dispatch", Example("workflow_dispatch"));
  EXPECT_EQ(d.kind, EventKind::kWorkflowDispatch);
  EXPECT_TRUE(d.inputs.is_object());
  EXPECT_EQ(d.number, 0);
  Json with_inputs = Example("workflow_dispatch");
  with_inputs.Set("inputs", runner::base::JsonObject({{"task", "update deps"}}));
  EXPECT_EQ(Parse("workflow_dispatch", with_inputs).inputs["task"].AsString(), "update deps");

  GithubEvent r = Parse("workflow_run", Example("workflow_run", "completed", 1));
  EXPECT_EQ(r.kind, EventKind::kWorkflowRun);
  EXPECT_EQ(r.action, "completed");
  EXPECT_EQ(r.workflow_run_actor, "Codertocat");
  EXPECT_EQ(r.head_ref, "master");
}

TEST(GithubEvent, ScheduleHandMadeAndEmpty) {
  auto e = ParseEventText("schedule", R"({"schedule":"0 3 * * 1","workflow":".github/workflows/weekly.yml",
    "repository":{"name":"Hello-World","owner":{"login":"Codertocat"}},
    "sender":{"login":"github-actions[bot]","type":"Bot"}})");
  ASSERT_TRUE(e.has_value()) << e.error().message;
  EXPECT_EQ(e->kind, EventKind::kSchedule);
  EXPECT_EQ(e->repo_owner, "Codertocat");
  EXPECT_TRUE(e->actor_is_bot());
  auto empty = ParseEventText("schedule", "");
  ASSERT_TRUE(empty.has_value());
  EXPECT_EQ(empty->kind, EventKind::kSchedule);
}

TEST(GithubEvent, UnsupportedEventIsOther) {
  GithubEvent e = Parse("push", Example("push"));
  EXPECT_EQ(e.kind, EventKind::kOther);
  EXPECT_EQ(e.name, "push");
}

TEST(GithubEvent, Errors) {
  EXPECT_FALSE(ParseEventText("issues", "not json").has_value());
  EXPECT_FALSE(ParseEventText("issues", "").has_value());
  EXPECT_FALSE(ParseEventText("issues", "[]").has_value());
  auto missing = ParseEventText("issue_comment", R"({"action":"created","issue":{"number":1}})");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("comment"), std::string::npos);
}

}  // namespace
}  // namespace integrations::github
