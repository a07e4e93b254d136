#pragma once
/// A stateful, in-process stand-in for the GitHub REST API, limited to the endpoints that
/// `claude-runner github` calls (FakeGithub::Routes() in fake_github.cc lists them), served by
/// runner::testing::HttpTestServer on a free loopback port:
///   GET   /repos/{o}/{r}/collaborators/{login}/permission   GET /users/{login}   GET /repos/{o}/{r}
///   GET   /repos/{o}/{r}/issues/{n}          GET|POST /repos/{o}/{r}/issues/{n}/comments
///   PATCH /repos/{o}/{r}/issues/comments/{id}
///   GET   /repos/{o}/{r}/pulls/{n}           GET /repos/{o}/{r}/pulls/{n}/files
///   GET   /repos/{o}/{r}/pulls/{n}/comments  GET|POST /repos/{o}/{r}/pulls/{n}/reviews
///   POST  /repos/{o}/{r}/pulls/{n}/comments/{id}/replies
///   PATCH /repos/{o}/{r}/pulls/comments/{id} POST /repos/{o}/{r}/pulls
///   GET   /repos/{o}/{r}/actions/runs?head_sha=&status=   GET /repos/{o}/{r}/actions/runs/{id}/jobs
///   GET   /repos/{o}/{r}/actions/jobs/{id}/logs  (302 to a signed storage URL on the fake)
///   DELETE /installation/token  (204; the token is refused from then on)
///   GET   /repos/{o}/{r}/issues/comments/{id}   GET /repos/{o}/{r}/pulls/comments/{id}
///   POST  /repos/{o}/{r}/git/blobs|trees|commits|refs   PATCH /repos/{o}/{r}/git/refs/heads%2F{branch}
///
/// Responses have GitHub's real shapes: every property the official OpenAPI description
/// (@octokit/openapi) marks required is present with its type (fake_github_test checks each
/// response against the description). Ids are integers, `user` objects are full simple-users,
/// `html_url`s point at `https://github.com/{owner}/{repo}/...`, times are ISO 8601 with `Z`.
///
/// Behaviour:
/// - Every request needs `Authorization: Bearer <token>` or `token <token>`; otherwise 401
///   `{"message":"Bad credentials"}`. Another owner/repo, an unknown route or object: 404
///   `{"message":"Not Found"}`. A body that is not a JSON object: 400 `{"message":"Problems
///   parsing JSON"}` (as GitHub); one that lacks a required field (or has an empty comment
///   body): 422 `{"message":"Validation Failed","errors":[{resource,code,field}]}`.
/// - Lists honour `per_page` (default 30, at most 100) and `page`, and send GitHub's `Link`
///   header (`rel="next"`, `rel="last"`, and `rel="prev"`/`rel="first"` after page 1).
/// - Objects created over the API (comments, replies, reviews, pulls) are authored by the bot
///   identity, `claude[bot]` (type Bot) unless SetIdentity says otherwise.
/// - Permissions: a login given to SetPermission answers that level (`maintain` reads as
///   `write` and `triage` as `read`, with role_name keeping the role, as GitHub does); any other
///   known User answers `read` (a public repository); unknown logins and bots 404
///   (`"<login> is not a user"`).
/// - POST /pulls: 422 when head equals base or an open PR with the same head exists.
/// - POST /pulls/{n}/reviews: `event` COMMENT → COMMENTED, APPROVE → APPROVED, REQUEST_CHANGES →
///   CHANGES_REQUESTED, absent → PENDING; COMMENT/REQUEST_CHANGES with neither body nor
///   comments → 422. Each inline comment needs `path` and `body`, `side`/`start_side` must be
///   LEFT or RIGHT (GitHub's description does not say so; GitHub does); when the PR has files
///   (AddPullFile), `path` must be one of them and `line` (and `start_line`) must be in its
///   patch's hunks on `side` (RIGHT = new lines, LEFT = old lines), else 422 like GitHub's
///   "Line could not be resolved". Inline comments become review comments of the new review.
/// - POST .../comments/{id}/replies: the comment must be in that PR; the reply copies its
///   path/line/side/diff_hunk, has `in_reply_to_id` = the thread's first comment, and (as on
///   GitHub) belongs to a new COMMENTED review with an empty body.
/// - Workflow runs (AddWorkflowRun) are listed newest first, filtered by `head_sha` and by
///   `status` (a status or a conclusion, as GitHub does). A job's log (AddJob) is a redirect to
///   `/_storage/job-logs/{id}?sig=…`, which, like GitHub's log storage, is not the API: it takes
///   no token and answers 400 to a request that carries an Authorization header.
/// - With `Accept: application/vnd.github.full+json`, an issue, issue comment or review comment
///   also has `body_html` and `body_text`: attachment images of AddAttachment become `<img>`s
///   whose src is a signed URL of `/_storage/images/{id}.png?jwt=…` (no token taken, or
///   accepted), as GitHub renders private-user-images links.
/// - The git data API keeps what it was given: blobs (base64), trees (base_tree and entries),
///   commits (signed by the fake: verification.verified true, author = the identity) and branch
///   refs; a PATCH of a ref that does not exist is 422, a POST of one that exists is 422.
///   GitRefs() tells where each branch points.
/// - Faults (FailAll, FailNext) answer before authentication, with `{"message":...}`.
/// Thread-safe: handlers run on the server's threads, one mutex guards the state; the
/// inspection methods return copies.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/testing/http_test_server.h"

namespace github_e2e {

using runner::base::Json;

class FakeGithub {
 public:
  /// Serves the repository `owner/repo`, accepting `token`. The default branch is `main`.
  static runner::base::Result<std::unique_ptr<FakeGithub>> Start(std::string owner,
                                                                 std::string repo,
                                                                 std::string token);
  ~FakeGithub();
  FakeGithub(const FakeGithub&) = delete;
  FakeGithub& operator=(const FakeGithub&) = delete;

  /// `http://127.0.0.1:PORT` (GITHUB_API_URL).
  std::string api_url() const;
  /// `https://github.com` (GITHUB_SERVER_URL): the base of every html_url.
  std::string server_url() const { return "https://github.com"; }

  // --- seeding -------------------------------------------------------------------------------
  /// The author of objects created over the API (default `claude[bot]`, Bot, id 209825114).
  void SetIdentity(std::string login, std::string type = "Bot", int64_t id = 209825114);
  /// Registers a user (type Bot when the login ends in `[bot]` and `type` is left empty).
  void AddUser(std::string login, std::string type = "", std::string name = "");
  /// admin|maintain|write|triage|read|none; registers the user when new.
  void SetPermission(std::string login, std::string permission);
  void SetDefaultBranch(std::string branch);
  void SetPrivate(bool is_private);
  /// The sha a branch's PRs report as head.sha (default: a stable hash of the name).
  void SetBranchSha(std::string branch, std::string sha);
  /// Takes a webhook-style issue (number, title, body, user{login}, state, labels, ...): given
  /// members are kept, the missing required ones filled in, `user` completed. Returns number.
  int64_t AddIssue(Json issue);
  /// Takes a webhook-style pull_request (number, title, body, user, head{ref,sha}, base{ref,sha},
  /// draft, merged, ...); also makes the matching issue (with `pull_request`). Returns number.
  int64_t AddPull(Json pull);
  /// An issue comment by `login` (registered when new). Returns its id.
  int64_t AddIssueComment(int64_t number, std::string login, std::string body,
                          std::string created_at = "");
  /// A review comment: webhook-style (user, body, path, line, side, diff_hunk, commit_id,
  /// in_reply_to_id, pull_request_review_id...). Returns its id.
  int64_t AddReviewComment(int64_t pr, Json comment);
  /// A review (user, body, state, commit_id, submitted_at). Returns its id.
  int64_t AddReview(int64_t pr, Json review);
  /// A changed file: filename, status, additions, deletions, patch (changes, sha, urls filled).
  void AddPullFile(int64_t pr, Json file);
  /// A workflow run: name, head_sha, head_branch, status, conclusion (the rest filled in).
  /// Returns its id.
  int64_t AddWorkflowRun(Json run);
  /// A job of run `run_id`: name, status, conclusion, steps [{name, number, status,
  /// conclusion}]; `log` is what its log download answers. Returns its id.
  int64_t AddJob(int64_t run_id, Json job, std::string log);
  /// An image pasted into a comment: `https://github.com/user-attachments/assets/{id}` in a
  /// body renders as a signed link to these bytes.
  void AddAttachment(std::string id, std::string bytes);

  // --- faults ----------------------------------------------------------------------------------
  /// Every request answers `status` (0 turns it off): the API is down.
  void FailAll(int status);
  /// The next `times` requests whose method matches and whose path (no query) matches
  /// `path_regex` (std::regex_search, ECMAScript) answer `status`.
  void FailNext(std::string method, std::string path_regex, int status, int times = 1);

  // --- inspection (copies) -----------------------------------------------------------------------
  /// The issue's comments as GET would answer them (current bodies), oldest first.
  std::vector<Json> IssueComments(int64_t number) const;
  /// Every body an issue or review comment had, in order: the created one, then each PATCH.
  std::vector<std::string> CommentEdits(int64_t comment_id) const;
  std::vector<Json> ReviewComments(int64_t pr) const;
  /// The PR's reviews, including created ones; each created review also carries `comments`
  /// (the inline comments of its POST, as review comment objects) — a fake-only member.
  std::vector<Json> Reviews(int64_t pr) const;
  /// Every pull request, seeded and created, by number.
  std::vector<Json> Pulls() const;
  /// Every request received, in arrival order.
  std::vector<runner::testing::HttpTestRequest> requests() const;
  /// MonotonicMs() when the first POST of an issue comment arrived; 0 = none yet.
  int64_t first_comment_ms() const;
  /// Whether DELETE /installation/token ended the token.
  bool token_revoked() const;
  /// Branch → commit sha, for refs set through the git data API.
  std::map<std::string, std::string> GitRefs() const;
  /// A commit made through the git data API: message, tree, parents (shas), verification.
  Json GitCommit(const std::string& sha) const;
  /// A tree made through the API: {base_tree, tree: [{path, mode, type, sha}]}.
  Json GitTree(const std::string& sha) const;
  /// A blob's bytes (decoded).
  std::string GitBlob(const std::string& sha) const;

 private:
  struct Route;
  struct Comment {
    int64_t number = 0;  ///< issue or PR number
    Json object;
    std::vector<std::string> bodies;
  };
  struct Fault {
    std::string method;
    std::regex path;
    int status;
    int times;
  };
  struct Reply {
    int status = 200;
    Json body;
    std::string link;      ///< Link header, when paginated
    std::string location;  ///< Location header of a redirect
  };
  using Params = std::vector<std::string>;

  FakeGithub(std::string owner, std::string repo, std::string token);
  void Handle(const runner::testing::HttpTestRequest& request,
              runner::testing::HttpTestResponse& response);
  Reply Dispatch(const runner::testing::HttpTestRequest& request);
  static const std::vector<Route>& Routes();

  // route handlers (called with mutex_ held)
  Reply GetPermission(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply GetUser(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply GetRepo(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply GetIssue(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListIssueComments(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateIssueComment(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply UpdateIssueComment(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply GetPull(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListPullFiles(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListReviews(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListReviewComments(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateReply(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply UpdateReviewComment(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreatePull(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateReview(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListWorkflowRuns(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply ListRunJobs(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply DownloadJobLog(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply RevokeToken(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply GetIssueComment(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateGitBlob(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateGitTree(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateGitCommit(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply CreateGitRef(const runner::testing::HttpTestRequest& r, const Params& p);
  Reply UpdateGitRef(const runner::testing::HttpTestRequest& r, const Params& p);
  Json RefObject(const std::string& branch, const std::string& sha) const;
  Reply GetReviewComment(const runner::testing::HttpTestRequest& r, const Params& p);
  /// Adds body_html/body_text to `object` when the request asks for the full media type.
  Json Rendered(const runner::testing::HttpTestRequest& r, Json object) const;

  // builders (mutex_ held)
  Json UserObject(const std::string& login);
  Json RepoObject();
  Json IssueObject(int64_t number) const;
  Json PullObject(int64_t number) const;
  Reply Page(const runner::testing::HttpTestRequest& r, const std::vector<Json>& all) const;
  int64_t NewReview(int64_t pr, Json fields);
  int64_t NewIssueComment(int64_t number, const std::string& login, std::string body,
                          std::string created_at);
  Json NewReviewComment(int64_t pr, const Json& fields, int64_t review_id);
  Comment* FindComment(int64_t id, bool review);
  std::string BranchSha(const std::string& branch) const;
  std::string RepoUrl() const;
  std::string HtmlRepoUrl() const;

  const std::string owner_, repo_, token_;
  std::unique_ptr<runner::testing::HttpTestServer> server_;

  // Guards everything below; recursive so that handlers can reuse the seeding methods.
  mutable std::recursive_mutex mutex_;
  std::string identity_login_ = "claude[bot]";
  std::string identity_type_ = "Bot";
  int64_t identity_id_ = 209825114;
  std::string default_branch_ = "main";
  bool private_ = false;
  struct User {
    int64_t id;
    std::string type, name;
  };
  std::map<std::string, User> users_;
  std::map<std::string, std::string> permissions_;
  std::map<std::string, std::string> branch_shas_;
  std::map<int64_t, Json> issues_;  ///< every issue and PR (PRs have `pull_request`)
  std::map<int64_t, Json> pulls_;   ///< the PR-only members, by number
  std::map<int64_t, std::vector<Json>> files_;
  std::map<int64_t, std::vector<Json>> reviews_;
  std::vector<Comment> issue_comments_;
  std::vector<Comment> review_comments_;
  std::vector<Fault> faults_;
  std::vector<Json> runs_;                  ///< workflow runs, oldest first
  std::map<int64_t, std::vector<Json>> jobs_;  ///< by run id
  std::map<int64_t, std::string> job_logs_;    ///< by job id
  int fail_all_ = 0;
  int64_t next_id_ = 1000001;
  int64_t next_user_id_ = 5000001;
  int64_t first_comment_ms_ = 0;
  bool token_revoked_ = false;
  std::map<std::string, std::string> attachments_;  ///< asset id → bytes
  std::map<std::string, std::string> git_blobs_;    ///< sha → bytes
  std::map<std::string, Json> git_trees_, git_commits_;
  std::map<std::string, std::string> git_refs_;     ///< branch → sha
};

}  // namespace github_e2e
