// MCP startup: three stdio servers started together against the slowest of them alone.
// Prints figures only (docs/benchmarks.md). Usage:
//   mcp_startup_bench [--runs N]
// Two sets: (1) server-everything and server-filesystem from tests/mcp (when installed) and
// tests/mcp/faulty/tiny_server.py answering initialize after 300 ms; node's start is CPU work,
// so on a small machine the three compete for cores. (2) three bash servers (almost no start-up
// CPU) that wait 300, 200 and 100 ms before answering initialize: what the overlap itself costs.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/env.h"
#include "runner/mcp/servers.h"
#include "runner/mcp/stdio_transport.h"

namespace {

using runner::mcp::ServerConfig;

const std::string kMcpDir = MCP_TEST_DIR;

ServerConfig Config(std::string name, std::vector<std::string> argv) {
  ServerConfig c;
  c.name = std::move(name);
  c.command = argv[0];
  c.args.assign(argv.begin() + 1, argv.end());
  return c;
}

ServerConfig Tiny(int delay_ms) {
  return Config("tiny-" + std::to_string(delay_ms),
                {"python3", kMcpDir + "/faulty/tiny_server.py", "slow-init", std::to_string(delay_ms)});
}

/// A minimal server in bash: waits `delay_ms`, answers initialize (id 1) and tools/list (id 2;
/// the client's first two requests), then reads until its input closes.
ServerConfig Sleeper(int delay_ms) {
  const char* script =
      "read -r _; sleep \"$1\"; "
      "echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\","
      "\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"sleeper\",\"version\":\"1\"}}}'; "
      "read -r _; read -r _; echo '{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{\"tools\":[]}}'; "
      "cat >/dev/null";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", delay_ms / 1000.0);
  return Config("bash-" + std::to_string(delay_ms), {"bash", "-c", script, "sleeper", seconds});
}

/// The server sets to measure, each with a title.
std::vector<std::pair<std::string, std::vector<ServerConfig>>> Sets() {
  std::vector<std::pair<std::string, std::vector<ServerConfig>>> out;
  std::string modules = kMcpDir + "/node_modules/@modelcontextprotocol/";
  std::string node = NODE_BIN;
  if (!node.empty() && std::filesystem::exists(modules + "server-everything/dist/index.js")) {
    out.push_back({"official servers (node) and a 300 ms python server",
                   {Config("everything", {node, modules + "server-everything/dist/index.js", "stdio"}),
                    Config("filesystem", {node, modules + "server-filesystem/dist/index.js", "/tmp"}),
                    Tiny(300)}});
  }
  out.push_back({"three bash servers answering after 300, 200 and 100 ms",
                 {Sleeper(300), Sleeper(200), Sleeper(100)}});
  return out;
}

/// Milliseconds StartAll takes for `configs` (every server must connect).
double StartupMs(const std::vector<ServerConfig>& configs, bool* all_connected) {
  runner::base::Env env = runner::base::Env::FromProcess();
  runner::mcp::ServersOptions options;
  options.client_version = "bench";
  options.roots = {"/tmp"};
  runner::mcp::Servers servers(configs, options, [&env](const ServerConfig& c)
                                   -> runner::base::Result<std::unique_ptr<runner::mcp::Transport>> {
    runner::mcp::StdioOptions o;
    o.server_name = c.name;
    o.spec.argv = {c.command};
    o.spec.argv.insert(o.spec.argv.end(), c.args.begin(), c.args.end());
    o.spec.env = {env.vars().begin(), env.vars().end()};
    return std::make_unique<runner::mcp::StdioTransport>(std::move(o));
  });
  int64_t start = runner::base::MonotonicMs();
  servers.StartAll(nullptr);
  double took = static_cast<double>(runner::base::MonotonicMs() - start);
  for (const auto& s : servers.all()) {
    if (s->status != runner::mcp::ServerStatus::kConnected) *all_connected = false;
  }
  return took;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 7;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
  }
  bool ok = true;
  std::printf("MCP stdio startup (spawn + initialize + tools/list), median of %d runs\n", runs);
  for (const auto& [title, all] : Sets()) {
  std::printf("%s:\n", title.c_str());
  double slowest = 0;
  std::string slowest_name;
  for (const ServerConfig& c : all) {
    std::vector<double> times;
    for (int r = 0; r < runs; ++r) times.push_back(StartupMs({c}, &ok));
    double m = Median(times);
    std::printf("  %-12s alone      %7.1f ms\n", c.name.c_str(), m);
    if (m > slowest) {
      slowest = m;
      slowest_name = c.name;
    }
  }
  std::vector<double> together;
  for (int r = 0; r < runs; ++r) together.push_back(StartupMs(all, &ok));
  double t = Median(together);
  std::printf("  all %zu together      %7.1f ms\n", all.size(), t);
  std::printf("  slowest alone (%s) %7.1f ms; together - slowest = %+.1f ms\n", slowest_name.c_str(),
              slowest, t - slowest);
  }
  if (!ok) std::printf("  (some server did not connect: the figures are not meaningful)\n");
  return ok ? 0 : 1;
}
