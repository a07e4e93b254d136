#pragma once
/// A client session with one MCP server over a Transport: the initialize handshake with
/// version negotiation, then tools, resources, prompts and ping; progress and list_changed
/// notifications; cancellation (notifications/cancelled) of abandoned calls. Thread-safe:
/// several tool calls may be in flight at once.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/mcp/transport.h"

namespace runner::mcp {

/// Protocol versions we speak, newest first; initialize offers the first.
extern const std::vector<std::string> kProtocolVersions;

struct ServerInfo {
  std::string protocol_version;  ///< what the server chose
  std::string name, version;     ///< serverInfo
  std::string instructions;
  base::Json capabilities;  ///< as sent
};

struct ToolInfo {
  std::string name;
  std::string title;
  std::string description;
  base::Json input_schema;   ///< object schema; `{"type":"object"}` when the server sent none
  base::Json output_schema;  ///< null when absent
  base::Json annotations;    ///< null when absent (readOnlyHint, destructiveHint, …)
};

struct ResourceInfo {
  std::string uri, name, title, description, mime_type;
};

struct PromptInfo {
  std::string name, title, description;
  base::Json arguments;  ///< array of {name, description, required}
};

/// Answers one server request (its `params`): the result to send, or an Error whose message goes
/// back as a JSON-RPC error (-32603).
using RequestHandler = std::function<base::Result<base::Json>(const base::Json& params)>;

/// `notifications/progress` for a call: progress, total (0 when unknown), message.
using ProgressFn = std::function<void(double progress, double total, const std::string& message)>;

class Client {
 public:
  /// Takes the transport; `client_name`/`client_version` go in clientInfo; `server_name` (the
  /// configuration's name) labels log lines.
  Client(std::unique_ptr<Transport> transport, std::string client_name, std::string client_version,
         std::string server_name = "");
  ~Client();  ///< Close()s

  /// Directories the client exposes as roots (absolute paths; answered to `roots/list` as
  /// file:// URIs). Call before Initialize: a non-empty list advertises the roots capability.
  /// Without roots, a server's `roots/list` gets "method not found".
  void SetRoots(std::vector<std::string> dirs);

  /// Answers the server's `method` requests (e.g. "elicitation/create") with `handler`, and
  /// declares `capability` (e.g. "elicitation", may be empty) with `capability_value` in
  /// initialize. Call before Initialize; runs on a transport thread. Without a handler, server
  /// requests other than ping and roots/list get "method not found" (the runner sets none: a
  /// headless run declines sampling and elicitation).
  void SetRequestHandler(std::string method, RequestHandler handler, std::string capability = "",
                         base::Json capability_value = base::Json::MakeObject());

  /// Starts the transport and runs initialize → notifications/initialized. Fails on timeout
  /// (kTimeout), on a version we do not speak, or when the transport fails.
  ///
  /// Session expiry: when a later call fails because the server's HTTP session expired (the
  /// transport's error says `data.sessionExpired`), the client runs initialize again on the
  /// same transport, which starts a new session, and retries the call once. Calls that fail
  /// together re-initialize once.
  base::Result<ServerInfo> Initialize(int64_t timeout_ms, base::CancelToken* cancel);

  /// tools/list, following nextCursor pages.
  base::Result<std::vector<ToolInfo>> ListTools(int64_t timeout_ms, base::CancelToken* cancel);
  /// tools/call: the CallToolResult as sent (content, structuredContent, isError). A JSON-RPC
  /// error is an Error whose message is the server's. On timeout or cancellation sends
  /// notifications/cancelled for the request. `progress` (may be empty) gets progress
  /// notifications (a progressToken is sent only when it is set). `meta` (an object, or null)
  /// is sent as the request's `_meta`, e.g. `{"claudecode/toolUseId": …}`.
  base::Result<base::Json> CallTool(const std::string& name, const base::Json& arguments,
                                    int64_t timeout_ms, base::CancelToken* cancel,
                                    const ProgressFn& progress = {},
                                    const base::Json& meta = base::Json());

  base::Result<std::vector<ResourceInfo>> ListResources(int64_t timeout_ms,
                                                        base::CancelToken* cancel);
  /// resources/read: the `contents` array.
  base::Result<base::Json> ReadResource(const std::string& uri, int64_t timeout_ms,
                                        base::CancelToken* cancel);
  base::Result<std::vector<PromptInfo>> ListPrompts(int64_t timeout_ms, base::CancelToken* cancel);
  /// prompts/get: the `messages` array.
  base::Result<base::Json> GetPrompt(const std::string& name, const base::Json& arguments,
                                     int64_t timeout_ms, base::CancelToken* cancel);
  base::Result<void> Ping(int64_t timeout_ms, base::CancelToken* cancel);

  /// Called (from a transport thread) when the server sends notifications/tools/list_changed.
  /// Set it before Initialize.
  void OnToolsChanged(std::function<void()> fn);
  const ServerInfo& server_info() const;  ///< valid after a successful Initialize
  /// Why the connection closed (empty while it is open).
  std::string close_reason() const;
  /// How many times the client re-initialized after an expired session.
  int reinitializations() const;
  /// True once the transport closed (crash, exit); later calls fail at once.
  bool closed() const;
  /// Closes the transport (stdio: the server process group is ended and reaped). Idempotent;
  /// calls waiting for an answer fail. Never call it from a transport callback.
  void Close();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace runner::mcp
