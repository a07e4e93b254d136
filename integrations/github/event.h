#pragma once
/// The GitHub Actions event that started a run: `GITHUB_EVENT_NAME` plus the webhook payload at
/// `GITHUB_EVENT_PATH`, reduced to the fields the runner needs. The raw payload is kept as well.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace integrations::github {

enum class EventKind {
  kIssues,
  kIssueComment,
  kPullRequest,  ///< `pull_request` and `pull_request_target`
  kPullRequestReview,
  kPullRequestReviewComment,
  kWorkflowDispatch,
  kRepositoryDispatch,
  kSchedule,
  kWorkflowRun,
  kOther,  ///< any event the runner does not act on (push, check_run, …)
};

const char* EventKindName(EventKind kind);

/// An inline review comment on a pull request diff.
struct ReviewComment {
  std::string path;
  std::optional<int64_t> line;         ///< null for comments on outdated diffs
  std::string diff_hunk;
  std::optional<int64_t> in_reply_to;  ///< id of the comment this one answers
};

struct GithubEvent {
  EventKind kind = EventKind::kOther;
  std::string name;    ///< the event name as given (`pull_request_target`, …)
  std::string action;  ///< payload `action`, empty when the event has none

  std::string repo_owner;
  std::string repo_name;
  std::string actor_login;  ///< payload `sender`
  std::string actor_type;   ///< `User`, `Bot`, `Organization`
  bool actor_is_bot() const { return actor_type == "Bot" || actor_login.ends_with("[bot]"); }

  /// Issue or pull request the event is about; 0 for events without one.
  int64_t number = 0;
  bool is_pr = false;
  std::string title;
  std::string body;

  std::string comment_body;  ///< issue comment or review comment
  int64_t comment_id = 0;
  std::string review_body;
  int64_t review_id = 0;
  std::optional<ReviewComment> review_comment;

  std::string assignee;  ///< `issues.assigned`: the login just assigned
  std::string label;     ///< `issues.labeled`: the label just added

  /// Pull request branches; head_repo is `owner/name` (empty when the fork was deleted).
  std::string head_ref;
  std::string base_ref;
  std::string head_repo;
  bool from_fork = false;

  runner::base::Json inputs;        ///< workflow_dispatch inputs (object, maybe empty)
  std::string workflow_run_actor;   ///< workflow_run: who started the upstream run
  runner::base::Json payload;       ///< the whole payload
};

/// Parses the payload text (the file at GITHUB_EVENT_PATH) of event `event_name`. An empty text is accepted for `schedule`
/// (it has no webhook payload). Entity events without their issue/pull request are errors.
runner::base::Result<GithubEvent> ParseEventText(std::string_view event_name, std::string_view payload_text);
runner::base::Result<GithubEvent> ParseEvent(std::string_view event_name, const runner::base::Json& payload);

}  // namespace integrations::github
