#pragma once
/// Amazon Bedrock as the model provider (CLAUDE_CODE_USE_BEDROCK): the Anthropic request body
/// with `anthropic_version: "bedrock-2023-05-31"` (no `model`, no `stream`), sent to
/// `POST {base}/model/{model id}/invoke-with-response-stream`, signed with SigV4 (or a Bedrock
/// API key as a bearer token, or unsigned for gateways). The answer is an AWS event stream
/// whose `chunk` events carry base64 Anthropic stream events; they go through the same
/// ResponseStream as the SSE path, so retries, cut-off replies and usage behave alike.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/base/result.h"
#include "runner/providers/aws_sigv4.h"
#include "runner/providers/provider.h"
#include "runner/providers/request_encoding.h"
#include "runner/providers/retry_policy.h"

namespace runner::providers {

inline constexpr char kBedrockAnthropicVersion[] = "bedrock-2023-05-31";

struct BedrockOptions {
  std::string region;      ///< AWS_REGION, else AWS_DEFAULT_REGION
  std::string base_url;    ///< ANTHROPIC_BEDROCK_BASE_URL, else the regional runtime endpoint
  AwsCredentials credentials;  ///< AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN
  std::string bearer_token;    ///< AWS_BEARER_TOKEN_BEDROCK (wins over SigV4)
  bool skip_auth = false;      ///< CLAUDE_CODE_SKIP_BEDROCK_AUTH
  base::Headers custom_headers;  ///< ANTHROPIC_CUSTOM_HEADERS
  RetryPolicy retry;
  int64_t timeout_ms = 600000;
  PromptCaching caching = PromptCaching::kEnabled;
  std::optional<int64_t> max_output_tokens;
  std::function<int64_t()> wall_ms;  ///< clock for signing; null = the real one
};

/// Reads the options from the environment. Errors (kUsage, one line naming the variables): no
/// region when one is needed (no base URL, or signing), or no credentials when auth is not
/// skipped.
base::Result<BedrockOptions> BedrockOptionsFromEnv(const base::Env& env);

/// The Bedrock model id for `model`: ids that already look like Bedrock ones (containing a `.`
/// such as `us.anthropic.…` / `anthropic.…`, or an `arn:` inference profile) are kept; a
/// first-party id `claude-…` becomes the cross-region inference profile
/// `{us|eu|apac}.anthropic.claude-…-v1:0` for the region's geography. A `[1m]` suffix is
/// dropped.
std::string BedrockModelId(std::string_view model, std::string_view region);

/// Percent-encodes a model id for the URL path (everything but unreserved characters).
std::string EncodePathSegment(std::string_view segment);

class BedrockProvider : public Provider {
 public:
  /// `http` is borrowed and must outlive the provider.
  BedrockProvider(base::HttpClient& http, BedrockOptions options);

  base::Result<protocol::AssistantReply> Send(const ModelRequest& request, StreamObserver& observer,
                                              base::CancelToken& cancel) override;

  /// The signed HTTP request for `request` (exposed for tests).
  base::HttpRequest BuildHttpRequest(const ModelRequest& request) const;

 private:
  AttemptResult Attempt(const base::HttpRequest& http_request, StreamObserver& observer,
                        base::CancelToken& cancel);

  base::HttpClient& http_;
  BedrockOptions options_;
};

}  // namespace runner::providers
