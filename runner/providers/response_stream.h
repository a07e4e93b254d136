#pragma once
/// One attempt's streamed answer: body bytes → SseParser → JSON events → StreamAccumulator,
/// telling the StreamObserver as events arrive, and deciding at the end whether the attempt
/// produced a reply, a cut-off reply, or a (possibly retryable) failure. Both the HTTP and the
/// replay provider run their bytes through this, so they behave alike.

#include <optional>
#include <string>
#include <string_view>

#include "runner/base/sse_parser.h"
#include "runner/providers/api_errors.h"
#include "runner/providers/provider.h"
#include "runner/providers/retry_policy.h"
#include "runner/providers/stream_accumulator.h"

namespace runner::providers {

class ResponseStream {
 public:
  /// `observer` is borrowed for the stream's lifetime.
  explicit ResponseStream(StreamObserver& observer) : observer_(observer) {}

  /// Feeds body bytes of a 200 answer. Returns false once the stream should be abandoned (an
  /// `error` event or malformed data arrived); further bytes are ignored.
  bool Feed(std::string_view chunk);

  /// Feeds one already-framed stream event's JSON text (what an SSE frame's `data:` holds), for
  /// transports with their own framing (Bedrock's event stream). Same result as Feed.
  bool FeedEvent(std::string_view data);

  /// Abandons the stream with `failure` (a transport-level error event, e.g. a Bedrock
  /// exception message); Finish reports it unless message_stop already arrived.
  void Abandon(AttemptFailure failure) {
    if (abandoned_) return;
    stream_failure_ = std::move(failure);
    abandoned_ = true;
  }

  /// The `request-id` of the answer, known from its head: set before Feed so assistant events
  /// of completed blocks carry it.
  void SetRequestId(std::string request_id) {
    accumulator_.mutable_reply().request_id = std::move(request_id);
  }

  /// Ends the attempt. `transport` is the transport failure that ended the body early, if any.
  /// Returns the reply when message_stop arrived; a reply with `cut_off` when the stream broke
  /// after at least one block completed; otherwise the failure (the error event's, the
  /// transport's, or a retryable "network_error" for a stream that ended early or was empty).
  AttemptResult Finish(std::optional<AttemptFailure> transport, std::string request_id);

  bool abandoned() const { return abandoned_; }

 private:
  bool HandleData(std::string_view data);

  StreamObserver& observer_;
  base::SseParser parser_;
  StreamAccumulator accumulator_;
  std::optional<AttemptFailure> stream_failure_;  // from an error event or malformed data
  bool abandoned_ = false;
};

}  // namespace runner::providers
