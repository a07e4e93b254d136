#include "integrations/github/api.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <thread>
#include <utility>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::HttpResult;
using runner::base::Json;
using runner::base::JsonObject;
using runner::base::Result;

namespace {

std::string Num(int64_t n) { return std::to_string(n); }

bool Transient(int status) { return status == 429 || status >= 500; }

/// GitHub's `message`, plus the first validation error's detail when there is one.
std::string ErrorText(const std::string& body) {
  auto parsed = Json::Parse(body);
  if (!parsed || !parsed->is_object()) return runner::base::Utf8Prefix(body, 200);
  std::string text = (*parsed)["message"].AsString();
  const Json& errors = (*parsed)["errors"];
  if (errors.is_array() && errors.size() > 0) {
    const Json& first = errors.at(0);
    std::string detail = first.is_string() ? first.AsString() : first["message"].AsString();
    if (detail.empty() && first.is_object()) detail = first["field"].AsString() + " " + first["code"].AsString();
    if (!runner::base::Trim(detail).empty()) text += " (" + detail + ")";
  }
  return text;
}

/// `GitHub API <method> <path> answered <status>: <why>`, with http_status set.
std::unexpected<runner::base::Error> Answered(std::string_view method, std::string_view path, int status,
                                              const std::string& why) {
  runner::base::Error e{ErrorKind::kNetwork, "GitHub API " + std::string(method) + " " + std::string(path) +
                                                 " answered " + std::to_string(status) + ": " + why};
  e.http_status = status;
  return Fail(std::move(e));
}

}  // namespace

std::string NextPageUrl(std::string_view link_header) {
  for (const std::string& part : runner::base::Split(link_header, ',')) {
    if (part.find("rel=\"next\"") == std::string::npos) continue;
    size_t open = part.find('<');
    size_t close = part.find('>', open);
    if (open != std::string::npos && close != std::string::npos) return part.substr(open + 1, close - open - 1);
  }
  return "";
}

GithubApi::GithubApi(runner::base::HttpClient& http, ApiOptions options,
                     runner::base::CancelToken* cancel)
    : http_(http), options_(std::move(options)), cancel_(cancel) {
  while (options_.api_url.ends_with('/')) options_.api_url.pop_back();
}

Result<HttpResult> GithubApi::Call(std::string_view method, std::string_view url, const std::string& body,
                                   std::string_view accept) {
  runner::base::HttpRequest req;
  req.method = std::string(method);
  req.url = std::string(url);
  req.timeout_ms = options_.timeout_ms;
  req.connect_timeout_ms = std::min<long>(options_.timeout_ms, 10000);
  req.headers = {{"Accept", std::string(accept)},
                 {"X-GitHub-Api-Version", "2022-11-28"},
                 {"User-Agent", "claude-runner"}};
  if (!options_.token.empty()) req.headers.push_back({"Authorization", "Bearer " + options_.token});
  if (!body.empty()) {
    req.headers.push_back({"Content-Type", "application/json"});
    req.body = body;
  }
  // A POST that failed after it was sent may have created its comment, PR or review: only a
  // rate-limit answer (nothing was done) is retried. GET and PATCH are safe to repeat.
  bool creates = req.method == "POST";
  int64_t backoff = options_.backoff_ms;
  for (int attempt = 1;; ++attempt) {
    auto r = http_.Send(req, nullptr, cancel_);
    bool last = attempt >= options_.max_attempts || (cancel_ && cancel_->cancelled());
    if (!r) {
      if (last || creates || r.error().kind == ErrorKind::kInterrupted || r.error().kind == ErrorKind::kTimeout) {
        r.error().message = "GitHub API " + req.method + " " + std::string(url) + ": " + r.error().message;
        return r;
      }
    } else if (!Transient(r->head.status) || last || (creates && r->head.status != 429)) {
      return r;
    } else {
      auto after = runner::base::ParseInt(runner::base::FindHeader(r->head.headers, "retry-after"));
      if (after && *after >= 0 && *after <= 60) backoff = std::max<int64_t>(backoff, *after * 1000);
    }
    runner::base::SleepCancellable(backoff, cancel_);
    backoff *= 2;
  }
}

Result<Json> GithubApi::Send(std::string_view method, std::string_view path, const Json& body,
                             std::string_view accept) {
  std::string url = options_.api_url + std::string(path);
  auto r = Call(method, url, body.is_null() ? std::string() : body.Dump(), accept);
  if (!r) return std::unexpected(r.error());
  if (r->head.status < 200 || r->head.status >= 300) {
    return Answered(method, path, r->head.status, ErrorText(r->body));
  }
  if (runner::base::Trim(r->body).empty()) return Json();
  auto parsed = Json::Parse(r->body);
  if (!parsed) {
    return Fail(ErrorKind::kParse, "GitHub API " + std::string(method) + " " + std::string(path) +
                                       ": the answer is not JSON");
  }
  return parsed;
}

Result<Json> GithubApi::Get(std::string_view path) { return Send("GET", path, Json()); }

Result<Json> GithubApi::GetAll(std::string_view path, size_t max_items) {
  std::string url = options_.api_url + std::string(path) +
                    (path.find('?') == std::string_view::npos ? "?" : "&") + "per_page=100";
  Json all = Json::MakeArray();
  while (!url.empty() && all.size() < max_items) {
    auto r = Call("GET", url, "");
    if (!r) return std::unexpected(r.error());
    if (r->head.status != 200) {
      return Answered("GET", path, r->head.status, ErrorText(r->body));
    }
    auto page = Json::Parse(r->body);
    if (!page || !page->is_array()) {
      return Fail(ErrorKind::kParse, "GitHub API GET " + std::string(path) + ": the answer is not a JSON array");
    }
    for (const Json& item : page->items()) all.Push(item);
    url = NextPageUrl(runner::base::FindHeader(r->head.headers, "link"));
    // Follow only links to the same API (a page link elsewhere would leak the token).
    if (!url.empty() && !url.starts_with(options_.api_url + "/")) url.clear();
  }
  return all;
}

Result<std::string> GithubApi::CollaboratorPermission(std::string_view repo, std::string_view login) {
  Json j = TRY(Get("/repos/" + std::string(repo) + "/collaborators/" + std::string(login) + "/permission"));
  return j["permission"].AsString();
}

Result<Json> GithubApi::GetUser(std::string_view login) { return Get("/users/" + std::string(login)); }

Result<Json> GithubApi::GetRepo(std::string_view repo) { return Get("/repos/" + std::string(repo)); }

Result<Json> GithubApi::GetIssue(std::string_view repo, int64_t number) {
  return Get("/repos/" + std::string(repo) + "/issues/" + Num(number));
}

Result<Json> GithubApi::ListIssueComments(std::string_view repo, int64_t number) {
  return GetAll("/repos/" + std::string(repo) + "/issues/" + Num(number) + "/comments");
}

Result<Json> GithubApi::CreateIssueComment(std::string_view repo, int64_t number, std::string_view body) {
  return Send("POST", "/repos/" + std::string(repo) + "/issues/" + Num(number) + "/comments",
              JsonObject({{"body", body}}));
}

Result<Json> GithubApi::UpdateIssueComment(std::string_view repo, int64_t id, std::string_view body) {
  return Send("PATCH", "/repos/" + std::string(repo) + "/issues/comments/" + Num(id), JsonObject({{"body", body}}));
}

Result<Json> GithubApi::GetPull(std::string_view repo, int64_t number) {
  return Get("/repos/" + std::string(repo) + "/pulls/" + Num(number));
}

Result<Json> GithubApi::ListPullFiles(std::string_view repo, int64_t number) {
  return GetAll("/repos/" + std::string(repo) + "/pulls/" + Num(number) + "/files");
}

Result<Json> GithubApi::ListReviews(std::string_view repo, int64_t number) {
  return GetAll("/repos/" + std::string(repo) + "/pulls/" + Num(number) + "/reviews");
}

Result<Json> GithubApi::ListReviewComments(std::string_view repo, int64_t number) {
  return GetAll("/repos/" + std::string(repo) + "/pulls/" + Num(number) + "/comments");
}

Result<Json> GithubApi::ReplyToReviewComment(std::string_view repo, int64_t number, int64_t comment_id,
                                             std::string_view body) {
  return Send("POST", "/repos/" + std::string(repo) + "/pulls/" + Num(number) + "/comments/" + Num(comment_id) + "/replies",
              JsonObject({{"body", body}}));
}

Result<Json> GithubApi::UpdateReviewComment(std::string_view repo, int64_t id, std::string_view body) {
  return Send("PATCH", "/repos/" + std::string(repo) + "/pulls/comments/" + Num(id), JsonObject({{"body", body}}));
}

Result<Json> GithubApi::CreatePull(std::string_view repo, std::string_view title, std::string_view head,
                                   std::string_view base, std::string_view body, bool draft) {
  return Send("POST", "/repos/" + std::string(repo) + "/pulls",
              JsonObject({{"title", title}, {"head", head}, {"base", base}, {"body", body}, {"draft", draft}}));
}

Result<Json> GithubApi::CreateReview(std::string_view repo, int64_t number, std::string_view commit_id,
                                     std::string_view body, const std::vector<DraftReviewComment>& comments) {
  Json list = Json::MakeArray();
  for (const DraftReviewComment& c : comments) {
    Json item = JsonObject({{"path", c.path}, {"body", c.body}, {"line", c.line}, {"side", c.side}});
    if (c.start_line > 0 && c.start_line < c.line) {
      item.Set("start_line", c.start_line);
      item.Set("start_side", c.start_side.empty() ? c.side : c.start_side);
    }
    list.Push(std::move(item));
  }
  Json body_json = JsonObject({{"event", "COMMENT"}, {"comments", std::move(list)}});
  if (!commit_id.empty()) body_json.Set("commit_id", commit_id);
  if (!body.empty()) body_json.Set("body", body);
  return Send("POST", "/repos/" + std::string(repo) + "/pulls/" + Num(number) + "/reviews", body_json);
}

Result<std::string> GithubApi::GetRenderedBody(std::string_view path) {
  Json object = TRY(Send("GET", path, Json(), "application/vnd.github.full+json, application/json"));
  return object["body_html"].AsString();
}

Result<std::string> GithubApi::CreateBlob(std::string_view repo, std::string_view content) {
  Json blob = TRY(Send("POST", "/repos/" + std::string(repo) + "/git/blobs",
                       JsonObject({{"content", runner::base::Base64(content)}, {"encoding", "base64"}})));
  return blob["sha"].AsString();
}

Result<std::string> GithubApi::CreateTree(std::string_view repo, std::string_view base_tree,
                                          const std::vector<TreeChange>& changes) {
  Json entries = Json::MakeArray();
  for (const TreeChange& c : changes) {
    entries.Push(JsonObject({{"path", c.path}, {"mode", c.mode}, {"type", c.type},
                             {"sha", c.sha.empty() ? Json() : Json(c.sha)}}));
  }
  Json tree = TRY(Send("POST", "/repos/" + std::string(repo) + "/git/trees",
                       JsonObject({{"base_tree", base_tree}, {"tree", std::move(entries)}})));
  return tree["sha"].AsString();
}

Result<std::string> GithubApi::CreateCommit(std::string_view repo, std::string_view message, std::string_view tree,
                                            std::string_view parent) {
  Json commit = TRY(Send("POST", "/repos/" + std::string(repo) + "/git/commits",
                         JsonObject({{"message", message}, {"tree", tree},
                                     {"parents", runner::base::JsonArray({std::string(parent)})}})));
  return commit["sha"].AsString();
}

Result<void> GithubApi::SetBranch(std::string_view repo, std::string_view branch, std::string_view sha, bool create) {
  if (create) {
    TRY(Send("POST", "/repos/" + std::string(repo) + "/git/refs",
             JsonObject({{"ref", "refs/heads/" + std::string(branch)}, {"sha", sha}})));
  } else {
    // {ref} is one path segment: its slashes are encoded, as GitHub's own clients send them.
    TRY(Send("PATCH", "/repos/" + std::string(repo) + "/git/refs/" + runner::base::PercentEncode("heads/" + std::string(branch)),
             JsonObject({{"sha", sha}, {"force", false}})));
  }
  return {};
}

Result<void> GithubApi::RevokeInstallationToken() {
  TRY(Send("DELETE", "/installation/token", Json()));
  return {};
}

Result<Json> GithubApi::ListWorkflowRunsForSha(std::string_view repo, std::string_view sha,
                                               std::string_view status) {
  std::string path = "/repos/" + std::string(repo) + "/actions/runs?head_sha=" +
                     runner::base::PercentEncode(sha) + "&per_page=100";
  if (!status.empty()) path += "&status=" + runner::base::PercentEncode(status);
  return Get(path);
}

Result<Json> GithubApi::ListJobsForRun(std::string_view repo, int64_t run_id) {
  return Get("/repos/" + std::string(repo) + "/actions/runs/" + Num(run_id) + "/jobs?per_page=100");
}

Result<int64_t> GithubApi::DownloadJobLog(std::string_view repo, int64_t job_id, const std::string& path,
                                          int64_t max_bytes) {
  std::string api_path = "/repos/" + std::string(repo) + "/actions/jobs/" + Num(job_id) + "/logs";
  auto r = Call("GET", options_.api_url + api_path, "");
  if (!r) return std::unexpected(r.error());
  std::string text;
  int64_t dropped = 0;  // bytes left out at the start: a failure shows at a log's end
  auto keep_end = [&](int64_t limit) {
    if (static_cast<int64_t>(text.size()) <= limit) return;
    size_t cut = text.size() - static_cast<size_t>(max_bytes);
    text.erase(0, cut);
    dropped += static_cast<int64_t>(cut);
  };
  if (r->head.status == 301 || r->head.status == 302 || r->head.status == 307) {
    std::string location = runner::base::FindHeader(r->head.headers, "location");
    if (location.empty()) return Answered("GET", api_path, r->head.status, "a redirect without a Location");
    if (!location.starts_with("https://") && !location.starts_with(options_.api_url + "/")) {
      return Answered("GET", api_path, r->head.status, "a redirect to a URL that is not https: " + location);
    }
    // The storage URL is signed: the token is not sent there.
    runner::base::HttpRequest req;
    req.method = "GET";
    req.url = location;
    req.timeout_ms = std::max<long>(options_.timeout_ms, 120000);
    req.connect_timeout_ms = std::min<long>(options_.timeout_ms, 10000);
    req.headers = {{"User-Agent", "claude-runner"}};
    auto on_chunk = [&](const runner::base::HttpResponseHead&, std::string_view chunk) {
      text.append(chunk);
      keep_end(max_bytes + (1 << 20));  // bounded in memory however long the log
      return true;
    };
    auto log = http_.Send(req, on_chunk, cancel_);
    if (!log) {
      log.error().message = "downloading the log of job " + Num(job_id) + ": " + log.error().message;
      return std::unexpected(log.error());
    }
    if (log->head.status != 200) {
      return Answered("GET", api_path, log->head.status, "the log storage answered " + std::to_string(log->head.status));
    }
  } else if (r->head.status == 200) {
    text = std::move(r->body);
  } else {
    return Answered("GET", api_path, r->head.status, ErrorText(r->body));
  }
  keep_end(max_bytes);
  if (dropped > 0) {
    size_t line = text.find('\n');  // start at a whole line
    if (line != std::string::npos && line + 1 < text.size()) {
      text.erase(0, line + 1);
      dropped += static_cast<int64_t>(line + 1);
    }
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (dropped > 0) out << "[the log's first " << dropped << " bytes were left out]\n";
  out << text;
  if (!out.flush()) return Fail(ErrorKind::kIo, "cannot write " + path);
  return static_cast<int64_t>(out.tellp());
}

}  // namespace integrations::github
