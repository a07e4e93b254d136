#pragma once
/// A scripted base::HttpClient for unit tests: answers requests in order from queued responses,
/// streaming each body in the given chunks, and records every request it saw.

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runner/base/http.h"

namespace runner::testing {

struct FakeHttpResponse {
  int status = 200;
  base::Headers headers;
  std::vector<std::string> chunks;   ///< the body, delivered piece by piece
  std::optional<base::Error> error;  ///< a transport failure after the chunks
};

class FakeHttpClient : public base::HttpClient {
 public:
  /// A 200 text/event-stream answer whose body arrives in pieces of `chunk_size` bytes.
  static FakeHttpResponse Sse(std::string_view body, size_t chunk_size = 7,
                              base::Headers headers = {}) {
    FakeHttpResponse r;
    r.headers = std::move(headers);
    r.headers.emplace_back("content-type", "text/event-stream");
    for (size_t i = 0; i < body.size(); i += chunk_size) {
      r.chunks.emplace_back(body.substr(i, chunk_size));
    }
    return r;
  }
  /// A whole-body answer (typically an API error).
  static FakeHttpResponse Body(int status, std::string body, base::Headers headers = {}) {
    return FakeHttpResponse{status, std::move(headers), {std::move(body)}, std::nullopt};
  }
  /// A transport failure before any response.
  static FakeHttpResponse Transport(base::ErrorKind kind, std::string message) {
    return FakeHttpResponse{0, {}, {}, base::Error{kind, std::move(message)}};
  }

  void Push(FakeHttpResponse response) { responses_.push_back(std::move(response)); }
  const std::vector<base::HttpRequest>& requests() const { return requests_; }
  size_t pending() const { return responses_.size(); }

  base::Result<base::HttpResult> Send(const base::HttpRequest& request,
                                      const base::HttpChunkFn& on_chunk,
                                      base::CancelToken* cancel) override {
    requests_.push_back(request);
    if (responses_.empty()) return base::Fail(base::ErrorKind::kNetwork, "no scripted response");
    FakeHttpResponse r = std::move(responses_.front());
    responses_.pop_front();
    base::HttpResult result;
    result.head.status = r.status;
    result.head.headers = r.headers;
    for (const std::string& chunk : r.chunks) {
      if (cancel && cancel->cancelled()) {
        bool deadline = cancel->reason() == base::CancelReason::kDeadline;
        return base::Fail(deadline ? base::ErrorKind::kTimeout : base::ErrorKind::kInterrupted,
                          "request interrupted");
      }
      if (!on_chunk) {
        result.body += chunk;
      } else if (!on_chunk(result.head, chunk)) {
        return base::Fail(base::ErrorKind::kInterrupted, "transfer aborted by receiver");
      }
    }
    if (r.error) return base::Fail(*r.error);
    return result;
  }

 private:
  std::deque<FakeHttpResponse> responses_;
  std::vector<base::HttpRequest> requests_;
};

}  // namespace runner::testing
