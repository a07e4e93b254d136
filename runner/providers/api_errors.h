#pragma once
/// Classifies what went wrong in one API attempt: an HTTP error answer, an `error` event in
/// the stream, or a transport failure. Pure; the retry loop (retry_policy.h) acts on the result.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runner/base/http.h"
#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::providers {

/// `RetryEvent.error` values (system/api_retry).
inline constexpr char kRetryRateLimit[] = "rate_limit";
inline constexpr char kRetryServerError[] = "server_error";
inline constexpr char kRetryOverloaded[] = "overloaded";
inline constexpr char kRetryNetwork[] = "network_error";
inline constexpr char kRetryTimeout[] = "timeout";
inline constexpr char kRetryUnknown[] = "unknown";

/// Why one attempt failed, as the retry loop needs it.
struct AttemptFailure {
  base::Error error;  ///< what Send returns when this is not retried
  bool retryable = false;
  std::string retry_error;                ///< RetryEvent.error when retried
  std::optional<int64_t> retry_after_ms;  ///< the server's `retry-after(-ms)` hint
};

/// An HTTP answer with a status other than 200. 408, 409, 429 and 5xx are retryable unless
/// `x-should-retry: false`; `x-should-retry: true` makes any status retryable. The Error gets
/// kAuth for 401/403, else kApi, with http_status, api_type and the API's own message from a
/// `{"type":"error","error":{"type":…,"message":…}}` body (or the start of a non-JSON body).
AttemptFailure FailureFromHttp(int status, const base::Headers& headers, std::string_view body);

/// An `error` event in the stream (`{"type":"overloaded_error","message":…}`): overloaded_error,
/// api_error and rate_limit_error are retryable; anything else is a kApi error.
AttemptFailure FailureFromStreamError(const base::Json& error);

/// A transport failure (connect, reset, per-attempt timeout): retryable "network_error", or
/// "timeout" when `per_attempt_timeout` is set.
AttemptFailure FailureFromTransport(base::Error error, bool per_attempt_timeout);

/// The server's retry hint: `retry-after-ms` (milliseconds) or else `retry-after` (seconds);
/// nullopt when absent, negative or not a number (HTTP dates are not honoured).
std::optional<int64_t> RetryAfterMs(const base::Headers& headers);

/// The error a fired CancelToken stands for: kTimeout for a deadline, else kInterrupted.
base::Error CancelledError(const base::CancelToken& cancel);

}  // namespace runner::providers
