#include "runner/providers/response_stream.h"

namespace runner::providers {

using base::ErrorKind;
using base::Json;

namespace {

AttemptFailure MalformedStream(std::string detail) {
  AttemptFailure failure;
  failure.error = base::Error{ErrorKind::kApi, "malformed API stream: " + std::move(detail)};
  failure.retryable = true;
  failure.retry_error = kRetryNetwork;
  return failure;
}

AttemptFailure EndedEarly(bool started) {
  AttemptFailure failure;
  failure.error.kind = ErrorKind::kNetwork;
  failure.error.message = started ? "API stream ended before message_stop"
                                  : "API returned an empty or malformed response (HTTP 200)";
  failure.retryable = true;
  failure.retry_error = kRetryNetwork;
  return failure;
}

}  // namespace

bool ResponseStream::Feed(std::string_view chunk) {
  if (abandoned_) return false;
  for (const base::SseFrame& frame : parser_.Feed(chunk)) {
    if (!HandleData(frame.data)) {
      abandoned_ = true;
      return false;
    }
  }
  return true;
}

bool ResponseStream::FeedEvent(std::string_view data) {
  if (abandoned_) return false;
  if (!HandleData(data)) abandoned_ = true;
  return !abandoned_;
}

bool ResponseStream::HandleData(std::string_view data) {
  auto event = Json::Parse(data);
  if (!event || !event->is_object()) {
    stream_failure_ = MalformedStream("event data is not a JSON object");
    return false;
  }
  auto step = accumulator_.Apply(*event);
  if (!step) {
    stream_failure_ = MalformedStream(step.error().message);
    return false;
  }
  if (step->error) {
    stream_failure_ = FailureFromStreamError(*step->error);
    return false;
  }
  const std::string& type = (*event)["type"].AsString();
  if (type != "ping") observer_.OnStreamEvent(*event, accumulator_.reply().id);
  if (step->completed_block)
    observer_.OnBlockComplete(accumulator_.reply(), *step->completed_block);
  return true;
}

AttemptResult ResponseStream::Finish(std::optional<AttemptFailure> transport,
                                     std::string request_id) {
  protocol::AssistantReply& reply = accumulator_.mutable_reply();
  reply.request_id = std::move(request_id);
  if (accumulator_.message_stopped()) return std::move(reply);
  std::optional<AttemptFailure> failure = stream_failure_ ? stream_failure_ : transport;
  if (!failure) failure = EndedEarly(accumulator_.message_started());
  if (accumulator_.completed_blocks() > 0) {
    reply.cut_off = true;
    return std::move(reply);
  }
  return std::unexpected(std::move(*failure));
}

}  // namespace runner::providers
