#pragma once
/// The Claude GitHub App's token through the job's OIDC token, as claude-code-action gets it
/// when no `github_token` is given: the job (with `permissions: id-token: write`) asks GitHub's
/// token service for an OIDC token with audience `claude-code-github-action`, and Anthropic's
/// exchange endpoint turns it into an installation token of the Claude app for this repository.
/// Comments, commits and pull requests then come from claude[bot], and pushes trigger the
/// repository's workflows (pushes with the job's own GITHUB_TOKEN do not). The token is revoked
/// when the run ends.

#include <string>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace integrations::github {

inline constexpr const char* kAppTokenExchangeUrl = "https://api.anthropic.com/api/github/github-app-token-exchange";
inline constexpr const char* kAppTokenAudience = "claude-code-github-action";

struct AppTokenRequest {
  std::string id_token_url;    ///< ACTIONS_ID_TOKEN_REQUEST_URL
  std::string id_token_bearer; ///< ACTIONS_ID_TOKEN_REQUEST_TOKEN
  std::string exchange_url = kAppTokenExchangeUrl;
  /// claude-code-action's `additional_permissions`: `name: level` lines added to the default
  /// contents, pull_requests and issues write.
  std::string additional_permissions;
  int max_attempts = 3;       ///< for the OIDC token and the exchange, on 429, 5xx and network errors
  int64_t backoff_ms = 5000;  ///< doubled after each failure
};

/// `{"contents":"write","pull_requests":"write","issues":"write", …}` with the lines of
/// `additional_permissions` (`actions: read`, `checks: read`, …; `-` in names becomes `_`).
/// kUsage for a line that is not `name: read|write`.
runner::base::Result<runner::base::Json> AppTokenPermissions(std::string_view additional_permissions);

/// The installation token. Errors name the step that failed (the OIDC token, the exchange)
/// and carry the exchange's own message; http_status is set for an HTTP answer.
runner::base::Result<std::string> ExchangeForAppToken(runner::base::HttpClient& http, const AppTokenRequest& request,
                                                      runner::base::CancelToken* cancel);

}  // namespace integrations::github
