#pragma once
/// SseTransport: MCP's legacy HTTP+SSE transport (protocol 2024-11-05), for servers configured
/// as `{"type":"sse","url":…,"headers":{…}}` (docs/mcp-transports.md).
///
/// Start() opens `GET <url>` as an event stream and waits for its `endpoint` event, whose data
/// is the URL (usually relative, e.g. `/message?sessionId=…`) to POST messages to; it must be on
/// the stream's origin. Every server message then arrives as a `message` event on that one
/// stream; a POST's own answer is only an acknowledgement (202). There is no resumption: when
/// the stream ends, the session is gone, and OnClose says why.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/base/sse_parser.h"
#include "runner/mcp/transport.h"

namespace runner::mcp {

struct SseTransportOptions {
  std::string url;        ///< the event stream, e.g. http://host:port/sse
  base::Headers headers;  ///< from the server's configuration (Authorization, …): on every request
  long connect_timeout_ms = 30000;  ///< connecting, and then waiting for the `endpoint` event
  long send_timeout_ms = 30000;     ///< one POST
};

class SseTransport : public Transport {
 public:
  /// `http` is borrowed and must outlive the transport (it is used from several threads).
  SseTransport(base::HttpClient& http, SseTransportOptions options);
  ~SseTransport() override;  ///< Close()s

  /// Opens the stream and waits for the endpoint. Errors: kConfig for a URL that is not
  /// http(s), kTimeout when no endpoint event came in time, kNetwork when the stream failed or
  /// was refused (the message has the HTTP status and the server's words) or the endpoint is on
  /// another origin.
  base::Result<void> Start(OnMessage on_message, OnClose on_close) override;
  /// POSTs one message to the endpoint; the answer arrives through OnMessage. Errors name the
  /// endpoint and the HTTP status (404: the server forgot the session).
  base::Result<void> Send(const base::Json& message) override;
  void SetProtocolVersion(const std::string& version) override;
  /// Ends the stream and every POST in flight at once and joins the reader thread. Must not be
  /// called from within OnMessage or OnClose.
  void Close() override;
  std::string kind() const override { return "sse"; }

  /// The POST URL from the endpoint event; empty before it came.
  std::string endpoint() const;

 private:
  void Read();
  void HandleFrame(const base::SseFrame& frame);
  void SetEndpoint(const std::string& data);

  base::HttpClient& http_;
  SseTransportOptions options_;
  OnMessage on_message_;
  OnClose on_close_;
  base::CancelToken stream_cancel_;
  std::thread reader_;
  std::atomic<bool> closing_{false};
  std::recursive_mutex deliver_mutex_;  // one callback at a time (OnMessage may Send)

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable changed_;
  std::string endpoint_;
  std::string protocol_version_;
  bool stream_ended_ = false;
  std::string stream_error_;             // why the stream ended or was refused
  int stream_status_ = 0;                // the GET's HTTP status once the stream ended
  std::set<base::CancelToken*> tokens_;  // POSTs in flight
};

}  // namespace runner::mcp
