#pragma once
/// The real `@modelcontextprotocol/server-everything` (installed by `npm ci` in tests/mcp-http)
/// as a child process in its streamableHttp or sse mode, on a free loopback port. Stopped (TERM,
/// then KILL, on its process group) and reaped on destruction.

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "runner/base/result.h"

namespace mcp_http_test {

class EverythingServer {
 public:
  /// `mode` is "streamableHttp" or "sse". Waits until the port accepts connections.
  /// Errors: kIo when node_modules is missing (run `npm ci` in tests/mcp-http) or the server
  /// did not come up (the message has the end of its log).
  static runner::base::Result<std::unique_ptr<EverythingServer>> Start(const std::string& mode);
  ~EverythingServer();
  EverythingServer(const EverythingServer&) = delete;
  EverythingServer& operator=(const EverythingServer&) = delete;

  /// `http://127.0.0.1:<port><path>`: `/mcp` for streamableHttp, `/sse` for sse.
  std::string url(const std::string& path) const;
  /// Whatever the server printed so far.
  std::string log() const;

  /// tests/mcp-http/node_modules, and the Node 22 binary in it.
  static std::filesystem::path NodeModules();
  static std::filesystem::path Node();

 private:
  EverythingServer(pid_t pid, int port, std::filesystem::path log)
      : pid_(pid), port_(port), log_(std::move(log)) {}

  pid_t pid_;
  int port_;
  std::filesystem::path log_;
};

}  // namespace mcp_http_test
