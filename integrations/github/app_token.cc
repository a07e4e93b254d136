#include "integrations/github/app_token.h"

#include <chrono>
#include <thread>

#include "runner/base/clock.h"
#include "runner/base/strings.h"

namespace integrations::github {

using runner::base::ErrorKind;
using runner::base::Fail;
using runner::base::Json;
using runner::base::JsonObject;
using runner::base::Result;

namespace {

/// The message of an error answer: `{"error":{"message"}}`, `{"message"}`, `{"error":"…"}`, or
/// the start of the text.
std::string AnswerMessage(const std::string& body) {
  auto parsed = Json::Parse(body);
  if (parsed && parsed->is_object()) {
    const Json& e = (*parsed)["error"];
    if (e["message"].is_string()) return e["message"].AsString();
    if (e.is_string()) return e.AsString();
    if ((*parsed)["message"].is_string()) return (*parsed)["message"].AsString();
  }
  return runner::base::Utf8Prefix(std::string(runner::base::Trim(body)), 200);
}

/// A request with the bearer token, JSON answers, and the exchange's time limits.
runner::base::HttpRequest BearerRequest(std::string method, std::string url, const std::string& bearer) {
  runner::base::HttpRequest req;
  req.method = std::move(method);
  req.url = std::move(url);
  req.headers = {{"Authorization", "Bearer " + bearer}, {"Accept", "application/json"}};
  req.timeout_ms = 30000;
  req.connect_timeout_ms = 10000;
  return req;
}

/// Sends `req`, again after a network error, 429 or 5xx (GitHub's token service and the exchange
/// are busy at times); a 4xx refusal is final. Returns the last answer.
Result<runner::base::HttpResult> SendRetrying(runner::base::HttpClient& http, const runner::base::HttpRequest& req,
                                              const AppTokenRequest& r, runner::base::CancelToken* cancel) {
  Result<runner::base::HttpResult> answer = Fail(ErrorKind::kNetwork, "not sent");
  int64_t backoff = r.backoff_ms;
  for (int attempt = 1; attempt <= r.max_attempts; ++attempt) {
    answer = http.Send(req, nullptr, cancel);
    bool transient = !answer ? answer.error().kind != ErrorKind::kInterrupted
                             : answer->head.status == 429 || answer->head.status >= 500;
    if (!transient || attempt == r.max_attempts || (cancel && cancel->cancelled())) break;
    runner::base::SleepCancellable(backoff, cancel);
    backoff *= 2;
  }
  return answer;
}

Result<std::string> IdToken(runner::base::HttpClient& http, const AppTokenRequest& r, runner::base::CancelToken* cancel) {
  std::string url = r.id_token_url + (r.id_token_url.find('?') == std::string::npos ? "?" : "&") +
                    "audience=" + runner::base::PercentEncode(kAppTokenAudience);
  auto answer = SendRetrying(http, BearerRequest("GET", url, r.id_token_bearer), r, cancel);
  std::string why;
  if (!answer) {
    why = answer.error().message;
  } else if (answer->head.status != 200) {
    why = "HTTP " + std::to_string(answer->head.status) + ": " + AnswerMessage(answer->body);
  } else if (auto parsed = Json::Parse(answer->body); parsed && !(*parsed)["value"].AsString().empty()) {
    return (*parsed)["value"].AsString();
  } else {
    why = "the answer has no token";
  }
  return Fail(ErrorKind::kAuth, "getting the job's OIDC token failed (" + why + ")");
}

}  // namespace

Result<Json> AppTokenPermissions(std::string_view additional) {
  Json permissions = JsonObject({{"contents", "write"}, {"pull_requests", "write"}, {"issues", "write"}});
  for (const std::string& raw : runner::base::Split(additional, '\n')) {
    std::string_view line = runner::base::Trim(raw);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    std::string name(runner::base::Trim(line.substr(0, colon == std::string_view::npos ? line.size() : colon)));
    std::string level = colon == std::string_view::npos ? "" : std::string(runner::base::Trim(line.substr(colon + 1)));
    if (name.empty() || (level != "read" && level != "write")) {
      return Fail(ErrorKind::kUsage, "additional_permissions: '" + std::string(line) + "' is not `name: read` or `name: write`");
    }
    for (char& c : name) {
      if (c == '-') c = '_';
    }
    permissions.Set(name, level);
  }
  return permissions;
}

Result<std::string> ExchangeForAppToken(runner::base::HttpClient& http, const AppTokenRequest& r,
                                        runner::base::CancelToken* cancel) {
  Json permissions = TRY(AppTokenPermissions(r.additional_permissions));
  // The OIDC token goes there: https, or plain http only to this machine (a local proxy, a test).
  if (!r.exchange_url.starts_with("https://") && !r.exchange_url.starts_with("http://127.0.0.1:") &&
      !r.exchange_url.starts_with("http://localhost:")) {
    return Fail(ErrorKind::kUsage, "the token exchange URL must be https: " + r.exchange_url);
  }
  std::string id_token = TRY(IdToken(http, r, cancel));
  runner::base::HttpRequest req = BearerRequest("POST", r.exchange_url, id_token);
  req.headers.push_back({"Content-Type", "application/json"});
  if (!runner::base::Trim(r.additional_permissions).empty()) {
    req.body = JsonObject({{"permissions", std::move(permissions)}}).Dump();
  }
  auto answer = SendRetrying(http, req, r, cancel);
  if (!answer) return Fail(answer.error().kind, "the Claude GitHub App token exchange failed: " + answer.error().message);
  if (answer->head.status != 200 && answer->head.status != 201) {
    runner::base::Error e{ErrorKind::kAuth, "the Claude GitHub App token exchange answered " +
                                                std::to_string(answer->head.status) + ": " + AnswerMessage(answer->body)};
    e.http_status = answer->head.status;
    return Fail(std::move(e));
  }
  auto parsed = Json::Parse(answer->body);
  std::string token;
  if (parsed) token = (*parsed)["token"].is_string() ? (*parsed)["token"].AsString() : (*parsed)["app_token"].AsString();
  if (token.empty()) return Fail(ErrorKind::kAuth, "the Claude GitHub App token exchange answered without a token");
  return token;
}

}  // namespace integrations::github
