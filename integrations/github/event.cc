#include "integrations/github/event.h"

#include <utility>

#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;
using runner::base::Result;

const char* EventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::kIssues: return "issues";
    case EventKind::kIssueComment: return "issue_comment";
    case EventKind::kPullRequest: return "pull_request";
    case EventKind::kPullRequestReview: return "pull_request_review";
    case EventKind::kPullRequestReviewComment: return "pull_request_review_comment";
    case EventKind::kWorkflowDispatch: return "workflow_dispatch";
    case EventKind::kRepositoryDispatch: return "repository_dispatch";
    case EventKind::kSchedule: return "schedule";
    case EventKind::kWorkflowRun: return "workflow_run";
    case EventKind::kOther: return "other";
  }
  return "other";
}

namespace {

EventKind KindOf(std::string_view name) {
  if (name == "issues") return EventKind::kIssues;
  if (name == "issue_comment") return EventKind::kIssueComment;
  if (name == "pull_request" || name == "pull_request_target") return EventKind::kPullRequest;
  if (name == "pull_request_review") return EventKind::kPullRequestReview;
  if (name == "pull_request_review_comment") return EventKind::kPullRequestReviewComment;
  if (name == "workflow_dispatch") return EventKind::kWorkflowDispatch;
  if (name == "repository_dispatch") return EventKind::kRepositoryDispatch;
  if (name == "schedule") return EventKind::kSchedule;
  if (name == "workflow_run") return EventKind::kWorkflowRun;
  return EventKind::kOther;
}

std::optional<int64_t> OptionalInt(const Json& v) {
  if (v.is_int()) return v.AsInt();
  return std::nullopt;
}

void ReadIssue(const Json& issue, GithubEvent& e) {
  e.number = issue["number"].AsInt();
  e.title = issue["title"].AsString();
  e.body = issue["body"].AsString();
  e.is_pr = issue.Contains("pull_request") && !issue["pull_request"].is_null();
}

void ReadPullRequest(const Json& pr, GithubEvent& e) {
  e.number = pr["number"].AsInt();
  e.is_pr = true;
  e.title = pr["title"].AsString();
  e.body = pr["body"].AsString();
  e.head_ref = pr["head"]["ref"].AsString();
  e.base_ref = pr["base"]["ref"].AsString();
  e.head_repo = pr["head"]["repo"]["full_name"].AsString();
  const std::string& base_repo = pr["base"]["repo"]["full_name"].AsString();
  // A deleted fork has a null head repo: still not this repository.
  e.from_fork = e.head_repo != base_repo;
}

}  // namespace

Result<GithubEvent> ParseEventText(std::string_view event_name, std::string_view payload_text) {
  if (runner::base::Trim(payload_text).empty()) {
    if (event_name == "schedule") return ParseEvent(event_name, Json::MakeObject());
    return Fail(ErrorKind::kParse, "the " + std::string(event_name) + " event payload is empty");
  }
  auto json = Json::Parse(payload_text);
  if (!json) {
    return Fail(ErrorKind::kParse,
                "the " + std::string(event_name) + " event payload is not JSON: " + json.error().message);
  }
  return ParseEvent(event_name, *json);
}

Result<GithubEvent> ParseEvent(std::string_view event_name, const Json& payload) {
  if (!payload.is_object()) {
    return Fail(ErrorKind::kParse, "the " + std::string(event_name) + " event payload is not an object");
  }
  GithubEvent e;
  e.name = std::string(event_name);
  e.kind = KindOf(event_name);
  e.action = payload["action"].AsString();
  const Json& repo = payload["repository"];
  e.repo_owner = repo["owner"]["login"].AsString();
  e.repo_name = repo["name"].AsString();
  e.actor_login = payload["sender"]["login"].AsString();
  e.actor_type = payload["sender"]["type"].AsString();

  auto require = [&](std::string_view key) -> Result<const Json*> {
    const Json* v = payload.Find(key);
    if (!v || !v->is_object()) {
      return Fail(ErrorKind::kParse,
                  "the " + e.name + " event payload has no `" + std::string(key) + "` object");
    }
    return v;
  };

  switch (e.kind) {
    case EventKind::kIssues: {
      auto issue = require("issue");
      if (!issue) return Fail(issue.error());
      ReadIssue(**issue, e);
      e.assignee = payload["assignee"]["login"].AsString();
      e.label = payload["label"]["name"].AsString();
      break;
    }
    case EventKind::kIssueComment: {
      auto issue = require("issue");
      if (!issue) return Fail(issue.error());
      auto comment = require("comment");
      if (!comment) return Fail(comment.error());
      ReadIssue(**issue, e);
      e.comment_body = (**comment)["body"].AsString();
      e.comment_id = (**comment)["id"].AsInt();
      break;
    }
    case EventKind::kPullRequest: {
      auto pr = require("pull_request");
      if (!pr) return Fail(pr.error());
      ReadPullRequest(**pr, e);
      e.assignee = payload["assignee"]["login"].AsString();
      e.label = payload["label"]["name"].AsString();
      break;
    }
    case EventKind::kPullRequestReview: {
      auto pr = require("pull_request");
      if (!pr) return Fail(pr.error());
      auto review = require("review");
      if (!review) return Fail(review.error());
      ReadPullRequest(**pr, e);
      e.review_body = (**review)["body"].AsString();
      e.review_id = (**review)["id"].AsInt();
      break;
    }
    case EventKind::kPullRequestReviewComment: {
      auto pr = require("pull_request");
      if (!pr) return Fail(pr.error());
      auto comment = require("comment");
      if (!comment) return Fail(comment.error());
      ReadPullRequest(**pr, e);
      const Json& c = **comment;
      e.comment_body = c["body"].AsString();
      e.comment_id = c["id"].AsInt();
      e.review_id = c["pull_request_review_id"].AsInt();
      e.review_comment = ReviewComment{c["path"].AsString(), OptionalInt(c["line"]),
                                       c["diff_hunk"].AsString(), OptionalInt(c["in_reply_to_id"])};
      break;
    }
    case EventKind::kWorkflowDispatch:
      e.inputs = payload["inputs"].is_object() ? payload["inputs"] : Json::MakeObject();
      break;
    case EventKind::kWorkflowRun:
      e.workflow_run_actor = payload["workflow_run"]["actor"]["login"].AsString();
      e.head_ref = payload["workflow_run"]["head_branch"].AsString();
      break;
    case EventKind::kRepositoryDispatch:
    case EventKind::kSchedule:
    case EventKind::kOther:
      break;
  }
  e.payload = payload;
  return e;
}

}  // namespace integrations::github
