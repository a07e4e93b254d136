#pragma once
/// `claude-runner mcp serve`: the MCP server's JSON-RPC 2.0 side (docs/mcp-serve.md). One
/// line in, zero or one line out per message; `tools/call` runs on a thread of its own so that
/// `ping` and `notifications/cancelled` are answered while a call runs. Read-only calls run in
/// parallel (up to a limit); the other calls run one at a time, in the order they came, while
/// reads go on.
///
/// Permissions: the MCP client approves each call (as with Claude Code's `claude mcp serve`), so
/// no rule is asked; the Gate only keeps file tools inside the working directories.

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <expected>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/permissions/gate.h"
#include "runner/tools/tool.h"

namespace runner::cli {

/// Protocol versions we speak, newest first; the first is offered when the client's is unknown.
inline constexpr std::string_view kMcpProtocolVersions[] = {"2025-11-25", "2025-06-18",
                                                            "2025-03-26", "2024-11-05"};

/// JSON-RPC error codes.
enum class RpcError : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
};

/// A request that gets an error answer instead of a result.
struct RpcFailure {
  RpcError code;
  std::string message;
};
using RpcResult = std::expected<base::Json, RpcFailure>;

struct McpServerOptions {
  std::string version;       ///< serverInfo.version
  std::string instructions;  ///< the initialize answer's `instructions`; empty: none
  int max_parallel_reads = 10;
};

class McpServer {
 public:
  /// Receives each outgoing message (one JSON text without newline). Called from several
  /// threads, never at the same time.
  using WriteLine = std::function<void(std::string line)>;

  /// Serves `tools` (borrowed, in this order). `gate` confines file tools. `context` is the
  /// template of every call's ToolContext; each call gets its own cancel token.
  McpServer(std::vector<tools::Tool*> tools, const permissions::Gate& gate,
            tools::ToolContext context, McpServerOptions options, WriteLine write);
  /// Cancels the calls still running and waits for them.
  ~McpServer();
  McpServer(const McpServer&) = delete;
  McpServer& operator=(const McpServer&) = delete;

  /// Handles one line from the client. Everything but `tools/call` is answered before this
  /// returns; a call is answered by its thread when the tool is done.
  void HandleLine(std::string_view line);
  /// Cancels every running or waiting call (shutdown). Their answers are still written.
  void CancelAll();
  /// Blocks until every call started so far has answered. When `shutdown` fires meanwhile,
  /// cancels them all first (SIGTERM during the drain at end of input).
  void Wait(base::CancelToken& shutdown);

 private:
  struct Call;

  void HandleRequest(const base::Json& id, const std::string& method, const base::Json& params);
  void HandleNotification(const std::string& method, const base::Json& params);
  RpcResult Initialize(const base::Json& params);
  RpcResult Ping(const base::Json& params);
  RpcResult ListTools(const base::Json& params);
  /// Checks a `tools/call` and starts its thread; a malformed one gets its error at once.
  void StartCall(const base::Json& id, const base::Json& params);
  void RunCall(Call& call);
  tools::ToolResult Execute(Call& call);
  /// Waits for a slot (a parallel read, or the one exclusive slot); false when cancelled first.
  bool Acquire(Call& call, bool read_only);
  void Release(bool read_only);
  void CancelCall(const base::Json& request_id);
  void ReapFinished();
  tools::Tool* FindTool(std::string_view name) const;

  void Respond(const base::Json& id, base::Json result);
  void RespondError(const base::Json& id, const RpcFailure& failure);
  void Reject(const base::Json& id, RpcError code, std::string message);
  void Write(const base::Json& message);

  std::vector<tools::Tool*> tools_;
  const permissions::Gate& gate_;
  tools::ToolContext context_;
  McpServerOptions options_;
  WriteLine write_;
  std::mutex write_mu_;

  std::mutex mu_;  ///< guards what follows
  std::condition_variable cv_;
  std::list<std::unique_ptr<Call>> calls_;
  std::deque<Call*> exclusive_queue_;  ///< calls that are not read-only, in arrival order
  int reads_running_ = 0;
  bool exclusive_busy_ = false;
  int64_t next_call_ = 1;
};

}  // namespace runner::cli
