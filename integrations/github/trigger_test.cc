#include "integrations/github/trigger.h"

#include <gtest/gtest.h>

#include "integrations/github/webhook_examples_for_test.h"

namespace integrations::github {
namespace {

using runner::base::Json;
using testing::Example;

// Replaces payload[outer][key] (or payload[key] when outer is empty) with `value`.
Json With(Json payload, std::string_view outer, std::string_view key, Json value) {
  if (outer.empty()) {
    payload.Set(key, std::move(value));
    return payload;
  }
  Json inner = payload[outer];
  inner.Set(key, std::move(value));
  payload.Set(outer, std::move(inner));
  return payload;
}

TriggerDecision Decide(std::string_view name, const Json& payload, TriggerInputs in = {}) {
  auto e = ParseEvent(name, payload);
  EXPECT_TRUE(e.has_value()) << (e ? "" : e.error().message);
  if (!e) return {};
  return DecideTrigger(*e, in);
}

TEST(TriggerPhrase, WholeWordCaseInsensitive) {
  EXPECT_TRUE(ContainsTriggerPhrase("@claude fix it", "@claude"));
  EXPECT_TRUE(ContainsTriggerPhrase("hey @CLAUDE, fix it", "@claude"));
  EXPECT_TRUE(ContainsTriggerPhrase("please look\n@claude", "@claude"));
  EXPECT_TRUE(ContainsTriggerPhrase("thanks @claude!", "@claude"));
  EXPECT_TRUE(ContainsTriggerPhrase("@claude-bot and then @claude: go", "@claude"));
  EXPECT_FALSE(ContainsTriggerPhrase("@claude-bot fix it", "@claude"));
  EXPECT_FALSE(ContainsTriggerPhrase("@claudebot", "@claude"));
  EXPECT_FALSE(ContainsTriggerPhrase("mail@claude", "@claude"));
  EXPECT_FALSE(ContainsTriggerPhrase("", "@claude"));
  EXPECT_FALSE(ContainsTriggerPhrase("anything", ""));
  EXPECT_TRUE(ContainsTriggerPhrase("/ask the bot", "/ask"));
}

TEST(Trigger, IssueCommentCreated) {
  Json base = Example("issue_comment", "created");
  TriggerDecision plain = Decide("issue_comment", base);
  EXPECT_EQ(plain.mode, Mode::kNone);
  EXPECT_NE(plain.reason.find("not in the comment"), std::string::npos) << plain.reason;

  TriggerDecision tagged =
      Decide("issue_comment", With(base, "comment", "body", "@claude please fix the typo"));
  EXPECT_EQ(tagged.mode, Mode::kTag);
  EXPECT_NE(tagged.reason.find("comment"), std::string::npos);

  EXPECT_EQ(Decide("issue_comment", With(base, "comment", "body", "Hey @CLAUDE can you look?")).mode,
            Mode::kTag);
  EXPECT_EQ(Decide("issue_comment", With(base, "comment", "body", "@claude-bot please fix")).mode,
            Mode::kNone);

  TriggerInputs custom;
  custom.trigger_phrase = "/bot";
  EXPECT_EQ(Decide("issue_comment", With(base, "comment", "body", "/bot run it"), custom).mode,
            Mode::kTag);
  EXPECT_EQ(Decide("issue_comment", With(base, "comment", "body", "@claude run it"), custom).mode,
            Mode::kNone);
}

TEST(Trigger, IssueCommentEditedOrDeletedDoesNotTrigger) {
  for (const char* action : {"edited", "deleted"}) {
    Json payload = With(Example("issue_comment", action), "comment", "body", "@claude fix");
    TriggerDecision d = Decide("issue_comment", payload);
    EXPECT_EQ(d.mode, Mode::kNone) << action;
    EXPECT_NE(d.reason.find("only new comments"), std::string::npos) << d.reason;
  }
}

TEST(Trigger, IssueCommentWithPromptIsAutomation) {
  TriggerInputs in;
  in.prompt = "Answer the question in the comment.";
  EXPECT_EQ(Decide("issue_comment", Example("issue_comment", "created"), in).mode,
            Mode::kAutomation);
}

TEST(Trigger, IssuesOpened) {
  Json base = Example("issues", "opened");
  EXPECT_EQ(Decide("issues", base).mode, Mode::kNone);
  TriggerDecision body = Decide("issues", With(base, "issue", "body", "Steps below.\n\n@claude fix this"));
  EXPECT_EQ(body.mode, Mode::kTag);
  EXPECT_NE(body.reason.find("body"), std::string::npos);
  TriggerDecision title = Decide("issues", With(base, "issue", "title", "@Claude: typo in README"));
  EXPECT_EQ(title.mode, Mode::kTag);
  EXPECT_NE(title.reason.find("title"), std::string::npos);
  // The example with a null body does not crash and does not trigger.
  EXPECT_EQ(Decide("issues", Example("issues", "opened", 1)).mode, Mode::kNone);

  TriggerInputs in;
  in.prompt = "Triage this issue.";
  EXPECT_EQ(Decide("issues", base, in).mode, Mode::kAutomation);
}

TEST(Trigger, IssuesAssigned) {
  Json payload = Example("issues", "assigned");  // assigned to Codertocat
  TriggerDecision off = Decide("issues", payload);
  EXPECT_EQ(off.mode, Mode::kNone);
  EXPECT_NE(off.reason.find("assignee_trigger"), std::string::npos);

  TriggerInputs in;
  in.assignee_trigger = "@codertocat";
  TriggerDecision on = Decide("issues", payload, in);
  EXPECT_EQ(on.mode, Mode::kTag);
  EXPECT_NE(on.reason.find("Codertocat"), std::string::npos);

  in.assignee_trigger = "claude-bot";
  EXPECT_EQ(Decide("issues", payload, in).mode, Mode::kNone);
}

TEST(Trigger, IssuesLabeled) {
  Json payload = Example("issues", "labeled");  // label "bug"
  EXPECT_EQ(Decide("issues", payload).mode, Mode::kNone);  // default label_trigger is "claude"
  Json claude_label = payload;
  Json label = claude_label["label"];
  label.Set("name", "Claude");
  claude_label.Set("label", label);
  EXPECT_EQ(Decide("issues", claude_label).mode, Mode::kTag);

  TriggerInputs in;
  in.label_trigger = "BUG";
  EXPECT_EQ(Decide("issues", payload, in).mode, Mode::kTag);
  in.label_trigger = "";
  EXPECT_EQ(Decide("issues", claude_label, in).mode, Mode::kNone);
}

TEST(Trigger, PullRequestOpenedAndSynchronize) {
  Json opened = Example("pull_request", "opened");
  EXPECT_EQ(Decide("pull_request", opened).mode, Mode::kNone);
  EXPECT_EQ(Decide("pull_request", With(opened, "pull_request", "body", "@claude review this")).mode,
            Mode::kTag);

  Json sync = Example("pull_request", "synchronize");
  TriggerDecision no_prompt =
      Decide("pull_request", With(sync, "pull_request", "body", "@claude review this"));
  EXPECT_EQ(no_prompt.mode, Mode::kNone);
  EXPECT_NE(no_prompt.reason.find("only opened or edited"), std::string::npos) << no_prompt.reason;

  TriggerInputs in;
  in.prompt = "Review this pull request.";
  for (const Json* p : {&opened, &sync}) {
    TriggerDecision d = Decide("pull_request", *p, in);
    EXPECT_EQ(d.mode, Mode::kAutomation);
    EXPECT_NE(d.reason.find("prompt"), std::string::npos);
  }
  EXPECT_EQ(Decide("pull_request_target", sync, in).mode, Mode::kAutomation);
}

TEST(Trigger, PullRequestReviewSubmitted) {
  Json review = Example("pull_request_review", "submitted");  // null body
  EXPECT_EQ(Decide("pull_request_review", review).mode, Mode::kNone);
  TriggerDecision d = Decide("pull_request_review",
                             With(review, "review", "body", "Looks odd. @claude can you simplify?"));
  EXPECT_EQ(d.mode, Mode::kTag);
  EXPECT_NE(d.reason.find("review body"), std::string::npos);
  Json dismissed =
      With(Example("pull_request_review", "dismissed"), "review", "body", "@claude simplify");
  EXPECT_EQ(Decide("pull_request_review", dismissed).mode, Mode::kNone);
}

TEST(Trigger, PullRequestReviewCommentCreated) {
  Json comment = Example("pull_request_review_comment", "created");
  EXPECT_EQ(Decide("pull_request_review_comment", comment).mode, Mode::kNone);
  TriggerDecision d = Decide("pull_request_review_comment",
                             With(comment, "comment", "body", "@claude use a constant here."));
  EXPECT_EQ(d.mode, Mode::kTag);
  EXPECT_NE(d.reason.find("review comment"), std::string::npos);
}

TEST(Trigger, AutomationOnlyEvents) {
  Json schedule = runner::base::JsonObject(
      {{"schedule", "0 3 * * 1"}, {"workflow", ".github/workflows/weekly.yml"}});
  struct Case {
    const char* name;
    Json payload;
  };
  for (const Case& c : {Case{"workflow_dispatch", Example("workflow_dispatch")},
                        Case{"workflow_run", Example("workflow_run", "completed")},
                        Case{"repository_dispatch", Example("repository_dispatch")},
                        Case{"schedule", schedule}}) {
    TriggerDecision none = Decide(c.name, c.payload);
    EXPECT_EQ(none.mode, Mode::kNone) << c.name;
    EXPECT_NE(none.reason.find("no prompt"), std::string::npos) << none.reason;
    TriggerInputs in;
    in.prompt = "Update the dependencies.";
    EXPECT_EQ(Decide(c.name, c.payload, in).mode, Mode::kAutomation) << c.name;
  }
}

TEST(Trigger, UnsupportedEvent) {
  TriggerInputs in;
  in.prompt = "Do something.";
  TriggerDecision d = Decide("push", Example("push"), in);
  EXPECT_EQ(d.mode, Mode::kNone);
  EXPECT_NE(d.reason.find("`push` event is not one the runner acts on"), std::string::npos) << d.reason;
}

TEST(Trigger, ReasonsAreOneLine) {
  TriggerDecision d = Decide("issue_comment", Example("issue_comment", "created"));
  EXPECT_EQ(d.reason.find('\n'), std::string::npos);
  EXPECT_FALSE(d.reason.empty());
}

}  // namespace
}  // namespace integrations::github
