#include "runner/providers/retry_policy.h"

#include <gtest/gtest.h>

#include <map>

#include "runner/base/clock.h"
#include "runner/testing/recording_observer.h"

namespace runner::providers {
namespace {

using base::ErrorKind;

AttemptFailure Failure(int status, bool retryable, std::optional<int64_t> retry_after = {}) {
  AttemptFailure f;
  f.error = base::Error{ErrorKind::kApi, "boom", status};
  f.retryable = retryable;
  f.retry_error = "server_error";
  f.retry_after_ms = retry_after;
  return f;
}

RetryPolicy FastPolicy(int max_retries) {
  return RetryPolicy{
      .max_retries = max_retries, .base_delay_ms = 1, .max_delay_ms = 4, .max_jitter = 0};
}

TEST(BackoffDelayMs, DoublesFromHalfSecondUpToCap) {
  RetryPolicy p;
  EXPECT_EQ(BackoffDelayMs(p, 1, 0), 500);
  EXPECT_EQ(BackoffDelayMs(p, 2, 0), 1000);
  EXPECT_EQ(BackoffDelayMs(p, 7, 0), 32000);
  EXPECT_EQ(BackoffDelayMs(p, 40, 0), 32000);
  EXPECT_EQ(BackoffDelayMs(p, 1, 0.999), 624);  // at most 25% jitter
}

TEST(RetryPolicyFromEnv, ReadsMaxRetries) {
  EXPECT_EQ(RetryPolicyFromEnv(base::Env()).max_retries, 10);
  base::Env env(std::map<std::string, std::string>{{"CLAUDE_CODE_MAX_RETRIES", "2"}});
  EXPECT_EQ(RetryPolicyFromEnv(env).max_retries, 2);
}

TEST(RunWithRetries, RetriesUntilSuccessAndReportsEachRetry) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto result = RunWithRetries(FastPolicy(5), observer, cancel, [](int n) -> AttemptResult {
    if (n < 3) return std::unexpected(Failure(500, true));
    protocol::AssistantReply reply;
    reply.id = "msg_ok";
    return reply;
  });
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->id, "msg_ok");
  EXPECT_EQ(observer.attempts, (std::vector<int>{1, 2, 3}));
  ASSERT_EQ(observer.retries.size(), 2u);
  EXPECT_EQ(observer.retries[0].attempt, 1);
  EXPECT_EQ(observer.retries[0].max_retries, 5);
  EXPECT_EQ(observer.retries[0].retry_delay_ms, 1);
  EXPECT_EQ(observer.retries[0].error_status, 500);
  EXPECT_EQ(observer.retries[0].error, "server_error");
  EXPECT_EQ(observer.retries[1].retry_delay_ms, 2);
}

TEST(RunWithRetries, StopsAfterMaxRetries) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto result = RunWithRetries(FastPolicy(2), observer, cancel, [](int) -> AttemptResult {
    return std::unexpected(Failure(503, true));
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().http_status, 503);
  EXPECT_EQ(observer.attempts.size(), 3u);
  EXPECT_EQ(observer.retries.size(), 2u);
}

TEST(RunWithRetries, DoesNotRetryPermanentFailures) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  auto result = RunWithRetries(FastPolicy(5), observer, cancel, [](int) -> AttemptResult {
    return std::unexpected(Failure(400, false));
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(observer.attempts.size(), 1u);
  EXPECT_TRUE(observer.retries.empty());
}

TEST(RunWithRetries, HonoursServerRetryAfter) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  RetryPolicy policy = FastPolicy(1);
  auto result = RunWithRetries(policy, observer, cancel, [](int) -> AttemptResult {
    return std::unexpected(Failure(429, true, 0));
  });
  ASSERT_EQ(observer.retries.size(), 1u);
  EXPECT_EQ(observer.retries[0].retry_delay_ms, 0);
}

TEST(RunWithRetries, CancellationDuringWaitEndsWithInterrupted) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  RetryPolicy policy{.max_retries = 3, .base_delay_ms = 60000, .max_jitter = 0};
  int64_t start = base::MonotonicMs();
  auto result = RunWithRetries(policy, observer, cancel, [&](int) -> AttemptResult {
    cancel.Cancel(base::CancelReason::kInterrupt);
    return std::unexpected(Failure(500, true));
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::kInterrupted);
  EXPECT_LT(base::MonotonicMs() - start, 1000);
}

TEST(RunWithRetries, DeadlineEndsWithTimeout) {
  testing::RecordingObserver observer;
  base::CancelToken cancel;
  cancel.SetDeadlineMs(base::MonotonicMs() + 30);
  RetryPolicy policy{.max_retries = 3, .base_delay_ms = 60000, .max_jitter = 0};
  auto result = RunWithRetries(policy, observer, cancel, [](int) -> AttemptResult {
    return std::unexpected(Failure(500, true));
  });
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().kind, ErrorKind::kTimeout);
}

}  // namespace
}  // namespace runner::providers
