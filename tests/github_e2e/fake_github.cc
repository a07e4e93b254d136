#include "tests/github_e2e/fake_github.h"

#include <algorithm>

#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "tests/github_e2e/github_shapes.h"

namespace github_e2e {

using runner::base::JsonArray;
using runner::base::JsonObject;
using runner::testing::HttpTestRequest;
using runner::testing::HttpTestResponse;

namespace {

constexpr const char* kDocs = "https://docs.github.com/rest";

Json ErrorBody(int status, std::string_view message) {
  return JsonObject({{"message", message},
                     {"documentation_url", kDocs},
                     {"status", std::to_string(status)}});
}

std::string StatusMessage(int status) {
  switch (status) {
    case 401: return "Bad credentials";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 422: return "Validation Failed";
    case 429: return "API rate limit exceeded";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Server Error" : "Error";
  }
}

std::vector<std::pair<std::string, std::string>> QueryPairs(std::string_view target) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  for (const std::string& part : runner::base::Split(target.substr(q + 1), '&')) {
    if (part.empty()) continue;
    size_t eq = part.find('=');
    out.emplace_back(part.substr(0, eq), eq == std::string::npos ? "" : part.substr(eq + 1));
  }
  return out;
}

}  // namespace

struct FakeGithub::Route {
  const char* method;
  std::regex path;
  Reply (FakeGithub::*handler)(const HttpTestRequest&, const Params&);
};

const std::vector<FakeGithub::Route>& FakeGithub::Routes() {
  static const std::string kRepo = "^/repos/([^/]+)/([^/]+)";
  static const std::vector<Route> kRoutes = {
      {"GET", std::regex(kRepo + "/collaborators/([^/]+)/permission$"), &FakeGithub::GetPermission},
      {"GET", std::regex("^/users/([^/]+)$"), &FakeGithub::GetUser},
      {"GET", std::regex(kRepo + "$"), &FakeGithub::GetRepo},
      {"GET", std::regex(kRepo + "/issues/(\\d+)$"), &FakeGithub::GetIssue},
      {"GET", std::regex(kRepo + "/issues/(\\d+)/comments$"), &FakeGithub::ListIssueComments},
      {"POST", std::regex(kRepo + "/issues/(\\d+)/comments$"), &FakeGithub::CreateIssueComment},
      {"PATCH", std::regex(kRepo + "/issues/comments/(\\d+)$"), &FakeGithub::UpdateIssueComment},
      {"GET", std::regex(kRepo + "/pulls/(\\d+)$"), &FakeGithub::GetPull},
      {"GET", std::regex(kRepo + "/pulls/(\\d+)/files$"), &FakeGithub::ListPullFiles},
      {"GET", std::regex(kRepo + "/pulls/(\\d+)/reviews$"), &FakeGithub::ListReviews},
      {"GET", std::regex(kRepo + "/pulls/(\\d+)/comments$"), &FakeGithub::ListReviewComments},
      {"POST", std::regex(kRepo + "/pulls/(\\d+)/comments/(\\d+)/replies$"),
       &FakeGithub::CreateReply},
      {"PATCH", std::regex(kRepo + "/pulls/comments/(\\d+)$"), &FakeGithub::UpdateReviewComment},
      {"POST", std::regex(kRepo + "/pulls$"), &FakeGithub::CreatePull},
      {"POST", std::regex(kRepo + "/pulls/(\\d+)/reviews$"), &FakeGithub::CreateReview},
      {"GET", std::regex(kRepo + "/actions/runs$"), &FakeGithub::ListWorkflowRuns},
      {"GET", std::regex(kRepo + "/actions/runs/(\\d+)/jobs$"), &FakeGithub::ListRunJobs},
      {"GET", std::regex(kRepo + "/actions/jobs/(\\d+)/logs$"), &FakeGithub::DownloadJobLog},
      {"DELETE", std::regex("^/installation/token$"), &FakeGithub::RevokeToken},
      {"GET", std::regex(kRepo + "/issues/comments/(\\d+)$"), &FakeGithub::GetIssueComment},
      {"POST", std::regex(kRepo + "/git/blobs$"), &FakeGithub::CreateGitBlob},
      {"POST", std::regex(kRepo + "/git/trees$"), &FakeGithub::CreateGitTree},
      {"POST", std::regex(kRepo + "/git/commits$"), &FakeGithub::CreateGitCommit},
      {"POST", std::regex(kRepo + "/git/refs$"), &FakeGithub::CreateGitRef},
      {"PATCH", std::regex(kRepo + "/git/refs/(.+)$"), &FakeGithub::UpdateGitRef},
      {"GET", std::regex(kRepo + "/pulls/comments/(\\d+)$"), &FakeGithub::GetReviewComment},
  };
  return kRoutes;
}

FakeGithub::FakeGithub(std::string owner, std::string repo, std::string token)
    : owner_(std::move(owner)), repo_(std::move(repo)), token_(std::move(token)) {}

FakeGithub::~FakeGithub() {
  if (server_) server_->Stop();
}

runner::base::Result<std::unique_ptr<FakeGithub>> FakeGithub::Start(std::string owner,
                                                                   std::string repo,
                                                                   std::string token) {
  std::unique_ptr<FakeGithub> fake(
      new FakeGithub(std::move(owner), std::move(repo), std::move(token)));
  FakeGithub* self = fake.get();
  fake->server_ = TRY(runner::testing::HttpTestServer::Start(
      [self](const HttpTestRequest& request, HttpTestResponse& response) {
        self->Handle(request, response);
      }));
  fake->AddUser(fake->owner_, "User");
  fake->SetIdentity("claude[bot]", "Bot", 209825114);
  return fake;
}

std::string FakeGithub::api_url() const { return server_->url(); }

// --- seeding -------------------------------------------------------------------------------------

void FakeGithub::SetIdentity(std::string login, std::string type, int64_t id) {
  std::lock_guard lock(mutex_);
  identity_login_ = login;
  identity_type_ = type;
  identity_id_ = id;
  users_[login] = User{id, type, ""};
}

void FakeGithub::AddUser(std::string login, std::string type, std::string name) {
  std::lock_guard lock(mutex_);
  if (type.empty()) type = login.ends_with("[bot]") ? "Bot" : "User";
  auto it = users_.find(login);
  int64_t id = it != users_.end() ? it->second.id : next_user_id_++;
  users_[login] = User{id, std::move(type), std::move(name)};
}

void FakeGithub::SetPermission(std::string login, std::string permission) {
  bool known;
  {
    std::lock_guard lock(mutex_);
    known = users_.contains(login);
    permissions_[login] = std::move(permission);
  }
  if (!known) AddUser(login);
}

void FakeGithub::SetDefaultBranch(std::string branch) {
  std::lock_guard lock(mutex_);
  default_branch_ = std::move(branch);
}

void FakeGithub::SetPrivate(bool is_private) {
  std::lock_guard lock(mutex_);
  private_ = is_private;
}

void FakeGithub::SetBranchSha(std::string branch, std::string sha) {
  std::lock_guard lock(mutex_);
  branch_shas_[std::move(branch)] = std::move(sha);
}

std::string FakeGithub::BranchSha(const std::string& branch) const {
  auto it = branch_shas_.find(branch);
  return it != branch_shas_.end() ? it->second : shapes::FakeSha(branch);
}

std::string FakeGithub::RepoUrl() const { return api_url() + "/repos/" + owner_ + "/" + repo_; }
std::string FakeGithub::HtmlRepoUrl() const { return server_url() + "/" + owner_ + "/" + repo_; }

Json FakeGithub::UserObject(const std::string& login) {
  auto it = users_.find(login);
  if (it == users_.end()) {
    std::string type = login.ends_with("[bot]") ? "Bot" : "User";
    it = users_.emplace(login, User{next_user_id_++, type, ""}).first;
  }
  shapes::Site site{api_url(), server_url(), owner_, repo_};
  return shapes::SimpleUser(site, login, it->second.id, it->second.type);
}

Json FakeGithub::RepoObject() {
  shapes::Site site{api_url(), server_url(), owner_, repo_};
  return shapes::Repository(site, UserObject(owner_), default_branch_, private_);
}

/// The completed `user` member of a seeded object (a login string or a partial user).
static std::string SeedLogin(const Json& seed, std::string_view fallback) {
  const Json& user = seed["user"];
  if (user.is_string()) return user.AsString();
  return user["login"].StringOr(fallback);
}

int64_t FakeGithub::AddIssue(Json issue) {
  std::lock_guard lock(mutex_);
  int64_t number = issue["number"].AsInt(0);
  if (number <= 0) number = issues_.empty() ? 1 : issues_.rbegin()->first + 1;
  std::string login = SeedLogin(issue, owner_);
  Json user = UserObject(login);
  if (issue["user"].is_object()) shapes::FillMissing(issue.Slot("user"), user);
  else issue.Set("user", user);
  shapes::Site site{api_url(), server_url(), owner_, repo_};
  Json labels = Json::MakeArray();
  for (const Json& label : issue["labels"].items()) {
    labels.Push(label.is_string() ? shapes::Label(site, label.AsString(), next_id_++) : label);
  }
  std::string api = RepoUrl() + "/issues/" + std::to_string(number);
  std::string now = shapes::IsoSeconds();
  Json defaults = JsonObject({
      {"id", 900000000 + number}, {"node_id", "I_kwDO" + std::to_string(number)},
      {"number", number}, {"title", ""}, {"body", Json()}, {"state", "open"},
      {"state_reason", Json()}, {"locked", false}, {"assignee", Json()},
      {"assignees", Json::MakeArray()}, {"milestone", Json()}, {"comments", 0},
      {"closed_at", Json()}, {"created_at", now}, {"updated_at", now},
      {"author_association", login == owner_ ? "OWNER" : "NONE"},
  });
  shapes::FillMissing(issue, defaults);
  issue.Set("number", number).Set("labels", labels);
  issue.Set("url", api).Set("repository_url", RepoUrl());
  issue.Set("labels_url", api + "/labels{/name}").Set("comments_url", api + "/comments");
  issue.Set("events_url", api + "/events");
  issue.Set("html_url", HtmlRepoUrl() + (issue.Contains("pull_request") ? "/pull/" : "/issues/") +
                            std::to_string(number));
  issues_[number] = std::move(issue);
  return number;
}

int64_t FakeGithub::AddPull(Json pull) {
  int64_t number = pull["number"].AsInt(0);
  {
    std::lock_guard lock(mutex_);
    if (number <= 0) number = issues_.empty() ? 1 : issues_.rbegin()->first + 1;
  }
  std::string web = HtmlRepoUrl() + "/pull/" + std::to_string(number);
  std::string api = RepoUrl() + "/pulls/" + std::to_string(number);
  Json issue = JsonObject({{"number", number}, {"draft", pull["draft"].AsBool()}});
  for (const char* key : {"title", "body", "user", "state", "labels", "created_at",
                          "updated_at", "closed_at", "author_association"}) {
    if (!pull[key].is_null()) issue.Set(key, pull[key]);
  }
  issue.Set("pull_request", JsonObject({{"url", api}, {"html_url", web},
                                        {"diff_url", web + ".diff"}, {"patch_url", web + ".patch"},
                                        {"merged_at", pull["merged_at"]}}));
  AddIssue(issue);

  std::lock_guard lock(mutex_);
  const Json& stored = issues_[number];
  pull.Set("user", stored["user"]).Set("labels", stored["labels"]);
  Json repo = RepoObject();
  auto side = [&](const char* key, const std::string& fallback_ref) {
    std::string ref = pull[key]["ref"].StringOr(fallback_ref);
    return JsonObject({{"label", owner_ + ":" + ref}, {"ref", ref}, {"sha", BranchSha(ref)},
                       {"user", UserObject(owner_)}, {"repo", repo}});
  };
  std::string issue_api = RepoUrl() + "/issues/" + std::to_string(number);
  Json defaults = JsonObject({
      {"id", 800000000 + number}, {"node_id", "PR_kwDO" + std::to_string(number)},
      {"number", number}, {"state", "open"}, {"locked", false}, {"title", ""},
      {"body", Json()}, {"created_at", stored["created_at"]},
      {"updated_at", stored["updated_at"]}, {"closed_at", Json()}, {"merged_at", Json()},
      {"merge_commit_sha", Json()}, {"assignee", Json()}, {"assignees", Json::MakeArray()},
      {"requested_reviewers", Json::MakeArray()}, {"requested_teams", Json::MakeArray()},
      {"milestone", Json()}, {"draft", false},
      {"head", side("head", "feature")}, {"base", side("base", default_branch_)},
      {"author_association", stored["author_association"]}, {"auto_merge", Json()},
      {"active_lock_reason", Json()}, {"merged", false}, {"mergeable", true},
      {"rebaseable", true}, {"mergeable_state", "clean"}, {"merged_by", Json()},
      {"comments", 0}, {"review_comments", 0}, {"maintainer_can_modify", false},
      {"commits", 1}, {"additions", 0}, {"deletions", 0}, {"changed_files", 0},
  });
  shapes::FillMissing(pull, defaults);
  for (const char* key : {"head", "base"}) {  // a seeded sha wins; a seeded ref sets the label
    Json& end = pull.Slot(key);
    end.Set("label", owner_ + ":" + end["ref"].AsString());
  }
  auto href = [](const std::string& url) { return JsonObject({{"href", url}}); };
  std::string statuses = RepoUrl() + "/statuses/" + pull["head"]["sha"].AsString();
  pull.Set("url", api).Set("html_url", web).Set("diff_url", web + ".diff");
  pull.Set("patch_url", web + ".patch").Set("issue_url", issue_api);
  pull.Set("commits_url", api + "/commits").Set("review_comments_url", api + "/comments");
  pull.Set("review_comment_url", RepoUrl() + "/pulls/comments{/number}");
  pull.Set("comments_url", issue_api + "/comments").Set("statuses_url", statuses);
  pull.Set("_links", JsonObject({{"self", href(api)}, {"html", href(web)},
                                 {"issue", href(issue_api)},
                                 {"comments", href(issue_api + "/comments")},
                                 {"review_comments", href(api + "/comments")},
                                 {"review_comment", href(RepoUrl() + "/pulls/comments{/number}")},
                                 {"commits", href(api + "/commits")},
                                 {"statuses", href(statuses)}}));
  pulls_[number] = std::move(pull);
  return number;
}

int64_t FakeGithub::AddIssueComment(int64_t number, std::string login, std::string body,
                                    std::string created_at) {
  std::lock_guard lock(mutex_);
  return NewIssueComment(number, login, std::move(body), std::move(created_at));
}

int64_t FakeGithub::NewIssueComment(int64_t number, const std::string& login, std::string body,
                                    std::string created_at) {
  int64_t id = next_id_++;
  if (created_at.empty()) created_at = shapes::IsoSeconds();
  bool is_pull = pulls_.contains(number);
  std::string issue_api = RepoUrl() + "/issues/" + std::to_string(number);
  Json comment = JsonObject({
      {"id", id}, {"node_id", "IC_kwDO" + std::to_string(id)},
      {"url", RepoUrl() + "/issues/comments/" + std::to_string(id)},
      {"html_url", HtmlRepoUrl() + (is_pull ? "/pull/" : "/issues/") + std::to_string(number) +
                       "#issuecomment-" + std::to_string(id)},
      {"issue_url", issue_api}, {"body", body}, {"user", UserObject(login)},
      {"created_at", created_at}, {"updated_at", created_at},
      {"author_association", login == owner_ ? "OWNER" : "NONE"},
      {"performed_via_github_app", Json()},
  });
  issue_comments_.push_back(Comment{number, std::move(comment), {std::move(body)}});
  return id;
}

Json FakeGithub::NewReviewComment(int64_t pr, const Json& fields, int64_t review_id) {
  int64_t id = next_id_++;
  std::string login = SeedLogin(fields, identity_login_);
  std::string now = shapes::IsoSeconds();
  std::string pull_api = RepoUrl() + "/pulls/" + std::to_string(pr);
  std::string html = HtmlRepoUrl() + "/pull/" + std::to_string(pr) + "#discussion_r" +
                     std::to_string(id);
  std::string commit = pulls_.contains(pr) ? pulls_[pr]["head"]["sha"].AsString() : "";
  std::string self = RepoUrl() + "/pulls/comments/" + std::to_string(id);
  Json comment = fields;
  if (comment["user"].is_object()) shapes::FillMissing(comment.Slot("user"), UserObject(login));
  else comment.Set("user", UserObject(login));
  Json line = fields["line"];
  Json defaults = JsonObject({
      {"id", id}, {"node_id", "PRRC_kwDO" + std::to_string(id)},
      {"pull_request_review_id", review_id > 0 ? Json(review_id) : Json()},
      {"diff_hunk", "@@ -1 +1 @@"}, {"path", ""}, {"position", line}, {"original_position", line},
      {"commit_id", commit}, {"original_commit_id", fields["commit_id"].StringOr(commit)},
      {"body", ""}, {"created_at", now}, {"updated_at", now},
      {"author_association", login == owner_ ? "OWNER" : "NONE"},
      {"start_line", Json()}, {"original_start_line", fields["start_line"]},
      {"start_side", Json()}, {"line", line}, {"original_line", line}, {"side", "RIGHT"},
      {"subject_type", "line"},
  });
  shapes::FillMissing(comment, defaults);
  comment.Set("id", id).Set("url", self).Set("html_url", html).Set("pull_request_url", pull_api);
  comment.Set("_links", JsonObject({{"self", JsonObject({{"href", self}})},
                                    {"html", JsonObject({{"href", html}})},
                                    {"pull_request", JsonObject({{"href", pull_api}})}}));
  review_comments_.push_back(Comment{pr, comment, {comment["body"].AsString()}});
  return comment;
}

int64_t FakeGithub::AddReviewComment(int64_t pr, Json comment) {
  std::lock_guard lock(mutex_);
  int64_t review = comment["pull_request_review_id"].AsInt(0);
  return NewReviewComment(pr, comment, review)["id"].AsInt();
}

int64_t FakeGithub::NewReview(int64_t pr, Json review) {
  int64_t id = next_id_++;
  std::string login = SeedLogin(review, identity_login_);
  std::string html = HtmlRepoUrl() + "/pull/" + std::to_string(pr) + "#pullrequestreview-" +
                     std::to_string(id);
  std::string pull_api = RepoUrl() + "/pulls/" + std::to_string(pr);
  if (review["user"].is_object()) shapes::FillMissing(review.Slot("user"), UserObject(login));
  else review.Set("user", UserObject(login));
  Json defaults = JsonObject({
      {"id", id}, {"node_id", "PRR_kwDO" + std::to_string(id)}, {"body", ""},
      {"state", "COMMENTED"},
      {"commit_id", pulls_.contains(pr) ? pulls_[pr]["head"]["sha"] : Json()},
      {"submitted_at", shapes::IsoSeconds()},
      {"author_association", login == owner_ ? "OWNER" : "NONE"},
  });
  shapes::FillMissing(review, defaults);
  review.Set("id", id).Set("html_url", html).Set("pull_request_url", pull_api);
  review.Set("_links", JsonObject({{"html", JsonObject({{"href", html}})},
                                   {"pull_request", JsonObject({{"href", pull_api}})}}));
  reviews_[pr].push_back(std::move(review));
  return id;
}

int64_t FakeGithub::AddReview(int64_t pr, Json review) {
  std::lock_guard lock(mutex_);
  return NewReview(pr, std::move(review));
}

void FakeGithub::AddPullFile(int64_t pr, Json file) {
  std::lock_guard lock(mutex_);
  std::string name = file["filename"].AsString();
  std::string sha = shapes::FakeSha(name + std::to_string(pr));
  std::string head = pulls_.contains(pr) ? pulls_[pr]["head"]["sha"].AsString() : "HEAD";
  int64_t additions = file["additions"].AsInt(0), deletions = file["deletions"].AsInt(0);
  Json defaults = JsonObject({
      {"sha", sha}, {"status", "modified"}, {"additions", additions},
      {"deletions", deletions}, {"changes", additions + deletions},
      {"blob_url", HtmlRepoUrl() + "/blob/" + head + "/" + name},
      {"raw_url", HtmlRepoUrl() + "/raw/" + head + "/" + name},
      {"contents_url", RepoUrl() + "/contents/" + name + "?ref=" + head},
  });
  shapes::FillMissing(file, defaults);
  files_[pr].push_back(std::move(file));
}

int64_t FakeGithub::AddWorkflowRun(Json run) {
  std::lock_guard lock(mutex_);
  int64_t id = next_id_++;
  std::string api = RepoUrl() + "/actions/runs/" + std::to_string(id);
  std::string branch = run["head_branch"].is_string() ? run["head_branch"].AsString() : default_branch_;
  std::string sha = run["head_sha"].is_string() ? run["head_sha"].AsString() : BranchSha(branch);
  std::string now = shapes::IsoSeconds();
  std::string name = run["name"].StringOr("CI");
  Json repo = RepoObject();
  Json defaults = JsonObject({
      {"id", id}, {"node_id", "WFR_" + std::to_string(id)}, {"name", name},
      {"head_branch", branch}, {"head_sha", sha}, {"path", ".github/workflows/ci.yml"},
      {"run_number", static_cast<int64_t>(runs_.size() + 1)}, {"run_attempt", 1},
      {"display_title", name}, {"event", "pull_request"}, {"status", "completed"},
      {"conclusion", Json()}, {"workflow_id", 161335}, {"url", api},
      {"html_url", HtmlRepoUrl() + "/actions/runs/" + std::to_string(id)},
      {"created_at", now}, {"updated_at", now}, {"run_started_at", now},
      {"jobs_url", api + "/jobs"}, {"logs_url", api + "/logs"},
      {"check_suite_url", RepoUrl() + "/check-suites/" + std::to_string(id)},
      {"cancel_url", api + "/cancel"}, {"rerun_url", api + "/rerun"},
      {"artifacts_url", api + "/artifacts"},
      {"workflow_url", RepoUrl() + "/actions/workflows/161335"},
      {"pull_requests", Json::MakeArray()},
      {"head_commit", JsonObject({{"id", sha}, {"tree_id", shapes::FakeSha("tree" + sha)},
                                  {"message", "a commit"}, {"timestamp", now},
                                  {"author", JsonObject({{"name", "Alice"}, {"email", "alice@example.com"}})},
                                  {"committer", JsonObject({{"name", "Alice"}, {"email", "alice@example.com"}})}})},
      {"repository", repo}, {"head_repository", repo},
  });
  shapes::FillMissing(run, defaults);
  runs_.push_back(std::move(run));
  return id;
}

int64_t FakeGithub::AddJob(int64_t run_id, Json job, std::string log) {
  std::lock_guard lock(mutex_);
  int64_t id = next_id_++;
  const Json* run = nullptr;
  for (const Json& r : runs_) {
    if (r["id"].AsInt() == run_id) run = &r;
  }
  std::string sha = run ? (*run)["head_sha"].AsString() : BranchSha(default_branch_);
  std::string now = shapes::IsoSeconds();
  Json steps = Json::MakeArray();
  for (Json step : job["steps"].items()) {
    shapes::FillMissing(step, JsonObject({{"status", "completed"}, {"conclusion", "success"},
                                          {"started_at", now}, {"completed_at", now}}));
    steps.Push(std::move(step));
  }
  job.Set("steps", std::move(steps));
  Json defaults = JsonObject({
      {"id", id}, {"node_id", "CR_" + std::to_string(id)}, {"run_id", run_id},
      {"run_url", RepoUrl() + "/actions/runs/" + std::to_string(run_id)},
      {"run_attempt", 1}, {"head_sha", sha},
      {"head_branch", run ? (*run)["head_branch"] : Json(default_branch_)},
      {"workflow_name", run ? (*run)["name"] : Json("CI")}, {"name", "build"},
      {"url", RepoUrl() + "/actions/jobs/" + std::to_string(id)},
      {"html_url", HtmlRepoUrl() + "/actions/runs/" + std::to_string(run_id) + "/job/" + std::to_string(id)},
      {"status", "completed"}, {"conclusion", Json()}, {"created_at", now}, {"started_at", now},
      {"completed_at", now}, {"check_run_url", RepoUrl() + "/check-runs/" + std::to_string(id)},
      {"labels", runner::base::JsonArray({"ubuntu-latest"})}, {"runner_id", 1},
      {"runner_name", "GitHub Actions 1"}, {"runner_group_id", 2}, {"runner_group_name", "GitHub Actions"},
  });
  shapes::FillMissing(job, defaults);
  jobs_[run_id].push_back(std::move(job));
  job_logs_[id] = std::move(log);
  return id;
}

void FakeGithub::AddAttachment(std::string id, std::string bytes) {
  std::lock_guard lock(mutex_);
  attachments_[std::move(id)] = std::move(bytes);
}

std::map<std::string, std::string> FakeGithub::GitRefs() const {
  std::lock_guard lock(mutex_);
  return git_refs_;
}

Json FakeGithub::GitCommit(const std::string& sha) const {
  std::lock_guard lock(mutex_);
  auto it = git_commits_.find(sha);
  return it == git_commits_.end() ? Json() : it->second;
}

Json FakeGithub::GitTree(const std::string& sha) const {
  std::lock_guard lock(mutex_);
  auto it = git_trees_.find(sha);
  return it == git_trees_.end() ? Json() : it->second;
}

std::string FakeGithub::GitBlob(const std::string& sha) const {
  std::lock_guard lock(mutex_);
  auto it = git_blobs_.find(sha);
  return it == git_blobs_.end() ? "" : it->second;
}

bool FakeGithub::token_revoked() const {
  std::lock_guard lock(mutex_);
  return token_revoked_;
}

// --- faults and inspection -------------------------------------------------------------------------

void FakeGithub::FailAll(int status) {
  std::lock_guard lock(mutex_);
  fail_all_ = status;
}

void FakeGithub::FailNext(std::string method, std::string path_regex, int status, int times) {
  std::lock_guard lock(mutex_);
  faults_.push_back(Fault{std::move(method), std::regex(path_regex), status, times});
}

std::vector<Json> FakeGithub::IssueComments(int64_t number) const {
  std::lock_guard lock(mutex_);
  std::vector<Json> out;
  for (const Comment& c : issue_comments_) {
    if (c.number == number) out.push_back(c.object);
  }
  return out;
}

std::vector<std::string> FakeGithub::CommentEdits(int64_t comment_id) const {
  std::lock_guard lock(mutex_);
  for (const auto* list : {&issue_comments_, &review_comments_}) {
    for (const Comment& c : *list) {
      if (c.object["id"].AsInt() == comment_id) return c.bodies;
    }
  }
  return {};
}

std::vector<Json> FakeGithub::ReviewComments(int64_t pr) const {
  std::lock_guard lock(mutex_);
  std::vector<Json> out;
  for (const Comment& c : review_comments_) {
    if (c.number == pr) out.push_back(c.object);
  }
  return out;
}

std::vector<Json> FakeGithub::Reviews(int64_t pr) const {
  std::lock_guard lock(mutex_);
  auto it = reviews_.find(pr);
  if (it == reviews_.end()) return {};
  std::vector<Json> out = it->second;
  for (Json& review : out) {
    Json comments = Json::MakeArray();
    for (const Comment& c : review_comments_) {
      if (c.object["pull_request_review_id"].AsInt(-1) == review["id"].AsInt()) {
        comments.Push(c.object);
      }
    }
    review.Set("comments", comments);
  }
  return out;
}

std::vector<Json> FakeGithub::Pulls() const {
  std::lock_guard lock(mutex_);
  std::vector<Json> out;
  for (const auto& entry : pulls_) out.push_back(PullObject(entry.first));
  return out;
}

std::vector<HttpTestRequest> FakeGithub::requests() const { return server_->requests(); }

int64_t FakeGithub::first_comment_ms() const {
  std::lock_guard lock(mutex_);
  return first_comment_ms_;
}

// --- serving -------------------------------------------------------------------------------------

void FakeGithub::Handle(const HttpTestRequest& request, HttpTestResponse& response) {
  if (request.path().starts_with("/_storage/images/")) {
    // A signed image URL: like the job logs' storage, no token.
    if (request.has_header("authorization")) return response.Send(400, {}, "token not expected");
    std::lock_guard lock(mutex_);
    std::string name = request.path().substr(request.path().rfind('/') + 1);  // <n>-<guid>.png
    name = name.substr(0, name.rfind('.'));
    auto image = attachments_.find(name.size() >= 36 ? name.substr(name.size() - 36) : name);
    if (image == attachments_.end() || request.target.find("jwt=") == std::string::npos) {
      return response.Send(404, {}, "not found");
    }
    return response.Send(200, {{"content-type", "image/png"}}, image->second);
  }
  if (request.path().starts_with("/_storage/job-logs/")) {
    // The signed storage URL of a job log: no token wanted (nor accepted), no fault injection.
    if (request.has_header("authorization")) {
      return response.Send(400, {{"content-type", "application/xml"}},
                           "<Error><Code>InvalidAuthenticationInfo</Code></Error>");
    }
    std::lock_guard lock(mutex_);
    auto id = runner::base::ParseInt(request.path().substr(std::string("/_storage/job-logs/").size()));
    auto log = id ? job_logs_.find(*id) : job_logs_.end();
    if (log == job_logs_.end() || request.target.find("?sig=") == std::string::npos) {
      return response.Send(404, {{"content-type", "application/xml"}}, "<Error><Code>BlobNotFound</Code></Error>");
    }
    return response.Send(200, {{"content-type", "text/plain; charset=utf-8"}}, log->second);
  }
  Reply reply = Dispatch(request);
  if (!reply.location.empty()) {
    return response.Send(reply.status, {{"location", reply.location}}, "");
  }
  if (reply.status == 204) return response.Send(204, {}, "");
  runner::base::Headers headers = {{"content-type", "application/json; charset=utf-8"},
                                   {"x-github-api-version-selected", "2022-11-28"},
                                   {"x-github-media-type", "github.v3; format=json"}};
  if (!reply.link.empty()) headers.emplace_back("link", reply.link);
  response.Send(reply.status, headers, reply.body.Dump());
}

FakeGithub::Reply FakeGithub::Dispatch(const HttpTestRequest& request) {
  std::lock_guard lock(mutex_);
  std::string path = request.path();
  if (fail_all_ != 0) return Reply{fail_all_, ErrorBody(fail_all_, StatusMessage(fail_all_))};
  for (Fault& fault : faults_) {
    if (fault.times > 0 && fault.method == request.method &&
        std::regex_search(path, fault.path)) {
      --fault.times;
      return Reply{fault.status, ErrorBody(fault.status, StatusMessage(fault.status))};
    }
  }
  std::string auth = request.header("authorization");
  if ((auth != "Bearer " + token_ && auth != "token " + token_) || token_revoked_) {
    return Reply{401, ErrorBody(401, "Bad credentials")};
  }
  for (const Route& route : Routes()) {
    std::smatch match;
    if (route.method != request.method || !std::regex_match(path, match, route.path)) continue;
    Params params(match.begin() + 1, match.end());
    if (path.starts_with("/repos/") && (!runner::base::IEquals(params[0], owner_) ||
                                        !runner::base::IEquals(params[1], repo_))) {
      break;
    }
    if (request.method == "POST" && path.ends_with("/issues/" + params.back() + "/comments") &&
        first_comment_ms_ == 0) {
      first_comment_ms_ = runner::base::MonotonicMs();
    }
    return (this->*route.handler)(request, params);
  }
  return Reply{404, ErrorBody(404, "Not Found")};
}

FakeGithub::Reply FakeGithub::Page(const HttpTestRequest& r, const std::vector<Json>& all) const {
  auto query = QueryPairs(r.target);
  int64_t per_page = 30, page = 1;
  for (const auto& [key, value] : query) {
    if (key == "per_page") per_page = std::clamp<int64_t>(runner::base::ParseInt(value).value_or(30), 1, 100);
    if (key == "page") page = std::max<int64_t>(runner::base::ParseInt(value).value_or(1), 1);
  }
  int64_t total = static_cast<int64_t>(all.size());
  int64_t last = std::max<int64_t>((total + per_page - 1) / per_page, 1);
  Json items = Json::MakeArray();
  for (int64_t i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i) {
    items.Push(all[static_cast<size_t>(i)]);
  }
  auto page_url = [&](int64_t n) {
    std::string url = api_url() + r.path() + "?";
    bool first = true;
    for (const auto& [key, value] : query) {
      if (key == "page" || key == "per_page") continue;
      url += (first ? "" : "&") + key + "=" + value;
      first = false;
    }
    return url + (first ? "" : "&") + "per_page=" + std::to_string(per_page) +
           "&page=" + std::to_string(n);
  };
  std::vector<std::string> links;
  if (page > 1) links.push_back("<" + page_url(page - 1) + ">; rel=\"prev\"");
  if (page < last) links.push_back("<" + page_url(page + 1) + ">; rel=\"next\"");
  if (page < last) links.push_back("<" + page_url(last) + ">; rel=\"last\"");
  if (page > 1) links.push_back("<" + page_url(1) + ">; rel=\"first\"");
  return Reply{200, std::move(items), runner::base::Join(links, ", ")};
}

}  // namespace github_e2e
