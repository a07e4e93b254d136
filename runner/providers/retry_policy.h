#pragma once
/// The retry loop every provider shares: attempt, classify, wait with backoff (or as the server
/// asks), tell the observer, try again; cancellable at every wait.

#include <cstdint>
#include <expected>
#include <functional>

#include "runner/base/cancel.h"
#include "runner/base/env.h"
#include "runner/base/result.h"
#include "runner/protocol/messages.h"
#include "runner/providers/api_errors.h"
#include "runner/providers/provider.h"

namespace runner::providers {

/// Backoff parameters; the defaults are Claude Code's.
struct RetryPolicy {
  int max_retries = 10;          ///< retries after the first attempt (CLAUDE_CODE_MAX_RETRIES)
  int64_t base_delay_ms = 500;   ///< delay before retry n is base·2^(n-1) …
  int64_t max_delay_ms = 32000;  ///< … capped here …
  double max_jitter = 0.25;      ///< … plus up to this fraction at random
  int64_t max_retry_after_ms = 300000;  ///< longer server hints fall back to the backoff
};

/// The default policy with CLAUDE_CODE_MAX_RETRIES applied (negative values count as 0).
RetryPolicy RetryPolicyFromEnv(const base::Env& env);

/// Delay before retry number `retry` (1-based) without a server hint; `random01` in [0, 1)
/// scales the jitter.
int64_t BackoffDelayMs(const RetryPolicy& policy, int retry, double random01);


/// One attempt: the reply, or why it failed.
using AttemptResult = std::expected<protocol::AssistantReply, AttemptFailure>;
using AttemptFn = std::function<AttemptResult(int attempt)>;

/// Calls observer.OnAttempt(n) then attempt(n) for n = 1, 2, … until a reply, a non-retryable
/// failure, max_retries retries, or cancellation (kInterrupted / kTimeout). Before each wait
/// it calls observer.OnRetry with the wait and the failure's status and kind.
base::Result<protocol::AssistantReply> RunWithRetries(const RetryPolicy& policy,
                                                      StreamObserver& observer,
                                                      base::CancelToken& cancel,
                                                      const AttemptFn& attempt);

}  // namespace runner::providers
