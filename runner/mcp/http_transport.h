#pragma once
/// StreamableHttpTransport: MCP's streamable HTTP transport (protocol 2025-03-26 and later),
/// for servers configured as `{"type":"http","url":…,"headers":{…}}` (docs/mcp-transports.md).
///
/// - Every message is POSTed to the URL with `Accept: application/json, text/event-stream`.
///   A request's answer is JSON or an SSE stream, which may carry server requests and
///   notifications before the response; a notification's or response's answer is 202.
/// - The `Mcp-Session-Id` the server returns is sent on every later request, and the protocol
///   version, once set, as `MCP-Protocol-Version`. An `initialize` request starts a new session.
/// - After `notifications/initialized` a GET stream carries server-initiated messages; 405
///   means the server has none. The stream is reopened when it ends, with `Last-Event-ID`.
/// - A request's SSE stream that ends before its response, after the server gave an event id,
///   is resumed with GET + `Last-Event-ID` after the server's `retry:` time (SEP-1699).
/// - Requests the server cannot answer any more get a made-up JSON-RPC error response
///   (code kTransportErrorCode) through OnMessage, so no caller waits for nothing: HTTP
///   failures, streams that end for good, and session expiry. Expiry is a 404 (or a 400 that
///   names the session) to any request that carried a session id, the GET stream included.
///   The failing request's answer has `"sessionExpired": true` in its error's `data`; the
///   transport forgets the session and protocol version, answers every later request the same
///   way without sending it, and the owner should run initialize again, which starts afresh.
/// - A `notifications/cancelled` from the client also ends the cancelled request's stream.
/// - Close() cancels every transfer at once (no thread stays in libcurl), joins all threads,
///   then sends DELETE with the session id (405 is fine), bounded by close_timeout_ms.
/// - With an `auth` (HttpAuthorizer, e.g. OAuth client_credentials) its Authorization header
///   goes on every request; a POST answered 401 asks it for a new credential once and is sent
///   again. When that fails, the request fails with the 401 (`data.status`) and the reason.
/// OnClose is never called: HTTP has no connection to lose; failures are reported per request.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "runner/base/cancel.h"
#include "runner/base/http.h"
#include "runner/base/sse_parser.h"
#include "runner/mcp/jsonrpc_http.h"
#include "runner/mcp/oauth_client_credentials.h"
#include "runner/mcp/transport.h"

namespace runner::mcp {

struct HttpTransportOptions {
  std::string url;
  base::Headers headers;  ///< from the server's configuration (Authorization, …): on every request
  long connect_timeout_ms = 30000;
  long send_timeout_ms = 30000;       ///< a notification's or response's POST
  long close_timeout_ms = 2000;       ///< the DELETE that ends the session
  long get_stream_wait_ms = 2000;     ///< wait for the GET stream's answer after initialization
  int64_t reconnect_delay_ms = 1000;  ///< first reconnection delay when the server set no `retry:`
  int64_t max_reconnect_delay_ms = 30000;
  int max_reconnect_attempts = 2;  ///< failed reconnections in a row before giving up
  std::shared_ptr<HttpAuthorizer> auth;  ///< credentials obtained on a 401; null = none
};

class StreamableHttpTransport : public Transport {
 public:
  /// `http` is borrowed and must outlive the transport (it is used from several threads).
  StreamableHttpTransport(base::HttpClient& http, HttpTransportOptions options);
  ~StreamableHttpTransport() override;  ///< Close()s

  /// Only records the callbacks: the first POST opens the session. Errors: kConfig when the URL
  /// is not http(s).
  base::Result<void> Start(OnMessage on_message, OnClose on_close) override;
  /// A request returns at once (its answer comes through OnMessage); a notification or
  /// response returns once the server accepted it. Errors name the URL and the HTTP status.
  base::Result<void> Send(const base::Json& message) override;
  void SetProtocolVersion(const std::string& version) override;
  /// Must not be called from within OnMessage.
  void Close() override;
  std::string kind() const override { return "http"; }

  /// The session id the server assigned; empty before initialize and after expiry.
  std::string session_id() const;

 private:
  struct Exchange;  // one request in flight: its thread, token and answer state
  struct Stream;    // one logical SSE stream across reconnections
  struct Outcome;   // how one HTTP exchange ended
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  class TokenScope;

  void RunExchange(Exchange& exchange);
  void Resume(Exchange& exchange, Stream& stream);
  void RunGetStream(uint64_t generation);
  /// Opens the server-initiated stream and waits (get_stream_wait_ms at most) for its answer.
  void StartGetStream();
  void AnnounceGetStreamAnswered(Stream& stream);
  base::Result<void> SendNow(const base::Json& message);
  Outcome Transfer(const base::HttpRequest& request, Stream& stream, base::CancelToken& cancel);
  /// A POST of `body`, sent again once after a 401 when the authorizer got a new credential;
  /// `auth_error` gets why it could not.
  Outcome Post(const std::string& body, Stream& stream, base::CancelToken& cancel,
               std::string* sent_session, long timeout_ms, std::string& auth_error);
  /// Delivers the messages of a chunk of `stream` and notes its event id and retry time.
  void FeedEvents(base::SseParser& parser, std::string_view chunk, Stream& stream);
  void HandleFrame(const base::SseFrame& frame, Stream& stream);
  /// Delivers the messages of a whole JSON answer.
  void DeliverBody(std::string_view body);
  /// False when the event id was seen before (a server replaying more than it should).
  bool Remember(const std::string& event_id);
  void Deliver(base::Json message);
  /// Answers `exchange`'s request with an error unless it was answered or abandoned.
  void FailExchange(Exchange& exchange, const std::string& why, base::Json data = {});
  /// True, and the session forgotten, when `outcome` says the session `sent_session` expired.
  bool CheckExpired(const Outcome& outcome, const std::string& sent_session);
  void ForgetSessionLocked();
  static std::string ExpiredText(const std::string& session, const Outcome& out);
  /// Why the session expired and the HTTP status that said so; empty while it has not.
  std::pair<std::string, int> Expiry() const;
  /// A request to the URL with the protocol headers; `sent_session` gets the session id used.
  base::HttpRequest MakeRequest(const std::string& method, std::string body,
                                const std::string& last_event_id, std::string* sent_session) const;
  int64_t ReconnectDelay(int failures) const;
  /// Sleeps `ms`; false when the transport closes or `cancel` fires first.
  bool Wait(int64_t ms, base::CancelToken& cancel);
  void ReapFinishedLocked();

  base::HttpClient& http_;
  HttpTransportOptions options_;
  OnMessage on_message_;
  // One OnMessage at a time, in arrival order; recursive because OnMessage may Send() a
  // response whose answer (from a server that breaks the rules) carries messages too.
  std::recursive_mutex deliver_mutex_;
  std::atomic<bool> closing_{false};

  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable wake_;
  bool started_ = false;
  std::string session_id_;
  std::string protocol_version_;
  std::string expiry_;  // set when the session expired, until the next initialize
  int expiry_status_ = 0;
  uint64_t generation_ = 0;  // bumped when a session starts or ends: ends the old GET stream
  bool get_stream_running_ = false;
  bool get_stream_answered_ = false;  // the GET stream's first connection got an answer
  base::CancelToken* get_cancel_ = nullptr;  // the GET stream's token while it runs
  int64_t server_retry_ms_ = -1;
  std::list<Exchange> exchanges_;
  std::map<std::string, Exchange*> pending_;  // by IdKey, until answered
  std::set<base::CancelToken*> tokens_;       // every transfer in flight
  std::list<Worker> get_workers_;
  SeenEventIds seen_event_ids_;
};

}  // namespace runner::mcp
