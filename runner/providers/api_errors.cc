#include "runner/providers/api_errors.h"

#include <cmath>

#include "runner/base/strings.h"

namespace runner::providers {

using base::ErrorKind;
using base::Json;

namespace {

/// The RetryEvent.error name for a retryable status.
std::string RetryErrorForStatus(int status) {
  if (status == 429) return kRetryRateLimit;
  if (status == 529) return kRetryOverloaded;
  if (status == 408) return kRetryTimeout;
  if (status >= 500) return kRetryServerError;
  return kRetryUnknown;
}

bool StatusIsRetryable(int status) {
  return status == 408 || status == 409 || status == 429 || (status >= 500 && status <= 599);
}

/// Fills api_type and message from an Anthropic error body when it is one.
void ReadErrorBody(std::string_view body, base::Error& error) {
  auto json = Json::Parse(body);
  if (json && (*json)["error"].is_object()) {
    error.api_type = (*json)["error"]["type"].AsString();
    error.message = (*json)["error"]["message"].AsString();
  }
  if (!error.message.empty()) return;
  std::string_view text = base::Trim(body);
  error.message = "HTTP " + std::to_string(error.http_status);
  if (!text.empty()) error.message += ": " + base::Utf8Prefix(text, 300);
}

std::optional<int64_t> ParseNonNegative(const std::string& text, double scale) {
  if (text.empty()) return std::nullopt;
  std::optional<double> value = base::ParseDouble(text);
  if (!value || !std::isfinite(*value) || *value < 0) return std::nullopt;
  return static_cast<int64_t>(std::llround(*value * scale));
}

}  // namespace

std::optional<int64_t> RetryAfterMs(const base::Headers& headers) {
  if (auto ms = ParseNonNegative(base::FindHeader(headers, "retry-after-ms"), 1)) return ms;
  return ParseNonNegative(base::FindHeader(headers, "retry-after"), 1000);
}

AttemptFailure FailureFromHttp(int status, const base::Headers& headers, std::string_view body) {
  AttemptFailure failure;
  failure.error.kind = (status == 401 || status == 403) ? ErrorKind::kAuth : ErrorKind::kApi;
  failure.error.http_status = status;
  ReadErrorBody(body, failure.error);
  std::string should_retry = base::ToLower(base::FindHeader(headers, "x-should-retry"));
  failure.retryable = should_retry == "true"    ? true
                      : should_retry == "false" ? false
                                                : StatusIsRetryable(status);
  failure.retry_error = status == 529 || failure.error.api_type == "overloaded_error"
                            ? kRetryOverloaded
                            : RetryErrorForStatus(status);
  failure.retry_after_ms = RetryAfterMs(headers);
  return failure;
}

AttemptFailure FailureFromStreamError(const Json& error) {
  AttemptFailure failure;
  failure.error.kind = ErrorKind::kApi;
  failure.error.api_type = error["type"].AsString();
  failure.error.message = error["message"].StringOr("stream error: " + failure.error.api_type);
  const std::string& type = failure.error.api_type;
  if (type == "overloaded_error") {
    failure.retry_error = kRetryOverloaded;
  } else if (type == "api_error") {
    failure.retry_error = kRetryServerError;
  } else if (type == "rate_limit_error") {
    failure.retry_error = kRetryRateLimit;
  }
  failure.retryable = !failure.retry_error.empty();
  return failure;
}

AttemptFailure FailureFromTransport(base::Error error, bool per_attempt_timeout) {
  AttemptFailure failure;
  failure.error = std::move(error);
  if (per_attempt_timeout) failure.error.kind = ErrorKind::kNetwork;
  failure.retryable = failure.error.kind == ErrorKind::kNetwork;
  failure.retry_error = per_attempt_timeout ? kRetryTimeout : kRetryNetwork;
  return failure;
}

base::Error CancelledError(const base::CancelToken& cancel) {
  if (cancel.reason() == base::CancelReason::kDeadline) {
    return base::Error{ErrorKind::kTimeout, "deadline reached during model request"};
  }
  return base::Error{ErrorKind::kInterrupted, "model request interrupted"};
}

}  // namespace runner::providers
