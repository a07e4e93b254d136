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

namespace runner::providers {

struct AnthropicOptions {
  std::string base_url = "https://api.anthropic.com";  ///< ANTHROPIC_BASE_URL
  std::string api_key;                                 ///< ANTHROPIC_API_KEY → x-api-key
  std::string auth_token;        ///< ANTHROPIC_AUTH_TOKEN → Authorization: Bearer
  base::Headers custom_headers;  ///< ANTHROPIC_CUSTOM_HEADERS
  RetryPolicy retry;             ///< max_retries from CLAUDE_CODE_MAX_RETRIES
  int64_t timeout_ms = 600000;   ///< API_TIMEOUT_MS, per attempt
  PromptCaching caching = PromptCaching::kEnabled;  ///< DISABLE_PROMPT_CACHING
  std::optional<int64_t> max_output_tokens;         ///< CLAUDE_CODE_MAX_OUTPUT_TOKENS
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
  /// "ANTHROPIC_API_KEY" when an API key is configured, else "none".
  std::string ApiKeySource() const override;

  /// The HTTP request for `request` (exposed for tests).
  base::HttpRequest BuildHttpRequest(const ModelRequest& request) const;

 private:
  AttemptResult Attempt(const base::HttpRequest& http_request, StreamObserver& observer,
                        base::CancelToken& cancel);

  base::HttpClient& http_;
  AnthropicOptions options_;
};

}  // namespace runner::providers
