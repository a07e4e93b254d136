#include "runner/providers/replay_provider.h"

#include <algorithm>

#include "runner/providers/anthropic_provider.h"
#include "runner/providers/replay_answer.h"
#include "runner/providers/response_stream.h"

namespace runner::providers {

using base::ErrorKind;

namespace {

AttemptFailure TimedOut(int64_t timeout_ms) {
  return FailureFromTransport(
      base::Error{ErrorKind::kNetwork,
                  "request timed out after " + std::to_string(timeout_ms) + " ms"},
      true);
}

}  // namespace

ReplayOptions ReplayOptionsFromEnv(const base::Env& env) {
  AnthropicOptions http = AnthropicOptionsFromEnv(env);
  ReplayOptions options;
  options.retry = http.retry;
  options.timeout_ms = http.timeout_ms;
  options.encode = EncodeOptions{http.caching, http.max_output_tokens};
  return options;
}

ReplayProvider::ReplayProvider(ReplayScript script, ReplayOptions options)
    : script_(std::move(script)), options_(std::move(options)) {}

base::Result<protocol::AssistantReply> ReplayProvider::Send(const ModelRequest& request,
                                                            StreamObserver& observer,
                                                            base::CancelToken& cancel) {
  base::Json body = EncodeRequestBody(request, options_.encode);
  return RunWithRetries(options_.retry, observer, cancel,
                        [&](int) { return Attempt(body, observer, cancel); });
}

AttemptResult ReplayProvider::Attempt(const base::Json& body, StreamObserver& observer,
                                      base::CancelToken& cancel) {
  size_t number = ++served_;
  ReplayAnswer answer = AnswerFor(script_, number, body);
  auto cancelled = [&] { return std::unexpected(AttemptFailure{CancelledError(cancel)}); };
  int64_t timeout = options_.timeout_ms;
  if (!base::SleepCancellable(std::min(answer.delay_ms, timeout), &cancel)) return cancelled();
  if (answer.delay_ms >= timeout) return std::unexpected(TimedOut(timeout));
  if (answer.status != 200) {
    return std::unexpected(FailureFromHttp(answer.status, answer.headers, answer.body));
  }
  ResponseStream stream(observer);
  stream.SetRequestId(ReplayRequestId(number));
  if (answer.stall_ms) {
    if (!base::SleepCancellable(std::min(*answer.stall_ms, timeout - answer.delay_ms), &cancel)) {
      return cancelled();
    }
    if (answer.delay_ms + *answer.stall_ms >= timeout) {
      return stream.Finish(TimedOut(timeout), ReplayRequestId(number));
    }
  }
  for (const std::string& frame : answer.frames) {
    if (cancel.cancelled()) return cancelled();
    if (!stream.Feed(frame)) break;
  }
  return stream.Finish(std::nullopt, ReplayRequestId(number));
}

}  // namespace runner::providers
