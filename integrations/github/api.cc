#include "integrations/github/api.h"

#include <algorithm>
#include <chrono>
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

/// Sleeps in small steps so a cancel (signal, deadline) ends the wait early.
void Sleep(int64_t ms, runner::base::CancelToken* cancel) {
  int64_t end = runner::base::MonotonicMs() + ms;
  while (runner::base::MonotonicMs() < end) {
    if (cancel && cancel->cancelled()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

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

Result<HttpResult> GithubApi::Call(std::string_view method, std::string_view url, const std::string& body) {
  runner::base::HttpRequest req;
  req.method = std::string(method);
  req.url = std::string(url);
  req.timeout_ms = options_.timeout_ms;
  req.connect_timeout_ms = std::min<long>(options_.timeout_ms, 10000);
  // GitHub's media type first; plain JSON too, which GitHub also accepts (and an OpenAPI mock
  // needs, since the description lists application/json).
  req.headers = {{"Accept", "application/vnd.github+json, application/json"},
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
    Sleep(backoff, cancel_);
    backoff *= 2;
  }
}

Result<Json> GithubApi::Send(std::string_view method, std::string_view path, const Json& body) {
  std::string url = options_.api_url + std::string(path);
  auto r = Call(method, url, body.is_null() ? std::string() : body.Dump());
  if (!r) return std::unexpected(r.error());
  if (r->head.status < 200 || r->head.status >= 300) {
    runner::base::Error e{ErrorKind::kNetwork,
                          "GitHub API " + std::string(method) + " " + std::string(path) + " answered " +
                              std::to_string(r->head.status) + ": " + ErrorText(r->body)};
    e.http_status = r->head.status;
    return Fail(std::move(e));
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
      runner::base::Error e{ErrorKind::kNetwork, "GitHub API GET " + std::string(path) + " answered " +
                                                     std::to_string(r->head.status) + ": " + ErrorText(r->body)};
      e.http_status = r->head.status;
      return Fail(std::move(e));
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

}  // namespace integrations::github
