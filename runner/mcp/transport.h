#pragma once
/// The mcp module owns the runner's MCP client (docs/mcp.md): server configuration
/// (config.h), transports (this file: stdio, streamable HTTP, legacy SSE), the JSON-RPC client
/// with the MCP lifecycle (client.h) and the set of a session's servers (servers.h). It knows
/// nothing of tools or the agent: tools/ adapts MCP tools to the Tool seam.

#include <functional>
#include <string>

#include "runner/base/json.h"
#include "runner/base/result.h"

namespace runner::mcp {

/// One connection to one server, carrying JSON-RPC messages both ways. Implementations:
/// StdioTransport (a child process, newline-delimited JSON on its stdin/stdout),
/// StreamableHttpTransport (POST per message; JSON or SSE answers; Mcp-Session-Id; a GET stream
/// for server-initiated messages), SseTransport (the legacy GET /sse + POST endpoint pair).
class Transport {
 public:
  /// Every message the server sends, in order, from a transport thread.
  using OnMessage = std::function<void(base::Json message)>;
  /// The connection ended (process exited, stream closed for good); `why` is for logs and
  /// errors. Called at most once, from a transport thread.
  using OnClose = std::function<void(std::string why)>;

  virtual ~Transport() = default;

  /// Connects (spawns the process, opens the SSE stream). The callbacks must stay valid until
  /// Close() returned. Errors name the server's command or URL and what failed.
  virtual base::Result<void> Start(OnMessage on_message, OnClose on_close) = 0;
  /// Sends one JSON-RPC message (request, notification or response). Thread-safe. For HTTP
  /// the answer to a request arrives through OnMessage like any other message.
  virtual base::Result<void> Send(const base::Json& message) = 0;
  /// The negotiated protocol version, sent by HTTP transports as MCP-Protocol-Version on every
  /// later request. Default: nothing to do.
  virtual void SetProtocolVersion(const std::string& version) { (void)version; }
  /// Ends the connection and frees everything: stdio closes stdin, then TERM and KILL the
  /// process group after a grace period and reaps it; HTTP sends DELETE with the session id.
  /// Idempotent; never blocks longer than the grace period.
  virtual void Close() = 0;
  /// For logs and the init message: "stdio", "http" or "sse".
  virtual std::string kind() const = 0;
};

}  // namespace runner::mcp
