#pragma once
/// A Provider that plays a replay script in process (`--replay FILE`). Each request consumes
/// the next turn; the turn's answer (replay_answer.h) goes through the same SSE parser, stream
/// accumulator and retry loop as a real HTTP answer, so a replayed run reports exactly what
/// the same script served by tests/fake_api would.

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "runner/base/env.h"
#include "runner/providers/provider.h"
#include "runner/providers/replay_script.h"
#include "runner/providers/request_encoding.h"
#include "runner/providers/retry_policy.h"

namespace runner::providers {

struct ReplayOptions {
  RetryPolicy retry;            ///< as for the HTTP provider (CLAUDE_CODE_MAX_RETRIES)
  int64_t timeout_ms = 600000;  ///< per attempt (API_TIMEOUT_MS): bounds delays and stalls
  EncodeOptions encode;         ///< how requests are encoded for usage estimates and `expect`
};

/// CLAUDE_CODE_MAX_RETRIES, API_TIMEOUT_MS, DISABLE_PROMPT_CACHING and
/// CLAUDE_CODE_MAX_OUTPUT_TOKENS, read as AnthropicOptionsFromEnv reads them.
ReplayOptions ReplayOptionsFromEnv(const base::Env& env);

class ReplayProvider : public Provider {
 public:
  ReplayProvider(ReplayScript script, ReplayOptions options);

  base::Result<protocol::AssistantReply> Send(const ModelRequest& request, StreamObserver& observer,
                                              base::CancelToken& cancel) override;
  std::string ApiKeySource() const override { return "none"; }

  /// How many requests (attempts) have been answered so far.
  size_t requests_served() const { return served_.load(); }

 private:
  AttemptResult Attempt(const base::Json& body, StreamObserver& observer,
                        base::CancelToken& cancel);

  ReplayScript script_;
  ReplayOptions options_;
  std::atomic<size_t> served_{0};  // turns consumed
};

}  // namespace runner::providers
