#pragma once
/// The MCP servers of one run: started all at once (startup costs the slowest server, not the
/// sum), each with its own deadline (MCP_TIMEOUT); a server that fails is reported and left
/// out, and never fails the run. Owns the clients and so the server processes: CloseAll (or
/// the destructor) ends every one of them.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runner/base/cancel.h"
#include "runner/base/json.h"
#include "runner/base/result.h"
#include "runner/mcp/client.h"
#include "runner/mcp/config.h"
#include "runner/mcp/transport.h"

namespace runner::mcp {

/// What system/init reports for a server (SDK McpServerStatus.status).
enum class ServerStatus { kPending, kConnected, kFailed, kNeedsAuth };
std::string_view ServerStatusName(ServerStatus status);

/// One configured server and what became of it.
struct Server {
  ServerConfig config;
  ServerStatus status = ServerStatus::kPending;
  std::string error;             ///< why it failed (one line)
  ServerInfo info;               ///< connected only
  std::vector<ToolInfo> tools;   ///< connected only
  /// Connected servers with the `prompts` capability; empty when prompts/list failed.
  std::vector<PromptInfo> prompts;
  /// Set (from a transport thread) when the server announces a changed tool list.
  std::atomic<bool> tools_changed{false};
  std::unique_ptr<Client> client;  ///< connected only (null otherwise)
  int64_t startup_ms = 0;        ///< how long connecting took
  bool has_resources() const { return info.capabilities.Contains("resources"); }
  bool has_prompts() const { return info.capabilities.Contains("prompts"); }
};

/// Makes the transport for a server (stdio, http or sse); errors name what is unsupported.
using TransportFactory =
    std::function<base::Result<std::unique_ptr<Transport>>(const ServerConfig&)>;

struct ServersOptions {
  std::string client_name = "claude-runner";
  std::string client_version;
  int64_t startup_timeout_ms = 30000;  ///< MCP_TIMEOUT: connect + initialize + tools/list + prompts/list
  std::vector<std::string> roots;      ///< answered to roots/list (the working directories)
  int discovery_retries = 3;           ///< for transient errors of tools/list
};

class Servers {
 public:
  Servers(std::vector<ServerConfig> configs, ServersOptions options, TransportFactory factory);
  ~Servers();  ///< CloseAll()
  Servers(const Servers&) = delete;
  Servers& operator=(const Servers&) = delete;

  /// Connects every server in parallel and returns when each is connected or failed: lists its
  /// tools and, when it offers prompts, its prompts (a failed prompts/list leaves the server
  /// connected, without prompts). A server that announces a changed tool list while starting
  /// is listed again.
  void StartAll(base::CancelToken* cancel);
  /// Every configured server, in configuration order.
  const std::vector<std::unique_ptr<Server>>& all() const { return servers_; }
  /// The connected server named `name` (its configuration name), or null.
  Server* Find(std::string_view name) const;
  /// `[{"name", "status"}]` for system/init.
  base::Json StatusJson() const;
  /// True when some connected server offers resources.
  bool AnyResources() const;
  /// Ends every server (in parallel) and reaps its processes. Idempotent.
  void CloseAll();

 private:
  void Connect(Server& server, base::CancelToken* cancel);
  base::Result<std::vector<ToolInfo>> ListToolsWithRetries(Client& client, int64_t deadline,
                                                           base::CancelToken* cancel);

  std::vector<std::unique_ptr<Server>> servers_;
  ServersOptions options_;
  TransportFactory factory_;
};

}  // namespace runner::mcp
