#include "runner/providers/anthropic_provider.h"

#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "runner/providers/response_stream.h"
#include "runner/providers/streaming_attempt.h"

namespace runner::providers {

using base::ErrorKind;

namespace {

}  // namespace

base::Headers ParseCustomHeaders(std::string_view text) {
  base::Headers headers;
  for (const std::string& line : base::Split(text, '\n')) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string_view name = base::Trim(std::string_view(line).substr(0, colon));
    std::string_view value = base::Trim(std::string_view(line).substr(colon + 1));
    if (!name.empty()) headers.emplace_back(std::string(name), std::string(value));
  }
  return headers;
}

AnthropicOptions AnthropicOptionsFromEnv(const base::Env& env) {
  AnthropicOptions options;
  std::string base_url(base::Trim(env.GetOr("ANTHROPIC_BASE_URL", "")));
  if (!base_url.empty()) options.base_url = base_url;
  options.api_key = std::string(base::Trim(env.GetOr("ANTHROPIC_API_KEY", "")));
  options.auth_token = std::string(base::Trim(env.GetOr("ANTHROPIC_AUTH_TOKEN", "")));
  if (auto ttl = env.GetInt("CLAUDE_CODE_API_KEY_HELPER_TTL_MS"); ttl && *ttl >= 0) {
    options.key_helper_ttl_ms = *ttl;
  }
  options.custom_headers = ParseCustomHeaders(env.GetOr("ANTHROPIC_CUSTOM_HEADERS", ""));
  options.retry = RetryPolicyFromEnv(env);
  if (auto ms = env.GetInt("API_TIMEOUT_MS"); ms && *ms > 0) options.timeout_ms = *ms;
  if (env.Truthy("DISABLE_PROMPT_CACHING")) options.caching = PromptCaching::kDisabled;
  if (auto n = env.GetInt("CLAUDE_CODE_MAX_OUTPUT_TOKENS"); n && *n > 0) {
    options.max_output_tokens = *n;
  }
  return options;
}

AnthropicProvider::AnthropicProvider(base::HttpClient& http, AnthropicOptions options)
    : http_(http), options_(std::move(options)) {}

std::string AnthropicProvider::ApiKeySource() const {
  if (options_.endpoint) return options_.endpoint->api_key_source;
  if (!options_.api_key.empty()) return "ANTHROPIC_API_KEY";
  return UsesHelper() ? "apiKeyHelper" : "none";
}

bool AnthropicProvider::UsesHelper() const {
  return !options_.endpoint && options_.key_helper && options_.api_key.empty() && options_.auth_token.empty();
}

base::Result<std::string> AnthropicProvider::HelperCredential(bool refresh) {
  std::lock_guard lock(helper_mu_);
  int64_t now = base::MonotonicMs();
  if (!refresh && !helper_value_.empty() && now - helper_at_ms_ < options_.key_helper_ttl_ms) {
    return helper_value_;
  }
  auto value = options_.key_helper();
  if (!value) {
    return base::Fail(base::Error{ErrorKind::kAuth, "apiKeyHelper failed: " + value.error().message,
                                  401, "authentication_error"});
  }
  if (value->empty()) {
    return base::Fail(base::Error{ErrorKind::kAuth, "apiKeyHelper printed no credential", 401,
                                  "authentication_error"});
  }
  helper_value_ = *value;
  helper_at_ms_ = now;
  return helper_value_;
}

bool AnthropicProvider::HasDynamicCredential() const {
  return UsesHelper() || (options_.endpoint && options_.endpoint->bearer);
}

base::Result<base::Headers> AnthropicProvider::DynamicCredentialHeaders(bool refresh) {
  if (options_.endpoint) {
    auto token = options_.endpoint->bearer(refresh);
    if (!token) {
      base::Error e = token.error();
      if (e.kind != ErrorKind::kInterrupted && e.kind != ErrorKind::kTimeout) {
        e = base::Error{ErrorKind::kAuth, e.message, 401, "authentication_error"};
      }
      return std::unexpected(e);
    }
    return base::Headers{{"authorization", "Bearer " + *token}};
  }
  auto credential = HelperCredential(refresh);
  if (!credential) return std::unexpected(credential.error());
  return base::Headers{{"x-api-key", *credential}, {"authorization", "Bearer " + *credential}};
}

base::HttpRequest AnthropicProvider::BuildHttpRequest(const ModelRequest& request) const {
  base::HttpRequest http;
  const ProviderEndpoint* endpoint = options_.endpoint ? &*options_.endpoint : nullptr;
  http.url = endpoint && endpoint->url
                 ? endpoint->url(request)
                 : TrimTrailingSlashes(options_.base_url) + "/v1/messages?beta=true";
  http.timeout_ms = static_cast<long>(options_.timeout_ms);
  base::Headers& h = http.headers;
  h.emplace_back("content-type", "application/json");
  h.emplace_back("anthropic-version", "2023-06-01");
  if (!request.betas.empty()) h.emplace_back("anthropic-beta", base::Join(request.betas, ","));
  AddClientHeaders(request, h);
  if (!endpoint) {
    if (!options_.api_key.empty()) h.emplace_back("x-api-key", options_.api_key);
    if (!options_.auth_token.empty())
      h.emplace_back("authorization", "Bearer " + options_.auth_token);
  }
  for (const auto& header : options_.custom_headers) h.push_back(header);
  EncodeOptions encode{options_.caching, options_.max_output_tokens};
  base::Json body = EncodeRequestBody(request, encode);
  if (endpoint && endpoint->shape_body) endpoint->shape_body(body);
  http.body = body.Dump();
  return http;
}

base::Result<protocol::AssistantReply> AnthropicProvider::Send(const ModelRequest& request,
                                                               StreamObserver& observer,
                                                               base::CancelToken& cancel) {
  base::HttpRequest http_request = BuildHttpRequest(request);
  if (!HasDynamicCredential()) {
    return RunWithRetries(options_.retry, observer, cancel,
                          [&](int) { return Attempt(http_request, observer, cancel); });
  }
  // apiKeyHelper or an endpoint's token: fetched (cached) per request; a 401 fetches a new
  // one, once.
  const base::Headers plain = http_request.headers;
  for (int pass = 0;; ++pass) {
    auto credential = DynamicCredentialHeaders(/*refresh=*/pass > 0);
    if (!credential) return std::unexpected(credential.error());
    http_request.headers = plain;
    for (auto& header : *credential) http_request.headers.push_back(std::move(header));
    auto reply = RunWithRetries(options_.retry, observer, cancel,
                                [&](int) { return Attempt(http_request, observer, cancel); });
    if (reply || reply.error().http_status != 401 || pass > 0) return reply;
  }
}

AttemptResult AnthropicProvider::Attempt(const base::HttpRequest& http_request,
                                         StreamObserver& observer, base::CancelToken& cancel) {
  StreamWire sse{"request-id", [](std::string_view chunk, ResponseStream& stream) { return stream.Feed(chunk); },
                 nullptr};
  return StreamingAttempt(http_, http_request, observer, cancel, options_.timeout_ms, sse);
}

}  // namespace runner::providers
