#pragma once
/// The GitHub REST calls the runner makes (and no others; tests/github_e2e validates each one
/// against GitHub's OpenAPI description). JSON in, JSON out, over runner::base::HttpClient.
/// Transient failures (network, 429, 5xx) are retried a few times with back-off; any other
/// non-2xx answer is an error whose message names the call, the status and GitHub's message.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace integrations::github {

struct ApiOptions {
  std::string api_url = "https://api.github.com";  ///< GITHUB_API_URL
  std::string token;
  int max_attempts = 3;        ///< per call, for transient failures
  int64_t backoff_ms = 1000;   ///< doubled after each retry; Retry-After wins when shorter than 60 s
  long timeout_ms = 30000;     ///< per request
};

/// One inline comment of a review (`POST /pulls/{n}/reviews`).
struct DraftReviewComment {
  std::string path;
  std::string body;
  int64_t line = 0;
  std::string side = "RIGHT";
  int64_t start_line = 0;  ///< 0 = single-line comment
  std::string start_side;
};

class GithubApi {
 public:
  /// GitHub's media type first; plain JSON too, which GitHub also accepts (and an OpenAPI mock
  /// needs, since the description lists application/json).
  static constexpr std::string_view kDefaultAccept = "application/vnd.github+json, application/json";

  /// `http` and `cancel` (may be null) are borrowed.
  GithubApi(runner::base::HttpClient& http, ApiOptions options, runner::base::CancelToken* cancel);

  const std::string& api_url() const { return options_.api_url; }
  runner::base::CancelToken* cancel() const { return cancel_; }

  /// `GET path` (path starts with `/`); a 404 is an error with http_status 404.
  runner::base::Result<runner::base::Json> Get(std::string_view path);
  /// Every page of a list (`per_page=100`, following `Link: rel="next"`), concatenated; stops
  /// after `max_items`.
  runner::base::Result<runner::base::Json> GetAll(std::string_view path, size_t max_items = 3000);
  runner::base::Result<runner::base::Json> Send(std::string_view method, std::string_view path,
                                                const runner::base::Json& body,
                                                std::string_view accept = kDefaultAccept);

  // The calls, named after what they do.
  runner::base::Result<std::string> CollaboratorPermission(std::string_view repo, std::string_view login);
  runner::base::Result<runner::base::Json> GetUser(std::string_view login);
  runner::base::Result<runner::base::Json> GetRepo(std::string_view repo);
  runner::base::Result<runner::base::Json> GetIssue(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> ListIssueComments(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> CreateIssueComment(std::string_view repo, int64_t number,
                                                              std::string_view body);
  runner::base::Result<runner::base::Json> UpdateIssueComment(std::string_view repo, int64_t id,
                                                              std::string_view body);
  runner::base::Result<runner::base::Json> GetPull(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> ListPullFiles(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> ListReviews(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> ListReviewComments(std::string_view repo, int64_t number);
  runner::base::Result<runner::base::Json> ReplyToReviewComment(std::string_view repo, int64_t number,
                                                                int64_t comment_id, std::string_view body);
  runner::base::Result<runner::base::Json> UpdateReviewComment(std::string_view repo, int64_t id,
                                                               std::string_view body);
  runner::base::Result<runner::base::Json> CreatePull(std::string_view repo, std::string_view title,
                                                      std::string_view head, std::string_view base,
                                                      std::string_view body, bool draft);
  runner::base::Result<runner::base::Json> CreateReview(std::string_view repo, int64_t number,
                                                        std::string_view commit_id, std::string_view body,
                                                        const std::vector<DraftReviewComment>& comments);
  /// `GET path` in GitHub's `full` media type: the object's `body_html` (its markdown rendered,
  /// with signed URLs for attached images).
  runner::base::Result<std::string> GetRenderedBody(std::string_view path);

  // The git data API: commits made here are signed by GitHub ("Verified"), for use_commit_signing.
  struct TreeChange {
    std::string path;
    std::string mode;  ///< "100644", "100755", "120000", "160000" (a submodule)
    std::string type = "blob";  ///< "commit" for a submodule
    std::string sha;   ///< the blob (or submodule commit); empty = the path is deleted
  };
  /// `POST /git/blobs` (base64): the blob's sha.
  runner::base::Result<std::string> CreateBlob(std::string_view repo, std::string_view content);
  /// `POST /git/trees` on `base_tree`: the new tree's sha.
  runner::base::Result<std::string> CreateTree(std::string_view repo, std::string_view base_tree,
                                               const std::vector<TreeChange>& changes);
  /// `POST /git/commits` with one parent and no author (the token's identity; GitHub signs it).
  runner::base::Result<std::string> CreateCommit(std::string_view repo, std::string_view message,
                                                 std::string_view tree, std::string_view parent);
  /// `POST /git/refs` for a new branch, or `PATCH /git/refs/heads%2F<branch>` (no force).
  runner::base::Result<void> SetBranch(std::string_view repo, std::string_view branch, std::string_view sha,
                                       bool create);

  /// `DELETE /installation/token`: ends the installation token this client uses (204).
  runner::base::Result<void> RevokeInstallationToken();

  // GitHub Actions (the github_ci tools; the job's token needs `actions: read`).
  /// `GET /actions/runs?head_sha=` (one page of up to 100 runs); `status` may be empty.
  runner::base::Result<runner::base::Json> ListWorkflowRunsForSha(std::string_view repo, std::string_view sha,
                                                                  std::string_view status);
  /// `GET /actions/runs/{id}/jobs` (one page of up to 100 jobs, the latest attempt).
  runner::base::Result<runner::base::Json> ListJobsForRun(std::string_view repo, int64_t run_id);
  /// `GET /actions/jobs/{id}/logs`: GitHub answers with a redirect to a short-lived storage URL,
  /// which is fetched without the token; the text is written to `path`, at most `max_bytes`
  /// (the end is kept when the log is longer). Returns the bytes written.
  runner::base::Result<int64_t> DownloadJobLog(std::string_view repo, int64_t job_id, const std::string& path,
                                               int64_t max_bytes);

 private:
  runner::base::Result<runner::base::HttpResult> Call(std::string_view method, std::string_view url,
                                                      const std::string& body,
                                                      std::string_view accept = kDefaultAccept);

  runner::base::HttpClient& http_;
  ApiOptions options_;
  runner::base::CancelToken* cancel_;
};

/// The URL of the `rel="next"` link in a `Link` header; empty when there is none.
std::string NextPageUrl(std::string_view link_header);

}  // namespace integrations::github
