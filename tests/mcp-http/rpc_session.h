#pragma once
/// A minimal, hand-written JSON-RPC client over an mcp::Transport, for the tests against real
/// MCP peers and the conformance client: numbered requests with blocking waits for their
/// responses, the MCP initialize handshake, every other message kept, and server requests
/// answered by a handler. It is deliberately small; the runner's own client is mcp::Client.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/mcp/transport.h"

namespace mcp_http_test {

using runner::base::Json;
using runner::base::Result;

class RpcSession {
 public:
  /// Answers one server request: the `result` to send, or an Error for a JSON-RPC error.
  using ServerRequestFn = std::function<Result<Json>(const Json& request)>;

  /// Borrows `transport`; Close() closes it.
  explicit RpcSession(runner::mcp::Transport& transport) : transport_(transport) {}
  ~RpcSession() { Close(); }

  /// Starts the transport. Server requests go to `on_request` (empty: "method not found").
  Result<void> Start(ServerRequestFn on_request = {});
  /// initialize (offering `version`, declaring `capabilities`) → protocol version →
  /// notifications/initialized. Returns the initialize result.
  Result<Json> Initialize(const std::string& version, Json capabilities = Json::MakeObject());
  /// Sends a request and waits for its response. Returns the result; a JSON-RPC error (the
  /// server's or one the transport made up) is an Error with its message.
  Result<Json> Call(const std::string& method, Json params, int64_t timeout_ms = 15000);
  /// The whole error object of the last failed Call (null when it succeeded).
  Json last_error() const;
  Result<void> Notify(const std::string& method, Json params = Json::MakeObject());
  /// Notifications received so far, in order.
  std::vector<Json> notifications() const;
  void Close() { transport_.Close(); }

 private:
  void OnMessage(Json message);

  runner::mcp::Transport& transport_;
  ServerRequestFn on_request_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  int64_t next_id_ = 1;
  std::map<int64_t, Json> responses_;
  std::vector<Json> notifications_;
  Json last_error_;
};

}  // namespace mcp_http_test
