#include "runner/providers/google_auth.h"

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "runner/base/clock.h"
#include "runner/base/files.h"
#include "runner/base/jwt.h"
#include "runner/base/strings.h"

namespace runner::providers {

using base::ErrorKind;
using base::Fail;
using base::Json;

namespace {

constexpr char kDefaultTokenUri[] = "https://oauth2.googleapis.com/token";
constexpr long kAuthTimeoutMs = 30'000;
constexpr int64_t kRefreshMarginMs = 60'000;

std::string Form(std::initializer_list<std::pair<std::string_view, std::string_view>> fields) {
  std::string out;
  for (const auto& [k, v] : fields) {
    if (!out.empty()) out += '&';
    out += base::PercentEncode(k) + "=" + base::PercentEncode(v);
  }
  return out;
}

/// The first line (at most 300 bytes) of an answer body, for error messages.
std::string Snippet(const std::string& body) {
  if (auto json = Json::Parse(body); json && json->is_object()) {
    for (const char* key : {"error_description", "message"}) {
      if (const Json* v = json->Find(key); v && v->is_string()) return v->AsString();
    }
    if (const Json* e = json->Find("error")) {
      if (e->is_string()) return e->AsString();
      if (const Json* m = e->Find("message"); m && m->is_string()) return m->AsString();
    }
  }
  std::string line(base::Trim(body.substr(0, body.find('\n'))));
  return line.substr(0, 300);
}

/// Sends `request`; the body of a 2xx answer, else a kAuth error naming `what`.
base::Result<std::string> Call(base::HttpClient& http, base::HttpRequest request,
                               const std::string& what) {
  request.timeout_ms = kAuthTimeoutMs;
  auto result = http.Send(request, {}, nullptr);
  if (!result) {
    return Fail(ErrorKind::kAuth, what + " (" + request.url + ") failed: " + result.error().message);
  }
  int status = result->head.status;
  if (status < 200 || status >= 300) {
    std::string why = Snippet(result->body);
    return Fail(ErrorKind::kAuth, what + " (" + request.url + ") answered " +
                                      std::to_string(status) + (why.empty() ? "" : ": " + why));
  }
  return std::move(result->body);
}

base::Result<Json> CallJson(base::HttpClient& http, base::HttpRequest request,
                            const std::string& what) {
  std::string url = request.url;
  std::string body = TRY(Call(http, std::move(request), what));
  auto json = Json::Parse(body);
  if (!json || !json->is_object()) {
    return Fail(ErrorKind::kAuth, what + " (" + url + ") answered with something not JSON");
  }
  return std::move(*json);
}

/// `{access_token, expires_in}` (OAuth token endpoint answer) → GoogleToken.
base::Result<GoogleToken> FromTokenAnswer(const Json& answer, const std::string& what) {
  GoogleToken token;
  token.access_token = answer["access_token"].StringOr("");
  if (token.access_token.empty()) {
    return Fail(ErrorKind::kAuth, what + " answered without an access_token");
  }
  if (int64_t in = answer["expires_in"].AsInt(0); in > 0) {
    token.expires_at_ms = base::WallMs() + in * 1000;
  }
  return token;
}

/// RFC 3339 UTC (`2026-01-02T03:04:05Z`, fractions allowed) → wall ms; 0 when unparsable.
int64_t ParseRfc3339(const std::string& text) {
  std::tm tm{};
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                  &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
    return 0;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<int64_t>(timegm(&tm)) * 1000;
}

base::HttpRequest FormPost(const std::string& url, std::string body) {
  base::HttpRequest r;
  r.url = url;
  r.headers = {{"content-type", "application/x-www-form-urlencoded"},
               {"accept", "application/json"}};
  r.body = std::move(body);
  return r;
}

class StaticTokenSource : public GoogleTokenSource {
 public:
  explicit StaticTokenSource(std::string token) : token_(std::move(token)) {}
  base::Result<GoogleToken> Fetch() override { return GoogleToken{token_, 0}; }

 private:
  std::string token_;
};

class ExternalAccountSource : public GoogleTokenSource {
 public:
  ExternalAccountSource(Json config, base::HttpClient& http)
      : config_(std::move(config)), http_(http) {}

  base::Result<GoogleToken> Fetch() override {
    std::string subject = TRY(SubjectToken());
    base::HttpRequest sts = FormPost(
        config_["token_url"].AsString(),
        Form({{"grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"},
              {"audience", config_["audience"].StringOr("")},
              {"scope", kCloudPlatformScope},
              {"requested_token_type", "urn:ietf:params:oauth:token-type:access_token"},
              {"subject_token", subject},
              {"subject_token_type",
               config_["subject_token_type"].StringOr("urn:ietf:params:oauth:token-type:jwt")}}));
    Json answer = TRY(CallJson(http_, std::move(sts), "the STS token exchange"));
    GoogleToken federated = TRY(FromTokenAnswer(answer, "the STS token exchange"));
    std::string impersonate = config_["service_account_impersonation_url"].StringOr("");
    if (impersonate.empty()) return federated;

    Json body = base::JsonObject({{"scope", Json(Json::Array{Json(kCloudPlatformScope)})}});
    if (int64_t s = config_["service_account_impersonation"]["token_lifetime_seconds"].AsInt(0);
        s > 0) {
      body.Set("lifetime", std::to_string(s) + "s");
    }
    base::HttpRequest iam;
    iam.url = impersonate;
    iam.headers = {{"content-type", "application/json"},
                   {"authorization", "Bearer " + federated.access_token}};
    iam.body = body.Dump();
    Json granted = TRY(CallJson(http_, std::move(iam), "service account impersonation"));
    GoogleToken token;
    token.access_token = granted["accessToken"].StringOr("");
    if (token.access_token.empty()) {
      return Fail(ErrorKind::kAuth, "service account impersonation answered without accessToken");
    }
    token.expires_at_ms = ParseRfc3339(granted["expireTime"].StringOr(""));
    return token;
  }

 private:
  base::Result<std::string> SubjectToken() {
    const Json& source = config_["credential_source"];
    std::string raw;
    if (std::string file = source["file"].StringOr(""); !file.empty()) {
      auto text = base::ReadFile(file);
      if (!text) {
        return Fail(ErrorKind::kAuth, "credential_source file: " + text.error().message);
      }
      raw = std::move(*text);
    } else {
      base::HttpRequest get;
      get.method = "GET";
      get.url = source["url"].StringOr("");
      if (const Json* headers = source.Find("headers"); headers && headers->is_object()) {
        for (const auto& [name, value] : headers->members()) {
          get.headers.emplace_back(name, value.StringOr(""));
        }
      }
      raw = TRY(Call(http_, std::move(get), "the credential_source URL"));
    }
    const Json& format = source["format"];
    std::string subject;
    if (format["type"].StringOr("text") == "json") {
      std::string field = format["subject_token_field_name"].StringOr("");
      auto json = Json::Parse(raw);
      if (json && json->is_object()) subject = (*json)[field].StringOr("");
      if (subject.empty()) {
        return Fail(ErrorKind::kAuth,
                    "the credential_source answer has no subject token in field '" + field + "'");
      }
    } else {
      subject = std::string(base::Trim(raw));
    }
    if (subject.empty()) return Fail(ErrorKind::kAuth, "the credential_source gave an empty token");
    return subject;
  }

  Json config_;
  base::HttpClient& http_;
};

class ServiceAccountSource : public GoogleTokenSource {
 public:
  ServiceAccountSource(Json key, base::HttpClient& http) : key_(std::move(key)), http_(http) {}

  base::Result<GoogleToken> Fetch() override {
    std::string token_uri = key_["token_uri"].StringOr(kDefaultTokenUri);
    int64_t now = base::WallMs() / 1000;
    Json claims = base::JsonObject({{"iss", key_["client_email"].AsString()},
                                    {"scope", kCloudPlatformScope},
                                    {"aud", token_uri},
                                    {"iat", now},
                                    {"exp", now + 3600}});
    auto jwt = base::SignJwt(claims, key_["private_key"].AsString(), "RS256");
    if (!jwt) {
      return Fail(ErrorKind::kAuth, "the service account key: " + jwt.error().message);
    }
    Json answer = TRY(CallJson(
        http_,
        FormPost(token_uri, Form({{"grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"},
                                  {"assertion", *jwt}})),
        "the service account token request"));
    return FromTokenAnswer(answer, "the service account token request");
  }

 private:
  Json key_;
  base::HttpClient& http_;
};

class AuthorizedUserSource : public GoogleTokenSource {
 public:
  AuthorizedUserSource(Json config, base::HttpClient& http)
      : config_(std::move(config)), http_(http) {}

  base::Result<GoogleToken> Fetch() override {
    Json answer = TRY(CallJson(
        http_,
        FormPost(config_["token_uri"].StringOr(kDefaultTokenUri),
                 Form({{"grant_type", "refresh_token"},
                       {"client_id", config_["client_id"].StringOr("")},
                       {"client_secret", config_["client_secret"].StringOr("")},
                       {"refresh_token", config_["refresh_token"].StringOr("")}})),
        "the refresh token request"));
    return FromTokenAnswer(answer, "the refresh token request");
  }

 private:
  Json config_;
  base::HttpClient& http_;
};

base::Result<void> Require(const Json& config, const std::string& path,
                           std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (config[key].StringOr("").empty()) {
      return Fail(ErrorKind::kUsage, "Google credentials " + path + ": no \"" + key + "\"");
    }
  }
  return {};
}

}  // namespace

base::Result<std::unique_ptr<GoogleTokenSource>> GoogleSourceFromCredentials(
    const Json& credentials, const std::string& path, base::HttpClient& http) {
  std::string type = credentials["type"].StringOr("");
  if (type == "external_account") {
    TRY_VOID(Require(credentials, path, {"audience", "token_url"}));
    const Json& source = credentials["credential_source"];
    if (source["file"].StringOr("").empty() && source["url"].StringOr("").empty()) {
      return Fail(ErrorKind::kUsage, "Google credentials " + path +
                                         ": credential_source needs a \"file\" or a \"url\" "
                                         "(AWS and executable sources are not supported)");
    }
    return std::make_unique<ExternalAccountSource>(credentials, http);
  }
  if (type == "service_account") {
    TRY_VOID(Require(credentials, path, {"client_email", "private_key"}));
    return std::make_unique<ServiceAccountSource>(credentials, http);
  }
  if (type == "authorized_user") {
    TRY_VOID(Require(credentials, path, {"client_id", "client_secret", "refresh_token"}));
    return std::make_unique<AuthorizedUserSource>(credentials, http);
  }
  return Fail(ErrorKind::kUsage,
              "Google credentials " + path + ": type \"" + type +
                  "\" is not supported (external_account, service_account, authorized_user)");
}

base::Result<std::unique_ptr<GoogleTokenSource>> GoogleSourceFromEnv(const base::Env& env,
                                                                     base::HttpClient& http) {
  for (const char* name : {"GOOGLE_OAUTH_ACCESS_TOKEN", "CLOUDSDK_AUTH_ACCESS_TOKEN"}) {
    std::string token(base::Trim(env.GetOr(name, "")));
    if (!token.empty()) return std::make_unique<StaticTokenSource>(std::move(token));
  }
  std::string path(base::Trim(env.GetOr("GOOGLE_APPLICATION_CREDENTIALS", "")));
  if (path.empty()) {
    std::filesystem::path adc;
    if (auto dir = env.Get("CLOUDSDK_CONFIG"); dir && !dir->empty()) {
      adc = std::filesystem::path(*dir) / "application_default_credentials.json";
    } else if (auto home = env.Get("HOME"); home && !home->empty()) {
      adc = std::filesystem::path(*home) / ".config/gcloud/application_default_credentials.json";
    }
    std::error_code ec;
    if (!adc.empty() && std::filesystem::is_regular_file(adc, ec)) path = adc.string();
  }
  if (path.empty()) {
    return Fail(ErrorKind::kUsage,
                "Vertex AI needs Google credentials: set GOOGLE_APPLICATION_CREDENTIALS (a "
                "credentials file) or GOOGLE_OAUTH_ACCESS_TOKEN, or CLAUDE_CODE_SKIP_VERTEX_AUTH=1 "
                "for a gateway");
  }
  auto text = base::ReadFile(path);
  if (!text) {
    return Fail(ErrorKind::kUsage, "GOOGLE_APPLICATION_CREDENTIALS: " + text.error().message);
  }
  auto json = Json::Parse(*text);
  if (!json || !json->is_object()) {
    return Fail(ErrorKind::kUsage, "Google credentials " + path + " are not a JSON object");
  }
  return GoogleSourceFromCredentials(*json, path, http);
}

CachedGoogleToken::CachedGoogleToken(std::unique_ptr<GoogleTokenSource> source,
                                     std::function<int64_t()> now_ms)
    : source_(std::move(source)),
      now_ms_(now_ms ? std::move(now_ms) : std::function<int64_t()>(base::WallMs)) {}

base::Result<std::string> CachedGoogleToken::Get(bool refresh) {
  std::lock_guard lock(mu_);
  bool fresh = !token_.access_token.empty() &&
               (token_.expires_at_ms == 0 || now_ms_() + kRefreshMarginMs < token_.expires_at_ms);
  if (!refresh && fresh) return token_.access_token;
  token_ = TRY(source_->Fetch());
  return token_.access_token;
}

}  // namespace runner::providers
