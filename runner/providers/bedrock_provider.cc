#include "runner/providers/bedrock_provider.h"

#include "runner/base/clock.h"
#include "runner/base/strings.h"
#include "runner/providers/anthropic_provider.h"
#include "runner/providers/aws_event_stream.h"
#include "runner/providers/response_stream.h"
#include "runner/providers/streaming_attempt.h"

namespace runner::providers {

using base::ErrorKind;
using base::Json;

namespace {

std::string EnvValue(const base::Env& env, std::string_view name) {
  return std::string(base::Trim(env.GetOr(name, "")));
}

/// The Anthropic error type a Bedrock exception stands for, so the shared classification
/// (retryable or not) applies.
std::string AnthropicErrorType(std::string_view exception) {
  std::string e = base::ToLower(exception);
  if (auto colon = e.find(':'); colon != std::string::npos) e.resize(colon);
  if (e.find("throttl") != std::string::npos || e.find("toomanyrequests") != std::string::npos)
    return "rate_limit_error";
  if (e.find("serviceunavailable") != std::string::npos ||
      e.find("modelnotready") != std::string::npos)
    return "overloaded_error";
  if (e.find("internalserver") != std::string::npos ||
      e.find("modelstreamerror") != std::string::npos || e.find("modeltimeout") != std::string::npos)
    return "api_error";
  if (e.find("accessdenied") != std::string::npos) return "permission_error";
  if (e.find("resourcenotfound") != std::string::npos) return "not_found_error";
  return "invalid_request_error";
}

std::string MessageOf(std::string_view payload) {
  auto json = Json::Parse(payload);
  if (json && json->is_object()) {
    for (const char* key : {"message", "Message"}) {
      if (const Json* m = json->Find(key); m && m->is_string()) return m->AsString();
    }
  }
  return std::string(payload.substr(0, 500));
}

/// A Bedrock error body (`{"message": …}` with an `x-amzn-errortype` header) in the Anthropic
/// error shape FailureFromHttp reads; Anthropic-shaped bodies (gateways) pass through.
std::string AnthropicErrorBody(const base::Headers& headers, const std::string& body) {
  auto json = Json::Parse(body);
  if (json && json->is_object() && json->Contains("error")) return body;
  std::string type = base::FindHeader(headers, "x-amzn-errortype");
  if (type.empty() && !(json && json->is_object() && json->Contains("message"))) return body;
  return base::JsonObject({{"type", "error"},
                           {"error", base::JsonObject({{"type", AnthropicErrorType(type)},
                                                       {"message", MessageOf(body)}})}})
      .Dump();
}

/// Feeds decoded event-stream messages to the ResponseStream: `chunk` events carry one
/// base64 Anthropic event each; exception messages abandon the stream with their error.
bool FeedMessages(const std::vector<EventStreamMessage>& messages, ResponseStream& stream) {
  for (const EventStreamMessage& m : messages) {
    std::string kind = m.Header(":message-type");
    if (kind == "exception" || kind == "error") {
      std::string type = kind == "exception" ? m.Header(":exception-type") : m.Header(":error-code");
      std::string message = kind == "exception" ? MessageOf(m.payload) : m.Header(":error-message");
      stream.Abandon(FailureFromStreamError(
          base::JsonObject({{"type", AnthropicErrorType(type)},
                            {"message", type.empty() ? message : type + ": " + message}})));
      return false;
    }
    if (m.Header(":event-type") != "chunk") continue;
    auto payload = Json::Parse(m.payload);
    const Json* bytes = payload && payload->is_object() ? payload->Find("bytes") : nullptr;
    auto decoded = bytes && bytes->is_string() ? base::Base64Decode(bytes->AsString()) : std::nullopt;
    if (!decoded) {
      AttemptFailure failure;
      failure.error = base::Error{ErrorKind::kApi,
                                  "malformed API stream: Bedrock chunk without base64 bytes"};
      failure.retryable = true;
      failure.retry_error = kRetryNetwork;
      stream.Abandon(std::move(failure));
      return false;
    }
    if (!stream.FeedEvent(*decoded)) return false;
  }
  return true;
}

}  // namespace

base::Result<BedrockOptions> BedrockOptionsFromEnv(const base::Env& env) {
  BedrockOptions options;
  AnthropicOptions common = AnthropicOptionsFromEnv(env);
  options.custom_headers = std::move(common.custom_headers);
  options.retry = common.retry;
  options.timeout_ms = common.timeout_ms;
  options.caching = common.caching;
  options.max_output_tokens = common.max_output_tokens;
  options.region = EnvValue(env, "AWS_REGION");
  if (options.region.empty()) options.region = EnvValue(env, "AWS_DEFAULT_REGION");
  options.base_url = EnvValue(env, "ANTHROPIC_BEDROCK_BASE_URL");
  options.skip_auth = env.Truthy("CLAUDE_CODE_SKIP_BEDROCK_AUTH");
  options.bearer_token = EnvValue(env, "AWS_BEARER_TOKEN_BEDROCK");
  options.credentials.access_key_id = EnvValue(env, "AWS_ACCESS_KEY_ID");
  options.credentials.secret_access_key = EnvValue(env, "AWS_SECRET_ACCESS_KEY");
  options.credentials.session_token = EnvValue(env, "AWS_SESSION_TOKEN");
  bool sigv4 = !options.skip_auth && options.bearer_token.empty();
  if (options.region.empty() && (options.base_url.empty() || sigv4)) {
    return base::Fail(ErrorKind::kUsage,
                      "Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK) needs a region: set AWS_REGION "
                      "(or AWS_DEFAULT_REGION); the ~/.aws config file is not read");
  }
  if (sigv4 && (options.credentials.access_key_id.empty() ||
                options.credentials.secret_access_key.empty())) {
    return base::Fail(ErrorKind::kUsage,
                      "Amazon Bedrock (CLAUDE_CODE_USE_BEDROCK) needs credentials: set "
                      "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for "
                      "temporary ones), or AWS_BEARER_TOKEN_BEDROCK, or "
                      "CLAUDE_CODE_SKIP_BEDROCK_AUTH=1 for a gateway that signs itself");
  }
  if (options.base_url.empty()) {
    options.base_url = "https://bedrock-runtime." + options.region + ".amazonaws.com";
  }
  return options;
}

std::string BedrockModelId(std::string_view model, std::string_view region) {
  if (model.ends_with("[1m]")) model.remove_suffix(4);
  std::string id(base::Trim(model));
  if (id.starts_with("arn:") || id.find('.') != std::string::npos || !id.starts_with("claude-")) {
    return id;
  }
  std::string geo = "us";
  if (region.starts_with("eu-")) geo = "eu";
  else if (region.starts_with("ap-")) geo = "apac";
  return geo + ".anthropic." + id + "-v1:0";
}

std::string EncodePathSegment(std::string_view segment) { return base::PercentEncode(segment); }

BedrockProvider::BedrockProvider(base::HttpClient& http, BedrockOptions options)
    : http_(http), options_(std::move(options)) {}

base::HttpRequest BedrockProvider::BuildHttpRequest(const ModelRequest& request) const {
  base::HttpRequest http;
  http.url = TrimTrailingSlashes(options_.base_url) + "/model/" +
             EncodePathSegment(BedrockModelId(request.model, options_.region)) +
             "/invoke-with-response-stream";
  http.timeout_ms = static_cast<long>(options_.timeout_ms);
  EncodeOptions encode{options_.caching, options_.max_output_tokens};
  Json body = EncodeRequestBody(request, encode);
  body.Erase("model");
  body.Erase("stream");
  body.Set("anthropic_version", kBedrockAnthropicVersion);
  if (!request.betas.empty()) {
    Json betas = Json::MakeArray();
    for (const std::string& beta : request.betas) betas.Push(beta);
    body.Set("anthropic_beta", std::move(betas));
  }
  http.body = body.Dump();
  base::Headers& h = http.headers;
  h.emplace_back("content-type", "application/json");
  h.emplace_back("accept", "application/vnd.amazon.eventstream");
  AddClientHeaders(request, h);
  for (const auto& header : options_.custom_headers) h.push_back(header);
  if (options_.skip_auth) return http;
  if (!options_.bearer_token.empty()) {
    h.emplace_back("authorization", "Bearer " + options_.bearer_token);
    return http;
  }
  int64_t now = options_.wall_ms ? options_.wall_ms() : base::WallMs();
  SignRequestSigV4(http, options_.credentials, options_.region, "bedrock", now);
  return http;
}

base::Result<protocol::AssistantReply> BedrockProvider::Send(const ModelRequest& request,
                                                             StreamObserver& observer,
                                                             base::CancelToken& cancel) {
  return RunWithRetries(options_.retry, observer, cancel, [&](int) {
    // Signed again per attempt: a signature is only valid for a few minutes.
    return Attempt(BuildHttpRequest(request), observer, cancel);
  });
}

AttemptResult BedrockProvider::Attempt(const base::HttpRequest& http_request,
                                       StreamObserver& observer, base::CancelToken& cancel) {
  EventStreamDecoder decoder;
  StreamWire event_stream{"x-amzn-requestid",
                          [&decoder](std::string_view chunk, ResponseStream& stream) {
                            auto messages = decoder.Feed(chunk);
                            if (!messages) {
                              AttemptFailure failure;
                              failure.error = base::Error{ErrorKind::kApi, "malformed API stream: " +
                                                                               messages.error().message};
                              failure.retryable = true;
                              failure.retry_error = kRetryNetwork;
                              stream.Abandon(std::move(failure));
                              return false;
                            }
                            return FeedMessages(*messages, stream);
                          },
                          AnthropicErrorBody};
  return StreamingAttempt(http_, http_request, observer, cancel, options_.timeout_ms, event_stream);
}

}  // namespace runner::providers
