// FakeGithub's route handlers: one per endpoint of the table in fake_github.h. Each runs with
// mutex_ held (Dispatch takes it).

#include <algorithm>
#include <optional>

#include "runner/base/strings.h"
#include "tests/github_e2e/fake_github.h"
#include "tests/github_e2e/github_shapes.h"

namespace github_e2e {

using runner::base::JsonArray;
using runner::base::JsonObject;
using runner::testing::HttpTestRequest;

namespace {

constexpr const char* kDocs = "https://docs.github.com/rest";

Json Message(int status, std::string_view message) {
  return JsonObject({{"message", message},
                     {"documentation_url", kDocs},
                     {"status", std::to_string(status)}});
}

/// 422 with GitHub's `errors` array.
Json Unprocessable(std::string_view message, Json errors) {
  Json body = Message(422, message);
  body.Set("errors", std::move(errors));
  return body;
}

Json MissingField(std::string_view resource, std::string_view field) {
  return Unprocessable("Validation Failed", JsonArray({JsonObject(
      {{"resource", resource}, {"code", "missing_field"}, {"field", field}})}));
}

/// The request's JSON object body, or the 400 GitHub answers for anything else.
std::optional<Json> ObjectBody(const HttpTestRequest& r, Json& error) {
  auto parsed = Json::Parse(r.body.empty() ? "{}" : r.body);
  if (!parsed || !parsed->is_object()) {
    error = Message(400, "Problems parsing JSON");
    return std::nullopt;
  }
  return *parsed;
}

int64_t Number(const std::string& text) { return runner::base::ParseInt(text).value_or(0); }

/// The `permission` GitHub reports for a role: maintain reads as write, triage as read.
std::string PermissionLevel(const std::string& role) {
  if (role == "maintain") return "write";
  if (role == "triage") return "read";
  return role;
}

const Json kNotFound = Message(404, "Not Found");

}  // namespace

#define PARSE_BODY(var)                                      \
  Json parse_error_;                                         \
  std::optional<Json> var##_opt = ObjectBody(r, parse_error_); \
  if (!var##_opt) return Reply{400, parse_error_};           \
  Json var = std::move(*var##_opt)

#define REQUIRE_TEXT(obj, field, resource)                                    \
  if (!(obj)[field].is_string() || (obj)[field].AsString().empty())         \
  return Reply{422, MissingField(resource, field)}

FakeGithub::Reply FakeGithub::GetPermission(const HttpTestRequest&, const Params& p) {
  const std::string& login = p[2];
  auto user = users_.find(login);
  auto set = permissions_.find(login);
  if (user == users_.end() || (set == permissions_.end() && user->second.type != "User")) {
    return Reply{404, Message(404, login + " is not a user")};
  }
  std::string role = set != permissions_.end() ? set->second : "read";
  std::string level = PermissionLevel(role);
  Json collaborator = UserObject(login);
  collaborator.Set("role_name", role);
  collaborator.Set("permissions", JsonObject({
      {"admin", level == "admin"}, {"maintain", role == "maintain" || level == "admin"},
      {"push", level == "admin" || level == "write"},
      {"triage", (level != "read" && level != "none") || role == "triage"},
      {"pull", level != "none"}}));
  return Reply{200, JsonObject({{"permission", level}, {"role_name", role},
                                {"user", collaborator}})};
}

FakeGithub::Reply FakeGithub::GetUser(const HttpTestRequest&, const Params& p) {
  auto user = users_.find(p[0]);
  if (user == users_.end()) return Reply{404, kNotFound};
  shapes::Site site{api_url(), server_url(), owner_, repo_};
  return Reply{200, shapes::PublicUser(site, p[0], user->second.id, user->second.type,
                                       user->second.name)};
}

FakeGithub::Reply FakeGithub::GetRepo(const HttpTestRequest&, const Params&) {
  return Reply{200, RepoObject()};
}

Json FakeGithub::IssueObject(int64_t number) const {
  Json issue = issues_.at(number);
  int64_t count = 0;
  for (const Comment& c : issue_comments_) count += c.number == number;
  issue.Set("comments", count);
  return issue;
}

Json FakeGithub::PullObject(int64_t number) const {
  Json pull = pulls_.at(number);
  int64_t comments = 0, review_comments = 0;
  for (const Comment& c : issue_comments_) comments += c.number == number;
  for (const Comment& c : review_comments_) review_comments += c.number == number;
  pull.Set("comments", comments).Set("review_comments", review_comments);
  auto files = files_.find(number);
  if (files != files_.end() && !files->second.empty()) {
    int64_t additions = 0, deletions = 0;
    for (const Json& f : files->second) {
      additions += f["additions"].AsInt();
      deletions += f["deletions"].AsInt();
    }
    pull.Set("additions", additions).Set("deletions", deletions);
    pull.Set("changed_files", static_cast<int64_t>(files->second.size()));
  }
  return pull;
}

FakeGithub::Reply FakeGithub::GetIssue(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!issues_.contains(number)) return Reply{404, kNotFound};
  return Reply{200, Rendered(r, IssueObject(number))};
}

FakeGithub::Reply FakeGithub::GetIssueComment(const HttpTestRequest& r, const Params& p) {
  Comment* comment = FindComment(Number(p[2]), false);
  if (!comment) return Reply{404, kNotFound};
  return Reply{200, Rendered(r, comment->object)};
}

FakeGithub::Reply FakeGithub::GetReviewComment(const HttpTestRequest& r, const Params& p) {
  Comment* comment = FindComment(Number(p[2]), true);
  if (!comment) return Reply{404, kNotFound};
  return Reply{200, Rendered(r, comment->object)};
}

Json FakeGithub::Rendered(const HttpTestRequest& r, Json object) const {
  if (r.header("accept").find("application/vnd.github.full+json") == std::string::npos) return object;
  // A small markdown renderer: attachment images become signed <img> links, the rest is text.
  const std::string body = object["body"].AsString();
  static const std::regex kImage(R"(!\[([^\]]*)\]\(https://github\.com/user-attachments/assets/([A-Za-z0-9-]+)\))");
  std::string html = "<p>", last;
  auto begin = std::sregex_iterator(body.begin(), body.end(), kImage);
  size_t at = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    html += body.substr(at, it->position() - at);
    std::string id = (*it)[2];
    html += "<img src=\"" + api_url() + "/_storage/images/4001/" + std::to_string(400000 + it->position()) + "-" + id + ".png?jwt=" +
            shapes::FakeSha("jwt" + id).substr(0, 12) + "&amp;v=1\" alt=\"" + std::string((*it)[1]) + "\">";
    at = it->position() + it->length();
  }
  html += body.substr(at) + "</p>";
  object.Set("body_html", html);
  object.Set("body_text", body);
  return object;
}

FakeGithub::Reply FakeGithub::ListIssueComments(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!issues_.contains(number)) return Reply{404, kNotFound};
  std::vector<Json> all;
  for (const Comment& c : issue_comments_) {
    if (c.number == number) all.push_back(c.object);
  }
  return Page(r, all);
}

FakeGithub::Reply FakeGithub::CreateIssueComment(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!issues_.contains(number)) return Reply{404, kNotFound};
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "body", "IssueComment");
  int64_t id = NewIssueComment(number, identity_login_, body["body"].AsString(), "");
  return Reply{201, FindComment(id, false)->object};
}

FakeGithub::Comment* FakeGithub::FindComment(int64_t id, bool review) {
  for (Comment& c : review ? review_comments_ : issue_comments_) {
    if (c.object["id"].AsInt() == id) return &c;
  }
  return nullptr;
}

FakeGithub::Reply FakeGithub::UpdateIssueComment(const HttpTestRequest& r, const Params& p) {
  Comment* comment = FindComment(Number(p[2]), false);
  if (!comment) return Reply{404, kNotFound};
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "body", "IssueComment");
  comment->object.Set("body", body["body"]).Set("updated_at", shapes::IsoSeconds());
  comment->bodies.push_back(body["body"].AsString());
  return Reply{200, comment->object};
}

FakeGithub::Reply FakeGithub::UpdateReviewComment(const HttpTestRequest& r, const Params& p) {
  Comment* comment = FindComment(Number(p[2]), true);
  if (!comment) return Reply{404, kNotFound};
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "body", "PullRequestReviewComment");
  comment->object.Set("body", body["body"]).Set("updated_at", shapes::IsoSeconds());
  comment->bodies.push_back(body["body"].AsString());
  return Reply{200, comment->object};
}

FakeGithub::Reply FakeGithub::GetPull(const HttpTestRequest&, const Params& p) {
  int64_t number = Number(p[2]);
  if (!pulls_.contains(number)) return Reply{404, kNotFound};
  return Reply{200, PullObject(number)};
}

FakeGithub::Reply FakeGithub::ListPullFiles(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!pulls_.contains(number)) return Reply{404, kNotFound};
  return Page(r, files_[number]);
}

FakeGithub::Reply FakeGithub::ListReviews(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!pulls_.contains(number)) return Reply{404, kNotFound};
  return Page(r, reviews_[number]);
}

FakeGithub::Reply FakeGithub::ListReviewComments(const HttpTestRequest& r, const Params& p) {
  int64_t number = Number(p[2]);
  if (!pulls_.contains(number)) return Reply{404, kNotFound};
  std::vector<Json> all;
  for (const Comment& c : review_comments_) {
    if (c.number == number) all.push_back(c.object);
  }
  return Page(r, all);
}

FakeGithub::Reply FakeGithub::CreateReply(const HttpTestRequest& r, const Params& p) {
  int64_t pr = Number(p[2]);
  Comment* target = FindComment(Number(p[3]), true);
  if (!pulls_.contains(pr) || !target || target->number != pr) return Reply{404, kNotFound};
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "body", "PullRequestReviewComment");
  Json fields = JsonObject({{"body", body["body"]}, {"user", identity_login_}});
  for (const char* key : {"path", "line", "original_line", "side", "start_line",
                          "original_start_line", "start_side", "diff_hunk", "commit_id",
                          "original_commit_id", "position", "original_position"}) {
    fields.Set(key, target->object[key]);
  }
  const Json& root = target->object["in_reply_to_id"];
  fields.Set("in_reply_to_id", root.is_int() ? root : target->object["id"]);
  int64_t review = NewReview(pr, JsonObject({{"user", identity_login_}, {"body", ""}}));
  return Reply{201, NewReviewComment(pr, fields, review)};
}

FakeGithub::Reply FakeGithub::CreatePull(const HttpTestRequest& r, const Params&) {
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "head", "PullRequest");
  REQUIRE_TEXT(body, "base", "PullRequest");
  if (!body.Contains("issue")) REQUIRE_TEXT(body, "title", "PullRequest");
  std::string head = body["head"].AsString();
  if (size_t colon = head.find(':'); colon != std::string::npos) head = head.substr(colon + 1);
  std::string base = body["base"].AsString();
  auto custom = [](const std::string& message) {
    return Reply{422, Unprocessable("Validation Failed", JsonArray({JsonObject(
                          {{"resource", "PullRequest"}, {"code", "custom"},
                           {"message", message}})}))};
  };
  if (head == base) return custom("No commits between " + base + " and " + head);
  for (const auto& [number, pull] : pulls_) {
    if (pull["head"]["ref"].AsString() == head && pull["state"].AsString() == "open") {
      return custom("A pull request already exists for " + owner_ + ":" + head + ".");
    }
  }
  int64_t number = AddPull(JsonObject({
      {"title", body["title"].StringOr("")}, {"body", body["body"]},
      {"draft", body["draft"].AsBool()}, {"user", JsonObject({{"login", identity_login_}})},
      {"head", JsonObject({{"ref", head}})}, {"base", JsonObject({{"ref", base}})},
      {"maintainer_can_modify", body["maintainer_can_modify"].AsBool()},
  }));
  return Reply{201, PullObject(number)};
}

/// The review state for a POST's `event`; empty when the event is unknown.
static std::string ReviewState(const Json& event) {
  if (event.is_null()) return "PENDING";
  const std::string& e = event.AsString();
  if (e == "COMMENT") return "COMMENTED";
  if (e == "APPROVE") return "APPROVED";
  if (e == "REQUEST_CHANGES") return "CHANGES_REQUESTED";
  return "";
}

FakeGithub::Reply FakeGithub::CreateReview(const HttpTestRequest& r, const Params& p) {
  int64_t pr = Number(p[2]);
  if (!pulls_.contains(pr)) return Reply{404, kNotFound};
  PARSE_BODY(body);
  std::string state = ReviewState(body["event"]);
  if (state.empty()) return Reply{422, MissingField("PullRequestReview", "event")};
  const Json& comments = body["comments"];
  if ((state == "COMMENTED" || state == "CHANGES_REQUESTED") && body["body"].AsString().empty() &&
      comments.empty()) {
    return Reply{422, Unprocessable("Unprocessable Entity",
                                    JsonArray({"Review body is required for " + state}))};
  }
  std::vector<Json> inline_fields;
  for (const Json& c : comments.items()) {
    REQUIRE_TEXT(c, "path", "PullRequestReviewComment");
    REQUIRE_TEXT(c, "body", "PullRequestReviewComment");
    Json fields = c;
    fields.Set("user", identity_login_);
    if (!fields["side"].is_string()) fields.Set("side", "RIGHT");
    for (const char* key : {"side", "start_side"}) {
      if (fields.Contains(key) && fields[key].AsString() != "LEFT" &&
          fields[key].AsString() != "RIGHT") {
        return Reply{422, MissingField("PullRequestReviewComment", key)};
      }
    }
    if (fields["start_line"].is_int() && !fields["start_side"].is_string()) {
      fields.Set("start_side", fields["side"]);
    }
    const std::vector<Json>& files = files_[pr];
    if (!files.empty() && c["line"].is_int()) {
      const Json* file = nullptr;
      for (const Json& f : files) {
        if (f["filename"].AsString() == c["path"].AsString()) file = &f;
      }
      if (!file) {
        return Reply{422, Unprocessable("Unprocessable Entity",
                                        JsonArray({"Path could not be resolved"}))};
      }
      auto hunk = shapes::DiffHunkAt((*file)["patch"].AsString(), c["line"].AsInt(),
                                     fields["side"].AsString());
      bool start_ok = !c["start_line"].is_int() ||
                      shapes::DiffHunkAt((*file)["patch"].AsString(), c["start_line"].AsInt(),
                                         fields["start_side"].AsString());
      if (!hunk || !start_ok) {
        return Reply{422, Unprocessable("Unprocessable Entity",
                                        JsonArray({"Line could not be resolved"}))};
      }
      fields.Set("diff_hunk", *hunk);
    }
    inline_fields.push_back(std::move(fields));
  }
  Json review_fields = JsonObject({{"user", identity_login_},
                                   {"body", body["body"].StringOr("")}, {"state", state}});
  if (body["commit_id"].is_string()) review_fields.Set("commit_id", body["commit_id"]);
  int64_t id = NewReview(pr, review_fields);
  for (Json& fields : inline_fields) {
    if (body["commit_id"].is_string()) fields.Set("commit_id", body["commit_id"]);
    NewReviewComment(pr, fields, id);
  }
  return Reply{200, reviews_[pr].back()};
}

/// The value of query parameter `name` of a request target ("" when absent; no decoding
/// needed for the values used here: shas, statuses, numbers).
static std::string QueryParam(const HttpTestRequest& r, std::string_view name) {
  size_t q = r.target.find('?');
  if (q == std::string::npos) return "";
  for (const std::string& pair : runner::base::Split(r.target.substr(q + 1), '&')) {
    size_t eq = pair.find('=');
    if (pair.substr(0, eq) == name) return eq == std::string::npos ? "" : pair.substr(eq + 1);
  }
  return "";
}

FakeGithub::Reply FakeGithub::ListWorkflowRuns(const HttpTestRequest& r, const Params&) {
  std::string sha = QueryParam(r, "head_sha"), status = QueryParam(r, "status");
  Json list = Json::MakeArray();
  for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {  // newest first
    const Json& run = *it;
    if (!sha.empty() && run["head_sha"].AsString() != sha) continue;
    if (!status.empty() && run["status"].AsString() != status && run["conclusion"].AsString() != status) continue;
    list.Push(run);
  }
  int64_t total = static_cast<int64_t>(list.size());
  return Reply{200, JsonObject({{"total_count", total}, {"workflow_runs", std::move(list)}})};
}

FakeGithub::Reply FakeGithub::ListRunJobs(const HttpTestRequest&, const Params& p) {
  int64_t run_id = Number(p[2]);
  bool known = std::any_of(runs_.begin(), runs_.end(), [&](const Json& run) { return run["id"].AsInt() == run_id; });
  if (!known) return Reply{404, kNotFound};
  Json list = Json::MakeArray();
  for (const Json& job : jobs_[run_id]) list.Push(job);
  int64_t total = static_cast<int64_t>(list.size());
  return Reply{200, JsonObject({{"total_count", total}, {"jobs", std::move(list)}})};
}

FakeGithub::Reply FakeGithub::DownloadJobLog(const HttpTestRequest&, const Params& p) {
  int64_t job_id = Number(p[2]);
  if (!job_logs_.contains(job_id)) return Reply{404, kNotFound};
  Reply reply{302, Json()};
  reply.location = api_url() + "/_storage/job-logs/" + std::to_string(job_id) + "?sig=" +
                   shapes::FakeSha("log" + std::to_string(job_id)).substr(0, 16);
  return reply;
}

FakeGithub::Reply FakeGithub::RevokeToken(const HttpTestRequest&, const Params&) {
  token_revoked_ = true;
  return Reply{204, Json()};
}

FakeGithub::Reply FakeGithub::CreateGitBlob(const HttpTestRequest& r, const Params&) {
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "content", "Blob");
  std::string content = body["content"].AsString();
  if (body["encoding"].AsString() == "base64") {
    auto decoded = runner::base::Base64Decode(content);
    if (!decoded) return Reply{422, MissingField("Blob", "content")};
    content = *decoded;
  }
  std::string sha = shapes::FakeSha("blob " + content);
  git_blobs_[sha] = content;
  return Reply{201, JsonObject({{"url", RepoUrl() + "/git/blobs/" + sha}, {"sha", sha}})};
}

FakeGithub::Reply FakeGithub::CreateGitTree(const HttpTestRequest& r, const Params&) {
  PARSE_BODY(body);
  if (!body["tree"].is_array()) return Reply{422, MissingField("Tree", "tree")};
  Json entries = Json::MakeArray();
  for (const Json& e : body["tree"].items()) {
    if (!e["path"].is_string() || !e["mode"].is_string()) return Reply{422, MissingField("Tree", "tree.path")};
    if (e["sha"].is_string() && !git_blobs_.contains(e["sha"].AsString())) {
      return Reply{422, Unprocessable("tree.sha " + e["sha"].AsString() + " is not a valid blob", Json::MakeArray())};
    }
    entries.Push(e);
  }
  std::string sha = shapes::FakeSha("tree " + body.Dump());
  git_trees_[sha] = JsonObject({{"base_tree", body["base_tree"]}, {"tree", entries}});
  Json shown = Json::MakeArray();
  for (const Json& e : entries.items()) {
    if (e["sha"].is_string()) {
      shown.Push(JsonObject({{"path", e["path"]}, {"mode", e["mode"]}, {"type", "blob"}, {"sha", e["sha"]},
                             {"url", RepoUrl() + "/git/blobs/" + e["sha"].AsString()}}));
    }
  }
  return Reply{201, JsonObject({{"sha", sha}, {"url", RepoUrl() + "/git/trees/" + sha}, {"tree", shown},
                                {"truncated", false}})};
}

FakeGithub::Reply FakeGithub::CreateGitCommit(const HttpTestRequest& r, const Params&) {
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "message", "Commit");
  REQUIRE_TEXT(body, "tree", "Commit");
  if (!git_trees_.contains(body["tree"].AsString())) {
    return Reply{422, Unprocessable("Tree SHA does not exist", Json::MakeArray())};
  }
  std::string now = shapes::IsoSeconds();
  Json parents = Json::MakeArray();
  for (const Json& parent : body["parents"].items()) {
    std::string p = parent.AsString();
    parents.Push(JsonObject({{"sha", p}, {"url", RepoUrl() + "/git/commits/" + p},
                             {"html_url", HtmlRepoUrl() + "/commit/" + p}}));
  }
  std::string sha = shapes::FakeSha("commit " + body.Dump());
  Json person = JsonObject({{"name", identity_login_}, {"email", std::to_string(identity_id_) + "+" + identity_login_ +
                                                                     "@users.noreply.github.com"}, {"date", now}});
  Json commit = JsonObject({
      {"sha", sha}, {"node_id", "C_" + sha.substr(0, 12)}, {"url", RepoUrl() + "/git/commits/" + sha},
      {"html_url", HtmlRepoUrl() + "/commit/" + sha}, {"author", person}, {"committer", person},
      {"tree", JsonObject({{"sha", body["tree"]}, {"url", RepoUrl() + "/git/trees/" + body["tree"].AsString()}})},
      {"message", body["message"]}, {"parents", parents},
      {"verification", JsonObject({{"verified", true}, {"reason", "valid"}, {"signature", "-----BEGIN PGP SIGNATURE-----"},
                                   {"payload", "tree " + body["tree"].AsString()}, {"verified_at", now}})},
  });
  git_commits_[sha] = commit;
  return Reply{201, commit};
}

Json FakeGithub::RefObject(const std::string& branch, const std::string& sha) const {
  return JsonObject({{"ref", "refs/heads/" + branch}, {"node_id", "REF_" + sha.substr(0, 10)},
                     {"url", RepoUrl() + "/git/refs/heads/" + branch},
                     {"object", JsonObject({{"type", "commit"}, {"sha", sha}, {"url", RepoUrl() + "/git/commits/" + sha}})}});
}

FakeGithub::Reply FakeGithub::CreateGitRef(const HttpTestRequest& r, const Params&) {
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "ref", "Reference");
  REQUIRE_TEXT(body, "sha", "Reference");
  std::string ref = body["ref"].AsString();
  if (!ref.starts_with("refs/heads/")) return Reply{422, Unprocessable("Reference name is invalid", Json::MakeArray())};
  std::string branch = ref.substr(11);
  if (git_refs_.contains(branch)) return Reply{422, Unprocessable("Reference already exists", Json::MakeArray())};
  git_refs_[branch] = body["sha"].AsString();
  return Reply{201, RefObject(branch, git_refs_[branch])};
}

FakeGithub::Reply FakeGithub::UpdateGitRef(const HttpTestRequest& r, const Params& p) {
  PARSE_BODY(body);
  REQUIRE_TEXT(body, "sha", "Reference");
  // {ref} is `heads/<branch>`, its slashes sent encoded (%2F) or not.
  std::string ref = p[2];
  for (size_t at = ref.find("%2F"); at != std::string::npos; at = ref.find("%2F")) ref.replace(at, 3, "/");
  for (size_t at = ref.find("%2f"); at != std::string::npos; at = ref.find("%2f")) ref.replace(at, 3, "/");
  if (!ref.starts_with("heads/")) return Reply{422, Unprocessable("Reference does not exist", Json::MakeArray())};
  std::string branch = ref.substr(6);
  // A branch of a seeded pull request exists too (at the PR's head).
  bool known = git_refs_.contains(branch) || branch_shas_.contains(branch);
  if (!known) {
    for (const auto& [n, pull] : pulls_) known = known || pull["head"]["ref"].AsString() == branch;
  }
  if (!known) return Reply{422, Unprocessable("Reference does not exist", Json::MakeArray())};
  git_refs_[branch] = body["sha"].AsString();
  return Reply{200, RefObject(branch, git_refs_[branch])};
}

}  // namespace github_e2e
