#pragma once
/// The bodies of the tracking comment, the one comment per run that shows progress and the
/// answer (formats as in claude-code-action, so people and tools that know it recognise it):
/// - InitialCommentBody: posted before the run starts: "Claude Code is working…" with a
///   spinner image, one short line, a `[View job run](url)` link, and a hidden marker.
/// - the agent rewrites the body while it works (mcp__github_comment__update_claude_comment);
///   the runner keeps the marker on every body (AddTrackingMarker).
/// - FinalCommentBody: at the end, the runner replaces the start with a header (outcome,
///   duration, links), an error block on failure and a cost line, then `---` and the agent's
///   content.
/// Pure text functions; the caller redacts secrets in what it passes (errors, agent text).

#include <cstdint>
#include <string>
#include <string_view>

namespace integrations::github {

/// Hidden marker in every tracking comment; finds the comment again (sticky comments, reruns).
inline constexpr std::string_view kTrackingMarker = "<!-- claude-runner-tracking -->";
/// The animated spinner claude-code-action shows while it works.
inline constexpr std::string_view kSpinnerUrl =
    "https://github.com/user-attachments/assets/5ac382c7-e004-429b-8e35-7feb3e8f9c6f";

std::string InitialCommentBody(std::string_view job_url);
bool IsTrackingComment(std::string_view body);
/// `body` with the marker appended on a line of its own unless it already contains it.
std::string AddTrackingMarker(std::string_view body);

struct FinalReport {
  enum class Outcome { kSuccess, kFailure, kCancelled, kTimedOut };
  Outcome outcome = Outcome::kSuccess;
  std::string trigger_user;  ///< login without `@`; empty = "the task" instead of "@user's task"
  int64_t duration_ms = 0;
  double cost_usd = 0;  ///< with turns == 0 and cost_usd == 0 the cost line is left out
  int64_t turns = 0;
  std::string job_url;
  std::string branch;  ///< shown as a link to branch_url when both are set
  std::string branch_url;
  std::string pr_url;       ///< "View PR ➔" when set,
  std::string compare_url;  ///< else "Create PR ➔" when set
  std::string error;        ///< failure detail in a fenced block (redact before passing)
};

/// The final body: header line, error block (failures, cancellations and timeouts with an
/// error), a `<sub>` cost line, `---` and the agent's content from `current_body` — with the
/// initial "working…" line, spinner, filler line, job link and any header block of an earlier
/// final body removed — and the marker.
std::string FinalCommentBody(std::string_view current_body, const FinalReport& report);

/// `45s`, `1m 23s`, `1h 2m` (whole seconds, rounded down; negative counts as 0).
std::string FormatDuration(int64_t ms);

/// GitHub's prefilled "open a pull request" link:
/// `{server}/{repo}/compare/{base}...{branch}?quick_pull=1&title=…&body=…`, with base and
/// branch percent-encoded as paths (`/` kept) and title and body as query values.
std::string CompareUrl(std::string_view server_url, std::string_view repo, std::string_view base,
                       std::string_view branch, std::string_view title, std::string_view body);

/// Percent-encodes everything but `A-Z a-z 0-9 - _ . ~` (and `/` when keep_slash).


/// `text` in a fenced code block whose fence is longer than any backtick run inside.
std::string FencedBlock(std::string_view text, std::string_view language = "");

}  // namespace integrations::github
