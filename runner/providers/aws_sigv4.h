#pragma once
/// AWS Signature Version 4 request signing (HMAC-SHA256 over the canonical request), as the
/// Bedrock provider needs it. Pure apart from OpenSSL's hash functions.

#include <cstdint>
#include <string>
#include <string_view>

#include "runner/base/http.h"

namespace runner::providers {

struct AwsCredentials {
  std::string access_key_id;      ///< AWS_ACCESS_KEY_ID
  std::string secret_access_key;  ///< AWS_SECRET_ACCESS_KEY
  std::string session_token;      ///< AWS_SESSION_TOKEN (sent as x-amz-security-token); optional
};

/// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
/// `20150830T123600Z` for wall-clock milliseconds since the epoch (UTC).
std::string AmzDate(int64_t wall_ms);

/// The canonical URI of an (already percent-encoded) request path, per SigV4 for every service
/// but S3: each byte other than unreserved characters and `/` is percent-encoded again, so
/// `%3A` in a Bedrock model id becomes `%253A`. An empty path is `/`.
std::string SigV4CanonicalUri(std::string_view path);
/// The canonical query string: `name=value` pairs sorted by name then value, joined by `&`
/// (names and values are taken as already encoded).
std::string SigV4CanonicalQuery(std::string_view query);

struct SigV4Input {
  std::string method;        ///< GET, POST, …
  std::string path;          ///< as sent (percent-encoded), without the query
  std::string query;         ///< without `?`
  base::Headers headers;     ///< every header to sign; must include host and x-amz-date
  std::string payload_hash;  ///< hex SHA-256 of the body
  std::string region;
  std::string service;
  std::string amz_date;      ///< the x-amz-date value
};

/// `AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/<service>/aws4_request,
/// SignedHeaders=<sorted names>, Signature=<hex>` for `input` (header names are lower-cased,
/// values trimmed with inner runs of spaces collapsed; repeated names join with commas).
std::string SigV4Authorization(const SigV4Input& input, const AwsCredentials& credentials);

/// Signs `request` in place for `service` in `region` at `wall_ms`: adds host, x-amz-date,
/// x-amz-content-sha256, x-amz-security-token (with a session token) and authorization. The
/// signed headers are those plus content-type when present.
void SignRequestSigV4(base::HttpRequest& request, const AwsCredentials& credentials,
                      const std::string& region, const std::string& service, int64_t wall_ms);

}  // namespace runner::providers
