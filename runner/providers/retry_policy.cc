#include "runner/providers/retry_policy.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

#include "runner/base/log.h"

namespace runner::providers {

RetryPolicy RetryPolicyFromEnv(const base::Env& env) {
  RetryPolicy policy;
  if (auto n = env.GetInt("CLAUDE_CODE_MAX_RETRIES")) {
    policy.max_retries = static_cast<int>(std::clamp<long long>(*n, 0, 1000));
  }
  return policy;
}

int64_t BackoffDelayMs(const RetryPolicy& policy, int retry, double random01) {
  double raw =
      static_cast<double>(policy.base_delay_ms) * std::ldexp(1.0, std::clamp(retry - 1, 0, 60));
  auto delay = static_cast<int64_t>(std::min(raw, static_cast<double>(policy.max_delay_ms)));
  return delay + static_cast<int64_t>(static_cast<double>(delay) * policy.max_jitter * random01);
}

namespace {

double Random01() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

int64_t DelayFor(const RetryPolicy& policy, const AttemptFailure& failure, int retry) {
  if (failure.retry_after_ms && *failure.retry_after_ms <= policy.max_retry_after_ms) {
    return *failure.retry_after_ms;
  }
  return BackoffDelayMs(policy, retry, Random01());
}

protocol::RetryEvent MakeRetryEvent(const RetryPolicy& policy, const AttemptFailure& failure,
                                    int retry, int64_t delay_ms) {
  protocol::RetryEvent event;
  event.attempt = retry;
  event.max_retries = policy.max_retries;
  event.retry_delay_ms = delay_ms;
  if (failure.error.http_status != 0) event.error_status = failure.error.http_status;
  event.error = failure.retry_error;
  return event;
}

}  // namespace

base::Result<protocol::AssistantReply> RunWithRetries(const RetryPolicy& policy,
                                                      StreamObserver& observer,
                                                      base::CancelToken& cancel,
                                                      const AttemptFn& attempt) {
  for (int n = 1;; ++n) {
    if (cancel.cancelled()) return base::Fail(CancelledError(cancel));
    observer.OnAttempt(n);
    AttemptResult result = attempt(n);
    if (result) return std::move(*result);
    AttemptFailure& failure = result.error();
    if (!failure.retryable || n > policy.max_retries) return base::Fail(std::move(failure.error));
    int64_t delay = DelayFor(policy, failure, n);
    base::log::Warn("model request failed ({}), retry {}/{} in {} ms: {}", failure.retry_error, n,
                    policy.max_retries, delay, failure.error.message);
    observer.OnRetry(MakeRetryEvent(policy, failure, n, delay));
    if (!base::SleepCancellable(delay, &cancel)) return base::Fail(CancelledError(cancel));
  }
}

}  // namespace runner::providers
