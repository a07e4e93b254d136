#pragma once
/// The Anthropic Messages API provider (first party or an Anthropic-format gateway):
/// `POST {base}/v1/messages?beta=true`, streamed as server-sent events, retried per
/// retry_policy.h.

#include <cstdint>
#include <optional>
#include <string>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/providers/provider.h"
#include "runner/providers/request_encoding.h"
#include "runner/providers/retry_policy.h"
#include <functional>
#include <mutex>

namespace runner::providers {

/// Where requests go and how they are authorised when that is not the first-party API at
/// `base_url` (Google Vertex AI, see vertex.h). Every member is optional.
struct ProviderEndpoint {
  /// The full request URL for a request (replaces `{base_url}/v1/messages?beta=true`).
  std::function<std::string(const ModelRequest&)> url;
  /// Edits the encoded body (Vertex: drop `model`, add `anthropic_version`).
  std::function<void(base::Json& body)> shape_body;
  /// The `Authorization: Bearer` token for an attempt; `refresh` after a 401. Null: none.
  std::function<base::Result<std::string>(bool refresh)> bearer;
  std::string api_key_source = "none";  ///< what ApiKeySource() reports
};

struct AnthropicOptions {
  std::string base_url = "https://api.anthropic.com";  ///< ANTHROPIC_BASE_URL
  std::string api_key;                                 ///< ANTHROPIC_API_KEY → x-api-key
  std::string auth_token;        ///< ANTHROPIC_AUTH_TOKEN → Authorization: Bearer
  base::Headers custom_headers;  ///< ANTHROPIC_CUSTOM_HEADERS
  RetryPolicy retry;             ///< max_retries from CLAUDE_CODE_MAX_RETRIES
  int64_t timeout_ms = 600000;   ///< API_TIMEOUT_MS, per attempt
  PromptCaching caching = PromptCaching::kEnabled;  ///< DISABLE_PROMPT_CACHING
  std::optional<int64_t> max_output_tokens;         ///< CLAUDE_CODE_MAX_OUTPUT_TOKENS
  /// The `apiKeyHelper` setting, as a function that runs it and returns its trimmed output.
  /// Used only when neither api_key nor auth_token is set (they take precedence, as in Claude
  /// Code); its value goes in both x-api-key and Authorization: Bearer.
  std::function<base::Result<std::string>()> key_helper;
  /// How long a helper value is reused (CLAUDE_CODE_API_KEY_HELPER_TTL_MS); a 401 answer
  /// always runs the helper again.
  int64_t key_helper_ttl_ms = 5 * 60 * 1000;
  /// Set for a cloud endpoint: then api_key, auth_token and key_helper are not used.
  std::optional<ProviderEndpoint> endpoint;
};

/// Reads the options above from the environment; unset or unparsable numbers keep defaults.
AnthropicOptions AnthropicOptionsFromEnv(const base::Env& env);

/// Parses ANTHROPIC_CUSTOM_HEADERS: one `Name: Value` per line; lines without a colon or with
/// an empty name are skipped.
base::Headers ParseCustomHeaders(std::string_view text);

class AnthropicProvider : public Provider {
 public:
  /// `http` is borrowed and must outlive the provider.
  AnthropicProvider(base::HttpClient& http, AnthropicOptions options);

  base::Result<protocol::AssistantReply> Send(const ModelRequest& request, StreamObserver& observer,
                                              base::CancelToken& cancel) override;
  /// "ANTHROPIC_API_KEY" when an API key is configured, "apiKeyHelper" when the helper gives
  /// the credential, else "none".
  std::string ApiKeySource() const override;

  /// The HTTP request for `request` (exposed for tests).
  base::HttpRequest BuildHttpRequest(const ModelRequest& request) const;

 private:
  AttemptResult Attempt(const base::HttpRequest& http_request, StreamObserver& observer,
                        base::CancelToken& cancel);

  /// The helper's value, from the cache unless it is older than the TTL or `refresh`.
  base::Result<std::string> HelperCredential(bool refresh);
  /// The credential headers an attempt adds (helper or endpoint bearer); `refresh` after a 401.
  base::Result<base::Headers> DynamicCredentialHeaders(bool refresh);
  bool HasDynamicCredential() const;
  bool UsesHelper() const;

  base::HttpClient& http_;
  AnthropicOptions options_;
  std::mutex helper_mu_;  // guards the helper cache (subagents send from their own threads)
  std::string helper_value_;
  int64_t helper_at_ms_ = 0;
};

}  // namespace runner::providers
