#include "runner/providers/api_errors.h"

#include <gtest/gtest.h>

namespace runner::providers {
namespace {

using base::ErrorKind;

constexpr char kOverloaded[] =
    R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})";

TEST(FailureFromHttp, RetriesTransientStatuses) {
  for (int status : {408, 409, 429, 500, 502, 503, 529}) {
    EXPECT_TRUE(FailureFromHttp(status, {}, "").retryable) << status;
  }
  for (int status : {400, 401, 403, 404, 413}) {
    EXPECT_FALSE(FailureFromHttp(status, {}, "").retryable) << status;
  }
}

TEST(FailureFromHttp, NamesTheRetryKind) {
  EXPECT_EQ(FailureFromHttp(429, {}, "").retry_error, "rate_limit");
  EXPECT_EQ(FailureFromHttp(500, {}, "").retry_error, "server_error");
  EXPECT_EQ(FailureFromHttp(503, {}, "").retry_error, "server_error");
  EXPECT_EQ(FailureFromHttp(529, {}, "").retry_error, "overloaded");
  EXPECT_EQ(FailureFromHttp(500, {}, kOverloaded).retry_error, "overloaded");
}

TEST(FailureFromHttp, ReadsTheApiErrorBody) {
  AttemptFailure f = FailureFromHttp(
      400, {}, R"({"type":"error","error":{"type":"invalid_request_error","message":"bad"}})");
  EXPECT_EQ(f.error.kind, ErrorKind::kApi);
  EXPECT_EQ(f.error.http_status, 400);
  EXPECT_EQ(f.error.api_type, "invalid_request_error");
  EXPECT_EQ(f.error.message, "bad");
}

TEST(FailureFromHttp, AuthStatusesAreAuthErrors) {
  EXPECT_EQ(FailureFromHttp(401, {}, "").error.kind, ErrorKind::kAuth);
  AttemptFailure f = FailureFromHttp(403, {}, "<html>403 Forbidden</html>");
  EXPECT_EQ(f.error.kind, ErrorKind::kAuth);
  EXPECT_EQ(f.error.message, "HTTP 403: <html>403 Forbidden</html>");
  EXPECT_TRUE(f.error.api_type.empty());
}

TEST(FailureFromHttp, ShouldRetryHeaderOverridesStatus) {
  EXPECT_FALSE(FailureFromHttp(500, {{"x-should-retry", "false"}}, "").retryable);
  EXPECT_TRUE(FailureFromHttp(400, {{"X-Should-Retry", "true"}}, "").retryable);
}

TEST(RetryAfterMs, PrefersMillisecondsThenSeconds) {
  EXPECT_EQ(RetryAfterMs({{"retry-after", "2"}}), 2000);
  EXPECT_EQ(RetryAfterMs({{"Retry-After", "0.5"}}), 500);
  EXPECT_EQ(RetryAfterMs({{"retry-after-ms", "150"}, {"retry-after", "9"}}), 150);
  EXPECT_EQ(RetryAfterMs({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}), std::nullopt);
  EXPECT_EQ(RetryAfterMs({{"retry-after", "-1"}}), std::nullopt);
  EXPECT_EQ(RetryAfterMs({}), std::nullopt);
}

TEST(FailureFromStreamError, RetriesOverloadedAndApiErrors) {
  auto j = [](std::string_view type) {
    return base::JsonObject({{"type", type}, {"message", "m"}});
  };
  EXPECT_EQ(FailureFromStreamError(j("overloaded_error")).retry_error, "overloaded");
  EXPECT_TRUE(FailureFromStreamError(j("overloaded_error")).retryable);
  EXPECT_EQ(FailureFromStreamError(j("api_error")).retry_error, "server_error");
  AttemptFailure other = FailureFromStreamError(j("invalid_request_error"));
  EXPECT_FALSE(other.retryable);
  EXPECT_EQ(other.error.kind, ErrorKind::kApi);
  EXPECT_EQ(other.error.api_type, "invalid_request_error");
  EXPECT_EQ(other.error.message, "m");
}

TEST(FailureFromTransport, NetworkErrorsRetryButInterruptsDoNot) {
  AttemptFailure net = FailureFromTransport({ErrorKind::kNetwork, "refused"}, false);
  EXPECT_TRUE(net.retryable);
  EXPECT_EQ(net.retry_error, "network_error");
  AttemptFailure timeout = FailureFromTransport({ErrorKind::kTimeout, "slow"}, true);
  EXPECT_TRUE(timeout.retryable);
  EXPECT_EQ(timeout.retry_error, "timeout");
  EXPECT_FALSE(FailureFromTransport({ErrorKind::kInterrupted, "x"}, false).retryable);
}

TEST(CancelledError, DeadlineIsTimeoutOtherwiseInterrupted) {
  base::CancelToken deadline;
  deadline.Cancel(base::CancelReason::kDeadline);
  EXPECT_EQ(CancelledError(deadline).kind, ErrorKind::kTimeout);
  base::CancelToken sigint;
  sigint.Cancel(base::CancelReason::kInterrupt);
  EXPECT_EQ(CancelledError(sigint).kind, ErrorKind::kInterrupted);
}

}  // namespace
}  // namespace runner::providers
