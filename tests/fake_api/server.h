#pragma once
/// A scripted fake of the Anthropic Messages API over real HTTP/1.1 on 127.0.0.1, for
/// end-to-end tests of the runner (and of anything else that speaks the Messages API).
/// `POST /v1/messages` (any query string) answers with the next replay-script turn exactly as
/// providers::AnswerFor describes it: SSE frames as text/event-stream with a
/// `request-id: req_replay_<n>` header, JSON errors with their status (and `retry-after`),
/// stalls, and streams broken by an `error` event. `POST /model/{id}/invoke-with-response-stream`
/// (Amazon Bedrock) answers the same turns in the AWS event-stream framing: one `chunk` event
/// per stream event (base64 JSON; no pings), an `error` event as an exception message, errors
/// as `{"message"}` with `x-amzn-errortype`, `x-amzn-requestid` for the request id; a SigV4
/// Authorization header of the wrong shape is refused with 403. `HEAD /` and `GET /` answer 200 (startup
/// probes); other paths answer 404. One thread per connection; every response closes its
/// connection.

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "runner/base/files.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/providers/replay_script.h"

namespace fake_api {

struct ServerOptions {
  runner::providers::ReplayScript script;
  int port = 0;                        ///< 0 = any free port
  std::filesystem::path requests_log;  ///< empty = none; else one JSON line per request
  std::filesystem::path pages_dir;     ///< GET /pages/<name> serves files from here (WebFetch tests)
};

class FakeMessagesServer {
 public:
  /// Binds 127.0.0.1:port and starts serving on a background thread.
  /// Errors: kIo when the socket cannot be bound or the log cannot be opened.
  static runner::base::Result<std::unique_ptr<FakeMessagesServer>> Start(ServerOptions options);
  /// Stops and joins every thread (as Stop()).
  ~FakeMessagesServer();
  FakeMessagesServer(const FakeMessagesServer&) = delete;
  FakeMessagesServer& operator=(const FakeMessagesServer&) = delete;

  int port() const { return port_; }
  /// `http://127.0.0.1:<port>`, for ANTHROPIC_BASE_URL.
  std::string base_url() const;
  /// Messages requests answered so far (each consumed one turn).
  size_t requests_served() const;
  /// Stops accepting, ends stalls and streams early, and joins all threads. Idempotent.
  void Stop();

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};
  };

  FakeMessagesServer(ServerOptions options, runner::base::Fd listener, int port);
  void AcceptLoop();
  void ReapFinished();
  void Serve(int fd);
  void ServeMessages(int fd, const runner::base::Json& body, bool bedrock);
  void ServePage(int fd, const std::string& name);
  void LogRequest(const runner::base::Json& line);
  /// Sleeps up to `ms`; false when the server is stopping or the peer hung up.
  bool Wait(int fd, int64_t ms);

  ServerOptions options_;
  runner::base::Fd listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mutex_;  // guards everything below
  std::list<Connection> connections_;
  size_t served_ = 0;
  std::optional<runner::base::LineAppender> log_;
};

}  // namespace fake_api
