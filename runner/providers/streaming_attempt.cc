#include "runner/providers/streaming_attempt.h"

#include <optional>

#include "runner/base/clock.h"
#include "runner/base/version.h"
#include "runner/providers/api_errors.h"

namespace runner::providers {

namespace {
constexpr size_t kMaxErrorBodyBytes = 64 * 1024;
}  // namespace

AttemptResult StreamingAttempt(base::HttpClient& http, const base::HttpRequest& request,
                               StreamObserver& observer, base::CancelToken& cancel,
                               int64_t timeout_ms, const StreamWire& wire) {
  ResponseStream stream(observer);
  std::optional<base::HttpResponseHead> head;  // as first seen with the body
  std::string error_body;
  auto on_chunk = [&](const base::HttpResponseHead& h, std::string_view chunk) {
    if (cancel.cancelled()) return false;
    if (!head) {
      head = h;
      stream.SetRequestId(base::FindHeader(h.headers, wire.request_id_header));
    }
    if (h.status == 200) return wire.feed(chunk, stream);
    if (error_body.size() < kMaxErrorBodyBytes) error_body.append(chunk);
    return true;
  };
  int64_t started_ms = base::MonotonicMs();
  auto sent = http.Send(request, on_chunk, &cancel);
  if (cancel.cancelled()) return std::unexpected(AttemptFailure{CancelledError(cancel)});
  if (sent) head = sent->head;
  std::string request_id = head ? base::FindHeader(head->headers, wire.request_id_header) : "";
  if (stream.abandoned()) return stream.Finish(std::nullopt, std::move(request_id));
  if (head && head->status != 200 && head->status != 0) {
    if (sent && error_body.empty()) error_body = sent->body;
    if (wire.error_body) error_body = wire.error_body(head->headers, error_body);
    return std::unexpected(FailureFromHttp(head->status, head->headers, error_body));
  }
  if (!sent) {
    bool timed_out = sent.error().kind == base::ErrorKind::kTimeout ||
                     base::MonotonicMs() - started_ms + 50 >= timeout_ms;
    return stream.Finish(FailureFromTransport(sent.error(), timed_out), std::move(request_id));
  }
  return stream.Finish(std::nullopt, std::move(request_id));
}

void AddClientHeaders(const ModelRequest& request, base::Headers& h) {
  if (!request.session_id.empty()) h.emplace_back("x-claude-code-session-id", request.session_id);
  if (!request.agent_id.empty()) h.emplace_back("x-claude-code-agent-id", request.agent_id);
  if (!request.parent_agent_id.empty()) h.emplace_back("x-claude-code-parent-agent-id", request.parent_agent_id);
  h.emplace_back("user-agent", std::string("claude-runner/") + base::kVersion);
}

std::string TrimTrailingSlashes(std::string url) {
  while (url.ends_with('/')) url.pop_back();
  return url;
}

}  // namespace runner::providers
