#include "runner/mcp/oauth_client_credentials.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cctype>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "runner/base/files.h"
#include "runner/base/jwt.h"
#include "runner/base/log.h"
#include "runner/base/strings.h"
#include "runner/base/uuid.h"
#include "runner/mcp/jsonrpc_http.h"

namespace runner::mcp {

using base::ErrorKind;
using base::Fail;
using base::Json;

namespace oauth_internal {

std::string ChallengeParam(std::string_view header, std::string_view name) {
  std::string lower = base::ToLower(header);
  std::string key = base::ToLower(name) + "=";
  size_t pos = 0;
  while ((pos = lower.find(key, pos)) != std::string::npos) {
    bool boundary = pos == 0 || lower[pos - 1] == ' ' || lower[pos - 1] == ',' ||
                    lower[pos - 1] == '\t';
    pos += key.size();
    if (!boundary) continue;
    if (pos < header.size() && header[pos] == '"') {
      std::string value;
      for (size_t i = pos + 1; i < header.size() && header[i] != '"'; ++i) {
        if (header[i] == '\\' && i + 1 < header.size()) ++i;
        value += header[i];
      }
      return value;
    }
    size_t end = header.find_first_of(", \t", pos);
    return std::string(header.substr(pos, end == std::string_view::npos ? end : end - pos));
  }
  return "";
}

}  // namespace oauth_internal

namespace {

using namespace oauth_internal;

constexpr long kTimeoutMs = 30000;

struct Url {
  std::string origin;  // scheme://authority
  std::string path;    // without query and fragment, no trailing '/'
};

Url SplitUrl(std::string_view url) {
  Url out;
  size_t scheme = url.find("://");
  size_t start = scheme == std::string_view::npos ? 0 : scheme + 3;
  size_t path = url.find_first_of("/?#", start);
  out.origin = std::string(url.substr(0, path));
  if (path != std::string_view::npos && url[path] == '/') {
    size_t end = url.find_first_of("?#", path);
    out.path = std::string(url.substr(path, end == std::string_view::npos ? end : end - path));
  }
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();
  return out;
}

/// The resource identifier compared the way RFC 8707 canonical URIs are: scheme and host in
/// lower case, no trailing slash, no query or fragment.
std::string Canonical(std::string_view url) {
  Url u = SplitUrl(url);
  return base::ToLower(u.origin) + u.path;
}

/// GETs a JSON object; nullopt with `why` set when there is none at `url`.
base::Result<std::optional<Json>> GetJson(base::HttpClient& http, const std::string& url,
                                          base::CancelToken* cancel, std::string& why) {
  base::HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Accept", "application/json"}, {"MCP-Protocol-Version", "2025-11-25"}};
  request.timeout_ms = kTimeoutMs;
  request.connect_timeout_ms = kTimeoutMs;
  auto result = TRY(http.Send(request, {}, cancel));
  if (result.head.status < 200 || result.head.status >= 300) {
    why = url + " answered " + DescribeHttpFailure(result.head.status, result.body);
    return std::optional<Json>();
  }
  auto json = Json::Parse(result.body);
  if (!json || !json->is_object()) {
    why = url + " did not answer a JSON object";
    return std::optional<Json>();
  }
  return std::optional<Json>(std::move(*json));
}

/// The first of `urls` that answers a JSON object.
base::Result<std::optional<Json>> FirstJson(base::HttpClient& http,
                                            const std::vector<std::string>& urls,
                                            base::CancelToken* cancel, std::string& why) {
  for (const std::string& url : urls) {
    auto json = TRY(GetJson(http, url, cancel, why));
    if (json) return json;
    base::log::Debug("OAuth discovery: {}", why);
  }
  return std::optional<Json>();
}

std::string JoinStrings(const Json& array) {
  std::vector<std::string> parts;
  for (const Json& v : array.items()) {
    if (v.is_string()) parts.push_back(v.AsString());
  }
  return base::Join(parts, " ");
}

bool Lists(const Json& array, std::string_view value) {
  if (!array.is_array()) return false;
  for (const Json& v : array.items()) {
    if (v.is_string() && v.AsString() == value) return true;
  }
  return false;
}

}  // namespace

OAuthClientCredentials::OAuthClientCredentials(base::HttpClient& http, std::string server_url,
                                               OAuthConfig config)
    : http_(http), server_url_(std::move(server_url)), config_(std::move(config)) {}

std::string OAuthClientCredentials::Authorization() {
  std::lock_guard lock(mutex_);
  return token_.empty() ? "" : "Bearer " + token_;
}

base::Result<void> OAuthClientCredentials::OnUnauthorized(const std::string& sent,
                                                          const std::string& www_authenticate,
                                                          base::CancelToken* cancel) {
  std::lock_guard flow(flow_mutex_);
  std::string current = Authorization();
  if (!current.empty() && current != sent) return {};  // another request got a new token
  auto result = Flow(www_authenticate, cancel);
  if (!result) {
    return Fail(result.error().kind, "OAuth client_credentials for " + server_url_ + ": " +
                                         result.error().message);
  }
  return {};
}

base::Result<void> OAuthClientCredentials::Flow(const std::string& www_authenticate,
                                                base::CancelToken* cancel) {
  Url server = SplitUrl(server_url_);
  std::string why;

  // 1. Protected resource metadata (RFC 9728).
  std::vector<std::string> prm_urls;
  if (std::string from_header = ChallengeParam(www_authenticate, "resource_metadata");
      !from_header.empty()) {
    prm_urls.push_back(from_header);
  } else {
    if (!server.path.empty()) {
      prm_urls.push_back(server.origin + "/.well-known/oauth-protected-resource" + server.path);
    }
    prm_urls.push_back(server.origin + "/.well-known/oauth-protected-resource");
  }
  std::optional<Json> prm = TRY(FirstJson(http_, prm_urls, cancel, why));
  std::string resource = server_url_;
  std::string issuer = server.origin;  // the 2025-03-26 fallback
  if (prm) {
    if ((*prm)["resource"].is_string()) {
      resource = (*prm)["resource"].AsString();
      std::string want = Canonical(server_url_);
      std::string got = Canonical(resource);
      if (want != got && !want.starts_with(got + "/")) {
        return Fail(ErrorKind::kAuth, "the protected resource metadata names resource " +
                                          resource + ", which is not this server");
      }
    }
    const Json& servers = (*prm)["authorization_servers"];
    if (!servers.is_array() || servers.empty() || !servers.at(0).is_string()) {
      return Fail(ErrorKind::kAuth, "the protected resource metadata names no authorization server");
    }
    issuer = servers.at(0).AsString();
  } else {
    base::log::Debug("OAuth: no protected resource metadata ({}); trying {} as the "
                     "authorization server",
                     why, issuer);
  }

  // 2. Authorization server metadata (RFC 8414, OpenID Connect Discovery).
  Url as = SplitUrl(issuer);
  std::vector<std::string> as_urls;
  if (as.path.empty()) {
    as_urls = {as.origin + "/.well-known/oauth-authorization-server",
               as.origin + "/.well-known/openid-configuration"};
  } else {
    as_urls = {as.origin + "/.well-known/oauth-authorization-server" + as.path,
               as.origin + "/.well-known/openid-configuration" + as.path,
               as.origin + as.path + "/.well-known/openid-configuration"};
  }
  std::optional<Json> metadata = TRY(FirstJson(http_, as_urls, cancel, why));
  if (!metadata) return Fail(ErrorKind::kAuth, "no authorization server metadata: " + why);
  const std::string& token_endpoint = (*metadata)["token_endpoint"].AsString();
  if (token_endpoint.empty()) {
    return Fail(ErrorKind::kAuth, "the authorization server metadata has no token_endpoint");
  }
  std::string audience = (*metadata)["issuer"].is_string() ? (*metadata)["issuer"].AsString()
                                                           : issuer;

  // 3. The token request.
  std::string scope = config_.scope;
  if (scope.empty()) scope = ChallengeParam(www_authenticate, "scope");
  if (scope.empty() && prm) scope = JoinStrings((*prm)["scopes_supported"]);
  std::string body = "grant_type=client_credentials&resource=" + base::PercentEncode(resource);
  if (!scope.empty()) body += "&scope=" + base::PercentEncode(scope);
  base::HttpRequest request;
  request.method = "POST";
  request.url = token_endpoint;
  request.timeout_ms = kTimeoutMs;
  request.connect_timeout_ms = kTimeoutMs;
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"},
                     {"Accept", "application/json"}};
  std::string method;
  if (!config_.client_secret.empty()) {
    const Json& methods = (*metadata)["token_endpoint_auth_methods_supported"];
    if (!Lists(methods, "client_secret_basic") && Lists(methods, "client_secret_post")) {
      method = "client_secret_post";
      body += "&client_id=" + base::PercentEncode(config_.client_id) +
              "&client_secret=" + base::PercentEncode(config_.client_secret);
    } else {
      method = "client_secret_basic";  // RFC 6749 §2.3.1: form-encoded, then Base64
      request.headers.emplace_back(
          "Authorization", "Basic " + base::Base64(base::PercentEncode(config_.client_id) + ":" +
                                             base::PercentEncode(config_.client_secret)));
    }
  } else {
    method = "private_key_jwt";
    std::string pem = config_.private_key;
    if (pem.empty()) {
      auto file = base::ReadFile(config_.private_key_file);
      if (!file) {
        return Fail(ErrorKind::kConfig,
                    "cannot read privateKeyFile " + config_.private_key_file + ": " +
                        file.error().message);
      }
      pem = std::move(*file);
    }
    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    Json claims = base::JsonObject({{"iss", config_.client_id},
                                    {"sub", config_.client_id},
                                    {"aud", audience},
                                    {"iat", now},
                                    {"exp", now + 300},
                                    {"jti", base::NewUuid()}});
    std::string assertion = TRY(base::SignJwt(claims, pem, config_.algorithm));
    body += "&client_id=" + base::PercentEncode(config_.client_id) +
            "&client_assertion_type=" +
            base::PercentEncode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") +
            "&client_assertion=" + assertion;
  }
  request.body = std::move(body);
  base::log::Debug("OAuth: client_credentials ({}) at {} for resource {}", method,
                   token_endpoint, resource);
  auto answer = TRY(http_.Send(request, {}, cancel));
  auto json = Json::Parse(answer.body);
  if (answer.head.status < 200 || answer.head.status >= 300) {
    std::string detail = json && (*json)["error"].is_string()
                             ? (*json)["error"].AsString() +
                                   ((*json)["error_description"].is_string()
                                        ? ": " + (*json)["error_description"].AsString()
                                        : "")
                             : DescribeHttpFailure(answer.head.status, answer.body);
    base::Error e{ErrorKind::kAuth, "the token endpoint " + token_endpoint + " refused (" +
                                        method + "): " + detail};
    e.http_status = answer.head.status;
    return Fail(std::move(e));
  }
  if (!json || !(*json)["access_token"].is_string() || (*json)["access_token"].AsString().empty()) {
    return Fail(ErrorKind::kAuth, "the token endpoint's answer has no access_token");
  }
  const Json& type = (*json)["token_type"];
  if (type.is_string() && !base::IEquals(type.AsString(), "bearer")) {
    return Fail(ErrorKind::kAuth, "unsupported token_type " + type.AsString());
  }
  base::log::Debug("OAuth: got an access token for {} (expires in {} s)", server_url_,
                   (*json)["expires_in"].AsInt(0));
  std::lock_guard lock(mutex_);
  token_ = (*json)["access_token"].AsString();
  return {};
}

std::shared_ptr<HttpAuthorizer> MakeHttpAuthorizer(const ServerConfig& config,
                                                   base::HttpClient& http) {
  if (!config.oauth) return nullptr;
  return std::make_shared<OAuthClientCredentials>(http, config.url, *config.oauth);
}

}  // namespace runner::mcp
