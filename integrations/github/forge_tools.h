#pragma once
/// The tools the agent uses to talk back to GitHub, in-process and named like claude-code-action's
/// MCP tools so existing `allowed_tools` lists keep working:
/// - `mcp__github_comment__update_claude_comment(body)`: replaces the tracking comment's body
///   (secrets redacted first);
/// - `mcp__github_inline_comment__create_inline_comment(path, body, line, startLine?, side?)`:
///   checks that the line is part of the pull request's diff on that side and queues the comment;
///   the runner submits every queued comment as one review at the end;
/// - `mcp__github_ci__get_ci_status(status?)`, `mcp__github_ci__get_workflow_run_details(run_id)`
///   and `mcp__github_ci__download_job_log(job_id)`: the pull request's workflow runs, a run's
///   jobs with their failed steps, and a job's log saved to a file the agent can Read.

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "integrations/github/api.h"
#include "integrations/github/context.h"
#include "runner/agent/embedding.h"

namespace integrations::github {

inline constexpr const char* kUpdateCommentTool = "mcp__github_comment__update_claude_comment";
inline constexpr const char* kInlineCommentTool = "mcp__github_inline_comment__create_inline_comment";
inline constexpr const char* kCiStatusTool = "mcp__github_ci__get_ci_status";
inline constexpr const char* kCiRunDetailsTool = "mcp__github_ci__get_workflow_run_details";
inline constexpr const char* kCiJobLogTool = "mcp__github_ci__download_job_log";

/// Line numbers a review comment may use: lines of the file's patch on the RIGHT (new) or LEFT
/// (old) side, context lines on both.
struct DiffLines {
  std::vector<int64_t> right;
  std::vector<int64_t> left;
  bool Has(std::string_view side, int64_t line) const;
};
DiffLines LinesOfPatch(std::string_view patch);

/// Collects inline comments for the end-of-run review. Thread-safe.
class ReviewDraft {
 public:
  explicit ReviewDraft(std::vector<ChangedFile> files) : files_(std::move(files)) {}
  /// Checks and queues one comment; the error text is for the model.
  runner::base::Result<void> Add(DraftReviewComment comment);
  std::vector<DraftReviewComment> comments() const;

 private:
  std::vector<ChangedFile> files_;
  mutable std::mutex mu_;
  std::vector<DraftReviewComment> comments_;
};

/// `update` replaces the tracking comment's body (the runner redacts and keeps its marker).
runner::agent::ExternalTool UpdateCommentTool(std::function<runner::base::Result<void>(const std::string&)> update);
runner::agent::ExternalTool InlineCommentTool(ReviewDraft& draft);

/// Where the CI tools look and write.
struct CiToolsTarget {
  std::string repository;  ///< owner/name
  int64_t pr_number = 0;
  std::string logs_dir;    ///< job logs go to `<logs_dir>/job-<id>.log`
  int64_t max_log_bytes = 8 << 20;
};
/// The three github_ci tools; `api` is borrowed and must outlive the run.
std::vector<runner::agent::ExternalTool> CiTools(GithubApi& api, CiToolsTarget target);

}  // namespace integrations::github
