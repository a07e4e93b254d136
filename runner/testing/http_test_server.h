#pragma once
/// A small HTTP/1.1 server on 127.0.0.1 for unit tests of HTTP clients: every request goes to
/// one handler function, on its own thread, and every response closes its connection (so a
/// body without content-length, such as an SSE stream, ends when the handler returns).
/// Request bodies come with content-length or chunked transfer-encoding (decoded into `body`).
/// Requests are also recorded, in arrival order, for the test to inspect.

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "runner/base/files.h"
#include "runner/base/http.h"
#include "runner/base/result.h"

namespace runner::testing {

struct HttpTestRequest {
  std::string method;
  std::string target;     ///< path with query
  base::Headers headers;  ///< names lower-cased
  std::string body;       ///< decoded when it came chunked

  std::string path() const { return target.substr(0, target.find('?')); }
  /// The header's value; empty when absent.
  std::string header(std::string_view name) const { return base::FindHeader(headers, name); }
  bool has_header(std::string_view name) const;
};

/// The handler's side of one connection.
class HttpTestResponse {
 public:
  HttpTestResponse(int fd, const std::atomic<bool>& stopping) : fd_(fd), stopping_(stopping) {}
  /// A whole answer with content-length.
  void Send(int status, const base::Headers& headers, std::string_view body);
  /// The head of a streamed answer (no content-length: the body ends with the connection).
  bool Head(int status, const base::Headers& headers);
  /// A piece of a streamed body; false when the client went away.
  bool Write(std::string_view data);
  /// Sleeps `ms`; false early when the server stops or the client hung up.
  bool Wait(int64_t ms);
  /// Waits until the client hangs up or the server stops (an endless stream's end).
  void WaitForHangUp() { Wait(INT64_MAX / 4); }

 private:
  int fd_;
  const std::atomic<bool>& stopping_;
};

using HttpTestHandler = std::function<void(const HttpTestRequest&, HttpTestResponse&)>;

class HttpTestServer {
 public:
  /// Binds 127.0.0.1 on a free port and serves on a background thread.
  static base::Result<std::unique_ptr<HttpTestServer>> Start(HttpTestHandler handler);
  ~HttpTestServer();  ///< Stop()s
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return port_; }
  /// `http://127.0.0.1:<port><path>`.
  std::string url(std::string_view path = "") const;
  /// Every request read so far, in arrival order.
  std::vector<HttpTestRequest> requests() const;
  /// Stops accepting, ends waiting handlers early and joins every thread. Idempotent.
  void Stop();

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  HttpTestServer(HttpTestHandler handler, base::Fd listener, int port);
  void AcceptLoop();
  void Serve(int fd);

  HttpTestHandler handler_;
  base::Fd listener_;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread accept_thread_;
  mutable std::mutex mutex_;  // guards the two below
  std::list<Connection> connections_;
  std::vector<HttpTestRequest> requests_;
};

}  // namespace runner::testing
