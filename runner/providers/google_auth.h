#pragma once
/// Google OAuth access tokens for Vertex AI (docs/vertex.md), found in this order:
///  1. GOOGLE_OAUTH_ACCESS_TOKEN, else CLOUDSDK_AUTH_ACCESS_TOKEN: a ready access token;
///  2. the credentials file GOOGLE_APPLICATION_CREDENTIALS, else gcloud's application default
///     credentials (~/.config/gcloud/application_default_credentials.json, or under
///     CLOUDSDK_CONFIG) when that file exists. Its `type` is one of
///     - `external_account` (Workload Identity Federation, as google-github-actions/auth writes
///       it): the subject token from `credential_source` (`file`, or `url` with `headers`;
///       `format` `{type: json, subject_token_field_name}` or text) is exchanged at `token_url`
///       (RFC 8693); with `service_account_impersonation_url` that token then asks IAM
///       Credentials for the service account's access token;
///     - `service_account`: an RS256 JWT signed with `private_key`, exchanged at `token_uri`
///       (RFC 7523 jwt-bearer grant);
///     - `authorized_user` (gcloud auth application-default login): its refresh token at
///       `token_uri`.
/// Tokens are cached until a minute before they expire.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "runner/base/env.h"
#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::providers {

inline constexpr char kCloudPlatformScope[] = "https://www.googleapis.com/auth/cloud-platform";

struct GoogleToken {
  std::string access_token;
  int64_t expires_at_ms = 0;  ///< wall clock; 0 = unknown (kept until a 401 refreshes it)
};

/// One way of getting a token (no caching).
class GoogleTokenSource {
 public:
  virtual ~GoogleTokenSource() = default;
  virtual base::Result<GoogleToken> Fetch() = 0;
};

/// The source for a parsed credentials file (`path` is for messages). kUsage for an unknown or
/// incomplete file; `http` is borrowed.
base::Result<std::unique_ptr<GoogleTokenSource>> GoogleSourceFromCredentials(
    const base::Json& credentials, const std::string& path, base::HttpClient& http);

/// The source the environment gives (order above). kUsage when there is none, naming the
/// variables.
base::Result<std::unique_ptr<GoogleTokenSource>> GoogleSourceFromEnv(const base::Env& env,
                                                                     base::HttpClient& http);

/// Thread-safe cache around a source.
class CachedGoogleToken {
 public:
  explicit CachedGoogleToken(std::unique_ptr<GoogleTokenSource> source,
                             std::function<int64_t()> now_ms = nullptr);
  /// The cached token unless it expires within a minute, or `refresh`.
  base::Result<std::string> Get(bool refresh);

 private:
  std::unique_ptr<GoogleTokenSource> source_;
  std::function<int64_t()> now_ms_;
  std::mutex mu_;
  GoogleToken token_;
};

}  // namespace runner::providers
